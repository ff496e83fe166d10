import CuratorChat
import Foundation
import PostgresNIO

/// The conversations held for clients in PostgreSQL (`curator serve --store postgres://…`),
/// through the serving store's pool, timeout and errors, in its `sessions` table (migration
/// `v2-sessions` of `ServingSchema`): a session started on one replica is continued, read and
/// ended on any other.
///
/// `replace` is one `UPDATE … WHERE version = $expected`: PostgreSQL locks the row, and a second
/// update waiting on it sees the first's new version and changes nothing, so of two turns stored
/// at once from two replicas exactly one is kept and the other is told.
struct PostgresSessionStore: HeldSessionStore {
    let store: PostgresServingStore

    func hold(_ held: HeldSession, as name: String, expiresAt: Date) async throws {
        let state = held.session.storedJSON
        let (now, expiry) = (Date().timeIntervalSince1970, expiresAt.timeIntervalSince1970)
        try await store.perform("hold a session") { client, logger in
            try await client.query(#"""
                INSERT INTO sessions (name, state, "user", exchanges, version, saved_at, expires_at)
                VALUES (\#(name), \#(state), \#(held.user), \#(held.exchanges), 0, \#(now), \#(expiry))
                ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, "user" = EXCLUDED."user", exchanges = EXCLUDED.exchanges,
                    version = 0, saved_at = EXCLUDED.saved_at, expires_at = EXCLUDED.expires_at
                """#, logger: logger)
        }
    }

    func replace(_ held: HeldSession, as name: String, expiresAt: Date, at now: Date) async throws -> Bool {
        let state = held.session.storedJSON
        let (saved, expiry, current) = (Date().timeIntervalSince1970, expiresAt.timeIntervalSince1970, now.timeIntervalSince1970)
        return try await store.perform("store a session") { client, logger in
            try await Self.count(try await client.query(#"""
                UPDATE sessions SET state = \#(state), "user" = \#(held.user), exchanges = \#(held.exchanges), version = version + 1,
                    saved_at = \#(saved), expires_at = \#(expiry)
                WHERE name = \#(name) AND version = \#(held.version) AND expires_at >= \#(current)
                RETURNING version
                """#, logger: logger)) > 0
        }
    }

    func held(_ name: String, at now: Date) async throws -> HeldSession? {
        let current = now.timeIntervalSince1970
        let row = try await store.perform("read a session") { client, logger in
            let rows = try await client.query(
                #"SELECT state, "user", exchanges, version FROM sessions WHERE name = \#(name) AND expires_at >= \#(current)"#, logger: logger)
            var found: (Data, String?, Int, Int)?
            for try await row in rows.decode((Data, String?, Int, Int).self) { found = row }
            return found
        }
        guard let (state, user, exchanges, version) = row else { return nil }
        return HeldSession(session: try JSONDecoder().decode(ChatSession.self, from: state), user: user, exchanges: exchanges, version: version)
    }

    func version(of name: String, at now: Date) async throws -> Int? {
        let current = now.timeIntervalSince1970
        return try await store.perform("look up a session") { client, logger in
            let rows = try await client.query(
                "SELECT version FROM sessions WHERE name = \(name) AND expires_at >= \(current)", logger: logger)
            var version: Int?
            for try await found in rows.decode(Int.self) { version = found }
            return version
        }
    }

    @discardableResult
    func delete(_ name: String, at now: Date) async throws -> Bool {
        let current = now.timeIntervalSince1970
        return try await store.perform("end a session") { client, logger in
            try await Self.count(try await client.query(
                "DELETE FROM sessions WHERE name = \(name) AND expires_at >= \(current) RETURNING version", logger: logger)) > 0
        }
    }

    @discardableResult
    func removeExpired(at now: Date) async throws -> Int {
        let current = now.timeIntervalSince1970
        return try await store.perform("remove idle sessions") { client, logger in
            try await Self.count(try await client.query("DELETE FROM sessions WHERE expires_at < \(current) RETURNING version", logger: logger))
        }
    }

    /// How many rows a statement's `RETURNING` gave.
    private static func count(_ rows: PostgresRowSequence) async throws -> Int {
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}
