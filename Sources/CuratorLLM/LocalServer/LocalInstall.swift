import CuratorCore
import Foundation

/// Where `scripts/install-llm.sh` put the llama.cpp server and the model.
public struct LocalInstall: Sendable, Equatable {
    /// The `llama-server` binary, if found.
    public var serverBinary: String?
    /// The Gemma 3 270M GGUF file, if found.
    public var modelPath: String?

    /// The cache folder the variables name (`CacheDirectory`): `$CURATOR_CACHE_DIR`, default
    /// `~/.cache/curator` (`$XDG_CACHE_HOME/curator`).
    public static func cacheFolder(environment: [String: String]) -> URL {
        URL(fileURLWithPath: CacheDirectory(explicit: nil, environment: environment).path)
    }

    /// Looks in the environment (`CURATOR_LLAMA_SERVER`, `CURATOR_LLM_MODEL`), then in the cache
    /// folder's `llm.env`, then in the cache folder's default places.
    public static func discover(environment: [String: String]) -> LocalInstall {
        let cache = cacheFolder(environment: environment)
        var values = readEnvFile(cache.appendingPathComponent("llm.env"))
        for key in ["CURATOR_LLAMA_SERVER", "CURATOR_LLM_MODEL"] {
            if let value = environment[key], !value.isEmpty { values[key] = value }
        }
        let manager = FileManager.default
        var server = values["CURATOR_LLAMA_SERVER"].flatMap { manager.isExecutableFile(atPath: $0) ? $0 : nil }
        if server == nil {
            let folder = cache.appendingPathComponent("llama.cpp")
            let versions = (try? manager.contentsOfDirectory(atPath: folder.path))?.sorted().reversed() ?? []
            server = versions.lazy.map { folder.appendingPathComponent("\($0)/bin/llama-server").path }
                .first { manager.isExecutableFile(atPath: $0) }
        }
        var model = values["CURATOR_LLM_MODEL"].flatMap { manager.fileExists(atPath: $0) ? $0 : nil }
        if model == nil {
            let path = cache.appendingPathComponent("models/gemma-3-270m-q4_k_m.gguf").path
            model = manager.fileExists(atPath: path) ? path : nil
        }
        return LocalInstall(serverBinary: server, modelPath: model)
    }

    /// `KEY=value` lines; `#` comments and blank lines skipped.
    static func readEnvFile(_ url: URL) -> [String: String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            values[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        return values
    }
}
