import Foundation

/// What `curator llm status` says: the configuration (never the key), the local servers, and
/// whether the endpoint answers.
public struct LLMStatusReport: Sendable, Encodable {
    public struct Server: Sendable, Encodable {
        public var kind: String
        public var endpoint: String
        public var pid: Int32
        public var running: Bool
        public var threads: Int
        public var logFile: String
    }

    public var endpoint: String
    public var model: String?
    public var apiKeyVariable: String
    public var apiKeySet: Bool
    public var requestTimeoutSeconds: Double
    public var maxAttempts: Int
    public var threads: Int
    public var serverBinary: String?
    public var modelPath: String?
    public var servers: [Server]
    /// `ready`, `loading` or `unreachable`.
    public var health: String
    public var healthDetail: String?
    public var models: [String]

    /// Reads the records and asks the endpoint.
    public static func gather(configuration: LLMConfiguration, registry: LocalServerRegistry) async -> LLMStatusReport {
        let resolved = registry.resolve(configuration)
        let servers = [false, true].compactMap { embeddings in
            registry.record(embeddings: embeddings).map {
                Server(kind: embeddings ? "embeddings" : "chat", endpoint: $0.endpoint.absoluteString, pid: $0.pid,
                       running: $0.isRunning, threads: $0.threads, logFile: $0.logFile)
            }
        }
        let client = LLMClient(configuration: resolved)
        var health = "ready"
        var detail: String?
        var models: [String] = []
        do {
            models = try await client.models().map(\.id)
        } catch {
            detail = error.description
            health = error.kind == .httpStatus(503) ? "loading" : "unreachable"
        }
        if health == "ready", case .loading = await client.health() { health = "loading" }
        return LLMStatusReport(
            endpoint: resolved.endpoint.absoluteString, model: resolved.model, apiKeyVariable: resolved.apiKeyVariable,
            apiKeySet: resolved.apiKey != nil, requestTimeoutSeconds: resolved.requestTimeout.inSeconds,
            maxAttempts: resolved.maxAttempts, threads: resolved.threads, serverBinary: resolved.serverBinary,
            modelPath: resolved.modelPath, servers: servers, health: health, healthDetail: detail, models: models)
    }

    /// Lines for a terminal.
    public var text: String {
        var lines = [
            "endpoint:      \(endpoint)  [\(health)]" + (healthDetail.map { "\n               \($0)" } ?? ""),
            "model:         \(model ?? "(server default)")" + (models.isEmpty ? "" : "  served: \(models.joined(separator: ", "))"),
            "api key:       \(apiKeyVariable) \(apiKeySet ? "(set)" : "(not set)")",
            "timeout:       \(requestTimeoutSeconds) s per request, \(maxAttempts) attempts",
            "local server:  \(serverBinary ?? "not installed (scripts/bootstrap.sh --llm)")",
            "local model:   \(modelPath ?? "not installed (scripts/bootstrap.sh --llm)")",
            "threads:       \(threads)",
        ]
        for server in servers {
            lines.append("\(server.kind) server: \(server.endpoint) pid \(server.pid) \(server.running ? "running" : "not running (stale record)")")
        }
        if servers.isEmpty { lines.append("local servers: none started (curator llm start)") }
        return lines.joined(separator: "\n")
    }

    /// Pretty JSON.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
