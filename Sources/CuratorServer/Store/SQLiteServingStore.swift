import Foundation
import CuratorChat
import CuratorCore
import GRDB

/// Feedback and impressions in SQLite (WAL, `synchronous = FULL`: a committed event survives
/// a crash of the process or the machine), in the dataset's state folder.
public final class SQLiteServingStore: ServingStore {
    private let database: DatabasePool
    public let path: String
    /// The conversations held for clients: the chat's own session file of the state folder
    /// (shared with `curator chat`), not this one.
    public let sessions: any HeldSessionStore
    public var description: String { "SQLite at \(path)" }

    /// The store of a dataset's state folder, and its sessions.
    /// - Throws: GRDB's error when the file cannot be opened or migrated.
    public convenience init(datasetFolder: String) throws {
        let files = DatasetState(folder: datasetFolder)
        try self.init(path: files.servingStore, sessions: SessionStore(path: files.sessions))
    }

    /// Opens (creating and migrating when needed) the store at `path`.
    /// - Throws: GRDB's error when the file cannot be opened or migrated.
    public init(path: String, sessions: SessionStore) throws {
        self.sessions = sessions
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try SQLiteOpening.pool(path: path, configuration: configuration)
        self.path = path
        try SQLiteOpening.migrate(database, with: Self.migrator)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in ServingSchema.migrations {
            migrator.registerMigration(migration.name) { db in
                for statement in migration.sqlite { try db.execute(sql: statement) }
            }
        }
        return migrator
    }

    public func append(_ events: [FeedbackEvent]) async throws {
        guard !events.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        try await database.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO feedback (user, item, type, value, timestamp, recommendation_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for event in events {
                try statement.execute(arguments: [event.user, event.item, event.type, event.value.map { Double($0) }, event.timestamp, event.recommendationID, now])
            }
        }
    }

    public func events(user: String) async throws -> [FeedbackEvent] {
        try await database.read { db in
            try Self.events(db, sql: "SELECT user, item, type, value, timestamp, recommendation_id FROM feedback WHERE user = ? ORDER BY timestamp, id", arguments: [user])
        }
    }

    public func allEvents() async throws -> [FeedbackEvent] {
        try await database.read { db in
            try Self.events(db, sql: "SELECT user, item, type, value, timestamp, recommendation_id FROM feedback ORDER BY timestamp, id", arguments: [])
        }
    }

    private static func events(_ db: Database, sql: String, arguments: StatementArguments) throws -> [FeedbackEvent] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            FeedbackEvent(user: row[0], item: row[1], type: row[2], value: (row[3] as Double?).map(Float.init),
                          timestamp: row[4], recommendationID: row[5])
        }
    }

    public func record(_ impressions: [Impression]) async throws {
        guard !impressions.isEmpty else { return }
        try await database.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO impressions (id, user, items, model, model_version, endpoint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for impression in impressions {
                try statement.execute(arguments: [impression.id, impression.user, impression.itemsJSON, impression.model, impression.modelVersion,
                                                  impression.endpoint, impression.time.timeIntervalSince1970])
            }
        }
    }

    public func impressionCount() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM impressions") ?? 0 }
    }
}
