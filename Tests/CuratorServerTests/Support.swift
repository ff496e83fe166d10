import CuratorCore
import CuratorHTTP
import CuratorLLM
import CuratorRecall
import CuratorServer
import CuratorTestSupport
import CuratorText
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Users who mostly watch one genre; items titled by genre, with years.
func genreDataset() -> Dataset { DatasetFixtures.genreLoyal(years: true) }

/// The user whose history holds the largest share of one genre (0 horror, 1 comedy, 2 western).
func genreFan(_ dataset: Dataset, genre: Int) -> String {
    let sequences = UserSequences(dataset.interactions, userCount: dataset.userCount)
    let share = { (u: Int) -> Double in
        let items = sequences.sequence(of: u)
        return items.isEmpty ? 0 : Double(items.filter { Int($0) % 3 == genre }.count) / Double(items.count)
    }
    let user = (0..<dataset.userCount).max { share($0) < share($1) }!
    return dataset.users.id(at: Int32(user))
}

/// A decoded answer: its status and JSON body.
struct Answer: @unchecked Sendable {
    // @unchecked: `json` holds only JSONSerialization's immutable value types.
    var status: Int
    var retryAfter: Duration?
    var body: Data
    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
    var ids: [String] { items.compactMap { $0["id"] as? String } }
    var error: [String: Any] { object["error"] as? [String: Any] ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// The real server on 127.0.0.1, a port chosen by the system, over a temporary state folder.
final class LiveServer: Sendable {
    let directory: TemporaryDirectory
    let server: CuratorServer
    let port: Int
    let client = HTTPClient()
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var service: RecommendationService { server.service }

    /// Starts the server and waits until it listens (not until the model is ready).
    static func start(
        dataset: Dataset = genreDataset(), directory: TemporaryDirectory = TemporaryDirectory("curator-serve"),
        embedder: (any TextEmbedder)? = KeywordEmbedder(), llm: LLMClient? = nil, store: (any ServingStore)? = nil,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> LiveServer {
        var configuration = ServerConfiguration(
            dataPath: directory.path + "/data", state: StateDirectory(root: directory.path + "/state"), port: 0,
            modelCheckInterval: .milliseconds(50), impressionFlushInterval: .milliseconds(50))
        configure(&configuration)
        var logger = Logger(label: "curator.serve.test")
        logger.logLevel = .error
        let service = try RecommendationService(configuration: configuration, dataset: dataset, embedder: embedder, store: store)
        let ports = AsyncStream<Int>.makeStream()
        let server = CuratorServer(service: service, logger: logger, llm: llm) { port in ports.continuation.yield(port) }
        return try await LiveServer(directory: directory, server: server, ports: ports.stream, logger: logger)
    }

    private init(directory: TemporaryDirectory, server: CuratorServer, ports: AsyncStream<Int>, logger: Logger) async throws {
        self.directory = directory
        self.server = server
        let group = ServiceGroup(configuration: .init(services: [server], gracefulShutdownSignals: [], logger: logger))
        self.group = group
        task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ServerSetupError("the server did not start") }
        self.port = port
    }

    /// Drains requests and stops (the last impressions are written), then closes the store.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
        await service.store.close()
    }

    /// Waits until `/health/ready` answers 200 (or fails after `seconds`).
    func waitUntilReady(seconds: Double = 60) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await call("GET", "/health/ready").status == 200 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ServerSetupError("not ready after \(seconds) s: \(try await call("GET", "/health/ready").text)")
    }

    static func started(
        configure: (inout ServerConfiguration) -> Void = { _ in }, dataset: Dataset = genreDataset(), store: (any ServingStore)? = nil
    ) async throws -> LiveServer {
        let server = try await start(dataset: dataset, store: store, configure: configure)
        try await server.waitUntilReady()
        return server
    }

    /// Sends a request; any status comes back as an `Answer`.
    func call(_ method: String, _ path: String, json: Any? = nil, body: Data? = nil, headers: [(name: String, value: String)] = []) async throws -> Answer {
        var payload = body
        var allHeaders = headers
        if let json {
            payload = try JSONSerialization.data(withJSONObject: json)
            allHeaders.append(("Content-Type", "application/json"))
        }
        let request = HTTPRequest(method: method, url: URL(string: "http://127.0.0.1:\(port)\(path)")!, headers: allHeaders, body: payload)
        do {
            let response = try await client.send(request)
            return Answer(status: response.status, retryAfter: nil, body: response.body)
        } catch {
            guard case .status(let status) = error.kind else { throw error }
            return Answer(status: status, retryAfter: error.retryAfter, body: error.body)
        }
    }
}

/// A value shared by the tasks of a test, behind a lock.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
    func update<T: Sendable>(_ change: (inout sending Value) -> sending T) -> T { value.withLock { change(&$0) } }
    var current: Value { value.withLock { $0 } }
}

/// The stores every store test runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    var description: String { rawValue }
}

/// An empty store of one kind: a SQLite file in a temporary folder, or a new database on the
/// test process's real PostgreSQL (`SharedPostgres`). `open()` again is another connection to
/// the same data: another replica.
struct StoreFixture: Sendable {
    let kind: StoreKind
    let directory = TemporaryDirectory("curator-store")
    let location: ServingStoreLocation

    static func make(_ kind: StoreKind) async throws -> StoreFixture {
        switch kind {
        case .sqlite: StoreFixture(kind: kind, location: .sqlite)
        case .postgres: StoreFixture(kind: kind, location: try ServingStoreLocation(parsing: try await SharedPostgres.shared.database()))
        }
    }

    func open() async throws -> any ServingStore {
        // Generous: under a loaded machine the first connection took more than the 5 s default
        // (the timeout's own behaviour is tested with a silent server in ServingStoreTests).
        try await location.open(datasetFolder: directory.path, connectTimeout: .seconds(60), logger: quietLogger)
    }

    /// Two stores opened at once on the same data (migrating together): two replicas starting.
    func openReplicas() async throws -> [any ServingStore] {
        async let a = open()
        async let b = open()
        return try await [a, b]
    }
}

let quietLogger: Logger = {
    var logger = Logger(label: "curator.test")
    logger.logLevel = .critical
    return logger
}()
