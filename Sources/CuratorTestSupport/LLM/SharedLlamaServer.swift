import CuratorLLM
import Foundation

/// One `llama-server` per test process and kind (chat, embeddings), started on first use.
///
/// Every test target that needs the real server (CuratorLLMTests, CuratorLLMStageTests) uses
/// this one, so a test process never starts two chat servers on a two-core machine.
/// The servers are tied to the test process (see `LlamaServerProcess.launch(_:tiedToCaller:)`):
/// when the test run ends, however it ends, their guardian sees its pipe close and ends them.
/// They listen on 127.0.0.1 only, with one thread by default (`CURATOR_LLM_TEST_THREADS`).
public actor SharedLlamaServer {
    /// The chat server.
    public static let chat = SharedLlamaServer(embeddings: false)
    /// The embeddings server.
    public static let embeddings = SharedLlamaServer(embeddings: true)

    private let embeddings: Bool
    private var launch: Task<LlamaServerProcess, any Error>?

    private init(embeddings: Bool) { self.embeddings = embeddings }

    /// The running server, started by the first caller; later callers share it.
    /// - Throws: `LocalServerError` saying to run `scripts/bootstrap.sh --llm` when nothing is installed.
    public func server() async throws -> LlamaServerProcess {
        if let launch { return try await launch.value }
        let embeddings = self.embeddings
        let task = Task {
            var configuration = try LLMConfiguration.load(file: URL(fileURLWithPath: "/nonexistent"), environment: ProcessInfo.processInfo.environment)
            configuration.threads = ProcessInfo.processInfo.environment["CURATOR_LLM_TEST_THREADS"].flatMap(Int.init) ?? 1
            configuration.contextSize = 2048
            configuration.parallelSlots = 2
            let options = try LlamaServerOptions(configuration: configuration, embeddings: embeddings)
            return try await LlamaServerProcess.launch(options, tiedToCaller: true, readyTimeout: .seconds(180))
        }
        launch = task
        return try await task.value
    }

    /// A client for the shared server, with room for a slow, busy machine.
    /// - Parameter embeddings: the embeddings server instead of the chat server.
    /// - Throws: as `server()`.
    public static func client(embeddings: Bool = false) async throws -> LLMClient {
        let server = try await (embeddings ? Self.embeddings : Self.chat).server()
        var configuration = LLMConfiguration()
        configuration.endpoint = server.endpoint
        configuration.requestTimeout = .seconds(120)
        return LLMClient(configuration: configuration)
    }
}
