import Foundation
import Logging

/// What `curator llm start` records about a server it started, so `status` and `stop` find it.
public struct LocalServerRecord: Sendable, Codable, Equatable {
    public var pid: Int32
    public var port: Int
    public var model: String
    public var embeddings: Bool
    public var threads: Int
    public var logFile: String
    public var startedAt: Date

    /// `http://127.0.0.1:<port>`.
    public var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }
    /// Whether the recorded process still runs.
    public var isRunning: Bool { LlamaServerProcess.isAlive(pid: pid) }
}

/// Starts, finds and stops the local servers that outlive the command that started them.
/// Records live in `<cache>/run/llama-server[-embeddings].json`.
public struct LocalServerRegistry: Sendable {
    /// Where the records and logs live.
    public var folder: URL

    /// A registry in `folder`.
    public init(folder: URL) { self.folder = folder }

    /// The registry in the `run/` folder of the cache folder the variables name.
    public init(environment: [String: String]) {
        folder = LocalInstall.cacheFolder(environment: environment).appendingPathComponent("run")
    }

    func recordFile(embeddings: Bool) -> URL {
        folder.appendingPathComponent(embeddings ? "llama-server-embeddings.json" : "llama-server.json")
    }

    /// The record of the server of this kind, if one was started (running or not).
    public func record(embeddings: Bool) -> LocalServerRecord? {
        guard let data = try? Data(contentsOf: recordFile(embeddings: embeddings)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(LocalServerRecord.self, from: data)
    }

    /// Starts a server unless one of this kind already runs; returns its record.
    /// - Returns: the record, and whether this call started it.
    /// - Throws: `LocalServerError` (not installed, failed to start, not ready).
    public func start(
        configuration: LLMConfiguration, embeddings: Bool, port: Int? = nil, readyTimeout: Duration = .seconds(120),
        logger: Logger = Logger(label: "curator.llm.server")
    ) async throws -> (record: LocalServerRecord, started: Bool) {
        if let existing = record(embeddings: embeddings), existing.isRunning { return (existing, false) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent(embeddings ? "llama-server-embeddings.log" : "llama-server.log")
        let options = try LlamaServerOptions(configuration: configuration, embeddings: embeddings, port: port, logFile: log)
        let server = try await LlamaServerProcess.launch(options, tiedToCaller: false, readyTimeout: readyTimeout, logger: logger)
        let record = LocalServerRecord(
            pid: server.pid, port: server.port, model: options.model, embeddings: embeddings,
            threads: options.threads, logFile: log.path, startedAt: Date())
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(record).write(to: recordFile(embeddings: embeddings), options: .atomic)
        return (record, true)
    }

    /// Stops the server of this kind if it runs, and forgets it.
    /// - Returns: the record of the server stopped, `nil` when none ran.
    public func stop(embeddings: Bool) async -> LocalServerRecord? {
        guard let record = record(embeddings: embeddings) else { return nil }
        try? FileManager.default.removeItem(at: recordFile(embeddings: embeddings))
        guard record.isRunning else { return nil }
        await LlamaServerProcess.terminate(pid: record.pid)
        return record
    }
}

extension LocalServerRegistry {
    /// `configuration`, pointed at the local chat server when it runs and no endpoint was configured.
    public func resolve(_ configuration: LLMConfiguration) -> LLMConfiguration {
        guard configuration.endpoint == LLMConfiguration().endpoint,
              let record = record(embeddings: false), record.isRunning else { return configuration }
        var resolved = configuration
        resolved.endpoint = record.endpoint
        return resolved
    }
}
