import Foundation
import GRDB
import Synchronization

/// Saved conversations in SQLite (one file per dataset in the state folder), so `/save`,
/// `/load` and a later `curator chat --resume` pick up where a conversation stopped.
///
/// Several chats (processes) may share the file: it is in WAL mode (readers never wait for a
/// writer) and a writer waits up to `busyTimeout` for another to finish instead of failing.
/// The file is opened at its first use, and again after a failed opening: opening may need the
/// write lock, and a chat must not end because another process held it when it started.
public final class SessionStore: Sendable {
    private let path: String
    private let opened = Mutex<DatabasePool?>(nil)

    /// How long a save waits for another process's write before it gives up.
    public static let busyTimeout: TimeInterval = 5

    /// A saved conversation's name and when it was saved.
    public struct Summary: Sendable, Equatable {
        public var name: String
        public var turns: Int
        public var savedAt: Date
    }

    /// The store at `path` (created when first used).
    public init(path: String) {
        self.path = path
    }

    /// The open database, opening (creating and migrating) it when needed.
    /// - Throws: GRDB's error when the file cannot be opened or migrated now.
    private func database() throws -> DatabasePool {
        try opened.withLock { opened in
            if let opened { return opened }
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(Self.busyTimeout)
            // Opening a new file sets WAL mode under a lock the busy timeout does not cover:
            // another process opening it at the same moment makes that fail at once.
            let database = try Self.retryingWhileBusy { try DatabasePool(path: path, configuration: configuration) }
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.create(table: "session") { t in
                    t.primaryKey("name", .text)
                    t.column("state", .blob).notNull()
                    t.column("turns", .integer).notNull()
                    t.column("savedAt", .datetime).notNull()
                }
            }
            // Only a new file takes the write lock to migrate.
            if try !database.read(migrator.hasCompletedMigrations) {
                do { try migrator.migrate(database) } catch {
                    // Two processes that open a new file at once both see it unmigrated; the
                    // second's CREATE TABLE then fails on the first's table. That one is fine.
                    guard try database.read(migrator.hasCompletedMigrations) else { throw error }
                }
            }
            opened = database
            return database
        }
    }

    /// Runs `body` again while it fails with SQLITE_BUSY, for up to `busyTimeout`.
    static func retryingWhileBusy<T>(_ body: () throws -> T) throws -> T {
        let end = Date(timeIntervalSinceNow: busyTimeout)
        while true {
            do { return try body() } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < end {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// Saves `session` under `name`, replacing an earlier one of that name.
    public func save(_ session: ChatSession, as name: String) throws {
        let state = try JSONEncoder().encode(session)
        try database().write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO session (name, state, turns, savedAt) VALUES (?, ?, ?, ?)",
                arguments: [name, state, session.turns.count, Date()])
        }
    }

    /// The session saved under `name`, or `nil`.
    /// - Throws: when the stored state cannot be read back.
    public func load(_ name: String) throws -> ChatSession? {
        let state = try database().read { db in
            try Data.fetchOne(db, sql: "SELECT state FROM session WHERE name = ?", arguments: [name])
        }
        return try state.map { try JSONDecoder().decode(ChatSession.self, from: $0) }
    }

    /// Saved sessions, most recent first.
    public func list() throws -> [Summary] {
        try database().read { db in
            try Row.fetchAll(db, sql: "SELECT name, turns, savedAt FROM session ORDER BY savedAt DESC").map {
                Summary(name: $0["name"], turns: $0["turns"], savedAt: $0["savedAt"])
            }
        }
    }
}
