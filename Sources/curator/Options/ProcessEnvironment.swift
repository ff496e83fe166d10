import CuratorCore
import CuratorHTTP
import Foundation

/// The process's environment variables, read once, here at the edge: the libraries never read
/// the environment, they are handed these values (a state or cache folder, the variables an
/// LLM configuration names) or told the process-wide settings at start-up.
enum ProcessEnvironment {
    static let variables = ProcessInfo.processInfo.environment

    /// A variable's value, nil when unset or empty.
    static func value(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// Hands the libraries their process-wide settings: `CURATOR_THREADS` (threads of the
    /// parallel loops) and `no_proxy` (hosts reached without a proxy). Called once, first.
    static func configureLibraries() {
        if let value = value("CURATOR_THREADS"), let threads = Int(value), threads > 0 { Parallel.setThreadCount(threads) }
        HTTPClient.setNoProxyHosts(value("no_proxy") ?? value("NO_PROXY"))
    }

    /// `--prompts`, else `$CURATOR_PROMPTS`, else nil (the templates beside the executable).
    static func promptsFolder(_ explicit: String?) -> String? { explicit ?? value("CURATOR_PROMPTS") }

    /// The cache folder: `explicit`, else `$CURATOR_CACHE_DIR`, `$XDG_CACHE_HOME/curator`, `~/.cache/curator`.
    static func cacheDirectory(_ explicit: String? = nil) -> CacheDirectory { CacheDirectory(explicit: explicit, environment: variables) }

    /// The state folder: `explicit`, else `$CURATOR_STATE`, `$XDG_DATA_HOME/curator`, `~/.local/share/curator`.
    static func stateDirectory(_ explicit: String?) -> StateDirectory { StateDirectory(explicit: explicit, environment: variables) }
}
