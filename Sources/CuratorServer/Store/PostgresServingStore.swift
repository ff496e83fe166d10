import CuratorChat
import Foundation
import Logging
import PostgresNIO

/// Feedback, impressions and sessions in PostgreSQL (`curator serve --store postgres://…`): every
/// replica pointed at the same database reads and writes the same rows, so feedback sent to one
/// changes the next answer of all, and a session started on one goes on on any other. Same
/// tables and migrations as `SQLiteServingStore` (`ServingSchema`).
///
/// A store operation never waits past `operationTimeout`: when the server is gone it fails
/// with a 503 `store_unavailable` error (the reason is logged, not sent to the client).
public final class PostgresServingStore: ServingStore {
    public let location: PostgresLocation
    let operationTimeout: Duration
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let logger: Logger

    public var description: String { "PostgreSQL at \(location)" }

    private init(location: PostgresLocation, client: PostgresClient, operationTimeout: Duration, logger: Logger) {
        self.location = location
        self.client = client
        self.operationTimeout = operationTimeout
        self.logger = logger
        running = Task { await client.run() }
    }

    /// Connects, applies the migrations it lacks, and starts the connection pool.
    ///
    /// One connection is made first, so an unreachable server, a refused login or a missing
    /// database fails here with its reason, within `connectTimeout` (a server that accepts the
    /// connection and never answers included).
    /// - Parameters:
    ///   - maximumConnections: the pool's size, per replica.
    /// - Throws: `ServerSetupError` saying what failed and where.
    public static func connect(
        _ location: PostgresLocation, connectTimeout: Duration = .seconds(5), operationTimeout: Duration = .seconds(10),
        maximumConnections: Int = 16, logger: Logger
    ) async throws -> PostgresServingStore {
        let timedOut = { @Sendable in ServerSetupError("cannot reach PostgreSQL at \(location): no answer within \(connectTimeout)") as any Error }
        do {
            // The driver's own timeout a little later than ours, so a silent server is always
            // reported the same way (it raced the deadline and won on a loaded machine).
            let configuration = try location.connectionConfiguration(connectTimeout: connectTimeout * 2)
            try await withDeadline(connectTimeout, timeoutError: timedOut) {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                do {
                    try await migrate(connection, logger: logger)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try await connection.close()
            }
        } catch let error as ServerSetupError {
            throw error
        } catch {
            throw ServerSetupError("cannot use PostgreSQL at \(location): \(reason(error))")
        }
        let client = PostgresClient(
            configuration: try location.clientConfiguration(connectTimeout: connectTimeout, maximumConnections: maximumConnections),
            backgroundLogger: logger)
        return PostgresServingStore(location: location, client: client, operationTimeout: operationTimeout, logger: logger)
    }

    /// Applies the migrations not yet recorded in `schema_migrations`, in one transaction under
    /// an advisory lock, so replicas starting together migrate once.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(4242015)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)",
                logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT identifier FROM schema_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for migration in ServingSchema.migrations where !applied.contains(migration.name) {
                for statement in migration.postgres {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (identifier, applied_at) VALUES (\(migration.name), \(Date().timeIntervalSince1970))",
                    logger: logger)
            }
        }
    }

    /// The conversations held for clients, in this database (`PostgresSessionStore`).
    public var sessions: any HeldSessionStore { PostgresSessionStore(store: self) }

    /// Ends the pool's connections.
    public func close() async {
        running.cancel()
        await running.value
    }

    public func append(_ events: [FeedbackEvent]) async throws {
        guard !events.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        var bindings = PostgresBindings(capacity: events.count * 7)
        var rows: [String] = []
        rows.reserveCapacity(events.count)
        for (i, event) in events.enumerated() {
            rows.append("(" + (1...7).map { "$\(i * 7 + $0)" }.joined(separator: ", ") + ")")
            bindings.append(event.user)
            bindings.append(event.item)
            bindings.append(event.type)
            bindings.append(event.value.map(Double.init))
            bindings.append(event.timestamp)
            bindings.append(event.recommendationID)
            bindings.append(now)
        }
        // One statement: all the events or none, committed (and synced) when it returns.
        let query = PostgresQuery(
            unsafeSQL: #"INSERT INTO feedback ("user", item, type, value, timestamp, recommendation_id, received_at) VALUES "#
                + rows.joined(separator: ", "),
            binds: bindings)
        try await perform("store feedback") { client, logger in
            try await client.query(query, logger: logger)
        }
    }

    public func events(user: String) async throws -> [FeedbackEvent] {
        try await events(#"SELECT "user", item, type, value, timestamp, recommendation_id FROM feedback WHERE "user" = \#(user) ORDER BY timestamp, id"#)
    }

    public func allEvents() async throws -> [FeedbackEvent] {
        try await events(#"SELECT "user", item, type, value, timestamp, recommendation_id FROM feedback ORDER BY timestamp, id"#)
    }

    private func events(_ query: PostgresQuery) async throws -> [FeedbackEvent] {
        try await perform("read feedback") { client, logger in
            var events: [FeedbackEvent] = []
            let rows = try await client.query(query, logger: logger)
            for try await (user, item, type, value, timestamp, recommendationID) in rows.decode((String, String, String, Double?, Int64, String?).self) {
                events.append(FeedbackEvent(user: user, item: item, type: type, value: value.map(Float.init), timestamp: timestamp, recommendationID: recommendationID))
            }
            return events
        }
    }

    public func record(_ impressions: [Impression]) async throws {
        guard !impressions.isEmpty else { return }
        var bindings = PostgresBindings(capacity: impressions.count * 7)
        var rows: [String] = []
        for (i, impression) in impressions.enumerated() {
            let at = i * 7
            rows.append("($\(at + 1), $\(at + 2), $\(at + 3)::jsonb, $\(at + 4), $\(at + 5), $\(at + 6), $\(at + 7))")
            bindings.append(impression.id)
            bindings.append(impression.user)
            bindings.append(impression.itemsJSON)
            bindings.append(impression.model)
            bindings.append(impression.modelVersion)
            bindings.append(impression.endpoint)
            bindings.append(impression.time.timeIntervalSince1970)
        }
        let query = PostgresQuery(
            unsafeSQL: #"INSERT INTO impressions (id, "user", items, model, model_version, endpoint, created_at) VALUES "#
                + rows.joined(separator: ", ") + " ON CONFLICT (id) DO NOTHING",
            binds: bindings)
        try await perform("record impressions") { client, logger in
            try await client.query(query, logger: logger)
        }
    }

    public func impressionCount() async throws -> Int {
        try await perform("count impressions") { client, logger in
            var count = 0
            for try await value in try await client.query("SELECT COUNT(*) FROM impressions", logger: logger).decode(Int.self) { count = value }
            return count
        }
    }

    /// Runs one operation under `operationTimeout`; a failure becomes a 503 `store_unavailable`
    /// error (its reason, which may name hosts, goes to the log only).
    func perform<T: Sendable>(_ what: String, _ operation: @escaping @Sendable (PostgresClient, Logger) async throws -> T) async throws -> T {
        let (client, logger, timeout, description) = (client, logger, operationTimeout, description)
        let unavailable = ServiceError(.unavailable, code: "store_unavailable", message: "the shared store cannot \(what) right now; try again")
        do {
            return try await withDeadline(timeout, timeoutError: {
                logger.error("the store did not answer in time", metadata: ["store": "\(description)", "operation": "\(what)", "timeout": "\(timeout)"])
                return unavailable
            }) {
                try await operation(client, logger)
            }
        } catch let error as ServiceError {
            throw error
        } catch {
            logger.error("store operation failed", metadata: ["store": "\(description)", "operation": "\(what)", "error": "\(Self.reason(error))"])
            throw unavailable
        }
    }

    /// What went wrong, in PostgreSQL's words when it said something (postgres-nio's errors
    /// hide their details from `description`).
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            return [error.beginError, error.closureError, error.commitError].compactMap { $0.map(reason) }.first ?? "\(error)"
        }
        return "\(error)"
    }
}
