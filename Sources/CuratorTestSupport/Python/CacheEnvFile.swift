import CuratorCore
import Foundation

/// The `NAME=value` files the install scripts write into the cache folder (`spark.env`,
/// `openai.env`), naming what they installed for the tests to find.
public enum CacheEnvFile {
    /// The values of `file` in the cache folder, or nil when it is missing.
    public static func values(_ file: String, cache: String = CacheDirectory(explicit: nil, environment: ProcessInfo.processInfo.environment).path) -> [String: String]? {
        guard let text = try? String(contentsOfFile: cache + "/" + file, encoding: .utf8) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return values
    }
}

/// OpenAI's Python client, in the virtual environment `scripts/install-openai.sh` made in the
/// cache folder; runs a script with it.
public struct OpenAIPython: Sendable {
    public let python: String

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Finds the installed client.
    /// - Throws: `Unavailable` naming the command that installs it.
    public static func locate(cache: String = CacheDirectory(explicit: nil, environment: ProcessInfo.processInfo.environment).path) throws -> OpenAIPython {
        let install = "run scripts/install-openai.sh (openai from PyPI into \(cache)/venv-openai)"
        guard let values = CacheEnvFile.values("openai.env", cache: cache) else {
            throw Unavailable(description: "the openai client is not installed (no \(cache)/openai.env): \(install)")
        }
        guard let python = values["CURATOR_OPENAI_PYTHON"], FileManager.default.isExecutableFile(atPath: python) else {
            throw Unavailable(description: "the openai client's Python is missing (\(values["CURATOR_OPENAI_PYTHON"] ?? "none")): \(install)")
        }
        return OpenAIPython(python: python)
    }

    /// Runs `script` with `arguments` on a thread of its own (the caller's task waits without
    /// holding a thread of the pool a server in this process answers on).
    /// - Returns: what the script printed on standard output.
    public func run(script: String, arguments: [String]) async throws -> ChildProcess.Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("curator-openai-\(UUID().uuidString).py").path
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let python = python
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try ChildProcess.run(python, [file] + arguments) }) }.start()
        }
    }
}
