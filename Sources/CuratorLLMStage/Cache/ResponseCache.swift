import Foundation
import GRDB

/// Persistent answers of the LLM stage (SQLite through GRDB), keyed by model + template hash +
/// input, so a rerun with the same model, prompt version and input costs no request.
///
/// The key stores a hash of the input and the input itself: a hash collision is detected, not
/// served. `DatabaseQueue` serialises access and is `Sendable`, so one cache can be shared.
public struct ResponseCache: Sendable {
    let database: DatabaseQueue
    /// The database file (`nil` for an in-memory cache).
    public let path: String?

    /// Opens (creating if needed) the cache at `path`.
    /// - Throws: `CacheError` naming the file.
    public init(path: String) throws(CacheError) {
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            database = try DatabaseQueue(path: path)
            self.path = path
            try Self.migrator.migrate(database)
        } catch {
            throw CacheError(path: path, operation: "open", underlying: "\(error)")
        }
    }

    /// An in-memory cache (tests, `--no-cache` runs).
    /// - Throws: `CacheError` when SQLite cannot start.
    public static func inMemory() throws(CacheError) -> ResponseCache {
        do {
            let database = try DatabaseQueue()
            try migrator.migrate(database)
            return ResponseCache(database: database, path: nil)
        } catch {
            throw CacheError(path: ":memory:", operation: "open", underlying: "\(error)")
        }
    }

    private init(database: DatabaseQueue, path: String?) {
        self.database = database
        self.path = path
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: responses") { db in
            try db.create(table: "response") { table in
                table.column("model", .text).notNull()
                table.column("templateHash", .text).notNull()
                table.column("inputHash", .text).notNull()
                table.column("input", .text).notNull()
                table.column("value", .text).notNull()
                table.column("createdAt", .datetime).notNull()
                table.primaryKey(["model", "templateHash", "inputHash"])
            }
        }
        return migrator
    }

    /// The stored answer for this key, if any.
    /// - Throws: `CacheError`.
    public func value(model: String, templateHash: String, input: String) throws(CacheError) -> String? {
        do {
            return try database.read { db in
                let row = try Row.fetchOne(
                    db, sql: "SELECT input, value FROM response WHERE model = ? AND templateHash = ? AND inputHash = ?",
                    arguments: [model, templateHash, FNV1a.hex(input)])
                guard let row, row["input"] as String == input else { return nil }
                return row["value"] as String
            }
        } catch {
            throw CacheError(path: path ?? ":memory:", operation: "read", underlying: "\(error)")
        }
    }

    /// Stores (or replaces) the answer for this key.
    /// - Throws: `CacheError`.
    public func store(_ value: String, model: String, templateHash: String, input: String) throws(CacheError) {
        do {
            try database.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO response (model, templateHash, inputHash, input, value, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [model, templateHash, FNV1a.hex(input), input, value, Date()])
            }
        } catch {
            throw CacheError(path: path ?? ":memory:", operation: "write", underlying: "\(error)")
        }
    }

    /// How many answers are stored.
    public func count() throws(CacheError) -> Int {
        do {
            return try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response") ?? 0 }
        } catch {
            throw CacheError(path: path ?? ":memory:", operation: "count", underlying: "\(error)")
        }
    }
}

/// A cache operation that failed.
public struct CacheError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var underlying: String
    public var description: String { "response cache \(path): cannot \(operation): \(underlying)" }
}
