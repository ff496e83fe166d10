import Foundation

/// The folder for what can be fetched or rebuilt again (downloads, unpacked datasets, local
/// models): `$CURATOR_CACHE_DIR`, else `$XDG_CACHE_HOME/curator`, else `~/.cache/curator` —
/// the same folder the setup scripts install into.
public struct CacheDirectory: Sendable {
    public let path: String

    /// The folder at `path`.
    public init(path: String) { self.path = path }

    /// `explicit` when given, else the folder the variables name (an executable reads them
    /// from its environment and passes them in).
    public init(explicit: String?, environment env: [String: String]) {
        if let explicit { path = explicit }
        else if let dir = env["CURATOR_CACHE_DIR"], !dir.isEmpty { path = dir }
        else if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { path = xdg + "/curator" }
        else { path = NSHomeDirectory() + "/.cache/curator" }
    }
}
