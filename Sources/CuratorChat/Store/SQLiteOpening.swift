import Foundation
import GRDB

/// Opening a SQLite file that other processes may be opening at the same moment (two `curator`
/// commands on one state folder, a server and `train --with-feedback`): the one home of the two
/// races a new file has, used by every store Curator keeps in SQLite.
public enum SQLiteOpening {
    /// How long a store waits for another process's lock.
    public static let busyTimeout: TimeInterval = 5

    /// A pool on `path` (WAL). Opening a new file sets WAL mode under a lock the busy timeout
    /// does not cover, so another process opening it at the same moment makes that fail at
    /// once: it is tried again while busy, for up to `busyTimeout`.
    public static func pool(path: String, configuration: Configuration) throws -> DatabasePool {
        try retryingWhileBusy { try DatabasePool(path: path, configuration: configuration) }
    }

    /// Applies `migrator`'s migrations when some are missing. Two processes that open a new file
    /// at once both see it unmigrated; the second's CREATE TABLE then fails on the first's
    /// table, which is fine once the first has recorded every migration — and the first may
    /// still be between two of them (its `v1` committed, `v2` not yet), so the second waits for
    /// that, trying again, for up to `busyTimeout`.
    public static func migrate(_ database: DatabasePool, with migrator: DatabaseMigrator) throws {
        let end = Date(timeIntervalSinceNow: busyTimeout)
        while try !database.read(migrator.hasCompletedMigrations) {
            do { try migrator.migrate(database) } catch {
                guard Date() < end else {
                    if try database.read(migrator.hasCompletedMigrations) { return }
                    throw error
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
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
}
