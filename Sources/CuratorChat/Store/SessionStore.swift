import Foundation
import GRDB
import Synchronization

/// Saved conversations in SQLite (one file per dataset in the state folder), so `/save`,
/// `/load` and a later `curator chat --resume` pick up where a conversation stopped; and the
/// conversations one server holds for its clients (`HeldSessionStore`), in the same table.
///
/// Several chats (processes) may share the file: it is in WAL mode (readers never wait for a
/// writer) and a writer waits up to `busyTimeout` for another to finish instead of failing.
/// The file is opened at its first use, and again after a failed opening: opening may need the
/// write lock, and a chat must not end because another process held it when it started.
public final class SessionStore: HeldSessionStore {
    private let path: String
    private let opened = Mutex<DatabasePool?>(nil)

    /// How long a save waits for another process's write before it gives up.
    public static let busyTimeout = SQLiteOpening.busyTimeout

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
            // WAL with synchronous NORMAL: a commit survives the process being killed (the WAL
            // is in the OS's hands); only an OS crash can roll back the last ones. FULL's fsync
            // per commit (4.3 ms here) serialised every session's turn on one disk flush and
            // held 50 concurrent sessions to ~316 turns/s. The feedback log keeps FULL.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            let database = try SQLiteOpening.pool(path: path, configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.create(table: "session") { t in
                    t.primaryKey("name", .text)
                    t.column("state", .blob).notNull()
                    t.column("turns", .integer).notNull()
                    t.column("savedAt", .datetime).notNull()
                }
            }
            // Conversations held for a client (a server's sessions): whose they are, how many
            // exchanges they had, and when they expire unless used. Saved ones never expire.
            migrator.registerMigration("v2-held") { db in
                try db.alter(table: "session") { t in
                    t.add(column: "user", .text)
                    t.add(column: "exchanges", .integer).notNull().defaults(to: 0)
                    t.add(column: "expiresAt", .datetime)
                }
                try db.create(index: "session_expiresAt", on: "session", columns: ["expiresAt"])
            }
            // A held conversation's version, for `replace`'s compare-and-set.
            migrator.registerMigration("v3-version") { db in
                try db.alter(table: "session") { t in t.add(column: "version", .integer).notNull().defaults(to: 0) }
            }
            try SQLiteOpening.migrate(database, with: migrator)
            opened = database
            return database
        }
    }

    // GRDB's blocking calls, on purpose, through these two (in an async function Swift would
    // choose GRDB's async overloads where they exist): each statement takes well under a
    // millisecond. Async reads mixed with blocking ones on this pool deadlocked a server
    // answering 20 sessions at once, every thread waiting in GRDB's `Pool.get` for a reader.
    private func reading<T>(_ body: (Database) throws -> T) throws -> T { try database().read(body) }
    private func writing<T>(_ body: (Database) throws -> T) throws -> T { try database().write(body) }

    /// Saves `session` under `name`, replacing an earlier one of that name.
    public func save(_ session: ChatSession, as name: String) throws {
        let state = session.storedJSON
        try writing { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO session (name, state, turns, savedAt) VALUES (?, ?, ?, ?)",
                arguments: [name, state, session.turns.count, Date()])
        }
    }

    /// The session saved under `name`, or `nil`.
    /// - Throws: when the stored state cannot be read back.
    public func load(_ name: String) throws -> ChatSession? {
        let state = try reading { db in
            try Data.fetchOne(db, sql: "SELECT state FROM session WHERE name = ?", arguments: [name])
        }
        return try state.map { try JSONDecoder().decode(ChatSession.self, from: $0) }
    }

    /// Saved sessions, most recent first (not the ones held for clients).
    public func list() throws -> [Summary] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT name, turns, savedAt FROM session WHERE expiresAt IS NULL ORDER BY savedAt DESC").map {
                Summary(name: $0["name"], turns: $0["turns"], savedAt: $0["savedAt"])
            }
        }
    }

    // MARK: Held for clients (a server's sessions)

    /// Holds `held` under `name` until `expiresAt`, as version 0 (replacing what was held under it).
    public func hold(_ held: HeldSession, as name: String, expiresAt: Date) async throws {
        let state = held.session.storedJSON
        try writing { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO session (name, state, turns, savedAt, user, exchanges, expiresAt, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                    """,
                arguments: [name, state, held.session.turns.count, Date(), held.user, held.exchanges, expiresAt])
        }
    }

    /// Stores `held` under `name` as its next version when the one held there is still at
    /// `held.version` and not expired at `now` (one statement: SQLite serialises writers).
    public func replace(_ held: HeldSession, as name: String, expiresAt: Date, at now: Date) async throws -> Bool {
        let state = held.session.storedJSON
        return try writing { db in
            try db.execute(
                sql: """
                    UPDATE session SET state = ?, turns = ?, savedAt = ?, user = ?, exchanges = ?, expiresAt = ?, version = version + 1
                    WHERE name = ? AND version = ? AND expiresAt >= ?
                    """,
                arguments: [state, held.session.turns.count, Date(), held.user, held.exchanges, expiresAt, name, held.version, now])
            return db.changesCount > 0
        }
    }

    /// What is held under `name`, unless it expired before `now` (a conversation saved by name,
    /// which never expires, is not held for a client and is not returned).
    /// - Throws: when the stored state cannot be read back.
    public func held(_ name: String, at now: Date) async throws -> HeldSession? {
        let row = try reading { db in
            try Row.fetchOne(db, sql: "SELECT state, user, exchanges, version FROM session WHERE name = ? AND expiresAt >= ?",
                             arguments: [name, now])
        }
        guard let row else { return nil }
        let state: Data = row["state"]
        return HeldSession(session: try JSONDecoder().decode(ChatSession.self, from: state), user: row["user"],
                           exchanges: row["exchanges"], version: row["version"])
    }

    /// The version of the conversation held under `name` at `now` (never one saved by name).
    public func version(of name: String, at now: Date) async throws -> Int? {
        try reading { db in
            try Int.fetchOne(db, sql: "SELECT version FROM session WHERE name = ? AND expiresAt >= ?", arguments: [name, now])
        }
    }

    /// Removes the conversation held under `name` (never one saved by name).
    /// - Returns: whether there was one (an expired one counts as none).
    @discardableResult
    public func delete(_ name: String, at now: Date) async throws -> Bool {
        try writing { db in
            try db.execute(sql: "DELETE FROM session WHERE name = ? AND expiresAt >= ?", arguments: [name, now])
            return db.changesCount > 0
        }
    }

    /// Removes the held conversations that expired before `now`.
    /// - Returns: how many were removed.
    @discardableResult
    public func removeExpired(at now: Date) async throws -> Int {
        try writing { db in
            try db.execute(sql: "DELETE FROM session WHERE expiresAt < ?", arguments: [now])
            return db.changesCount
        }
    }
}
