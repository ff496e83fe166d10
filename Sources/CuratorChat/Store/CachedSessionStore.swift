import Foundation
import Synchronization

/// A held-session store that keeps the sessions it last read or wrote, decoded, in memory, so
/// a turn reads back its session by asking the store only for its version: decoding a 20-turn
/// session's JSON was a sixth of a server's turn.
///
/// Versions count from 0 again when a name is held anew, so names must not be reused (the
/// server's are UUIDs). What is kept is used only while the store still holds that very version: a turn stored by
/// another replica (or another process on the same SQLite file) changes the version and is read
/// in full; a session deleted or expired is gone whatever is kept. The least recently used go
/// first when more than `capacity` are kept.
public final class CachedSessionStore: HeldSessionStore {
    let base: any HeldSessionStore
    public let capacity: Int
    private let kept = Mutex(Kept())

    private struct Kept {
        var sessions: [String: (held: HeldSession, used: UInt64)] = [:]
        var clock: UInt64 = 0
        var reads = Reads()
    }

    /// How `held` was answered since the store was made.
    public struct Reads: Sendable, Equatable {
        /// From memory, after the store confirmed the version.
        public var kept = 0
        /// Read in full from the store (not kept, or another version there).
        public var full = 0

        public init(kept: Int = 0, full: Int = 0) {
            self.kept = kept
            self.full = full
        }
    }

    public init(_ base: any HeldSessionStore, capacity: Int = 1_024) {
        precondition(capacity > 0, "capacity must be positive")
        self.base = base
        self.capacity = capacity
    }

    public var reads: Reads { kept.withLock { $0.reads } }

    public func hold(_ held: HeldSession, as name: String, expiresAt: Date) async throws {
        forget(name)
        try await base.hold(held, as: name, expiresAt: expiresAt)
        var stored = held
        stored.version = 0
        keep(stored, as: name)
    }

    public func replace(_ held: HeldSession, as name: String, expiresAt: Date, at now: Date) async throws -> Bool {
        forget(name)
        guard try await base.replace(held, as: name, expiresAt: expiresAt, at: now) else { return false }
        var stored = held
        stored.version += 1
        keep(stored, as: name)
        return true
    }

    public func held(_ name: String, at now: Date) async throws -> HeldSession? {
        guard let version = try await base.version(of: name, at: now) else {
            forget(name)
            return nil
        }
        return try await held(name, version: version, at: now)
    }

    /// What is held under `name`, when the store has just said it holds `version` (a turn's
    /// first check): the kept copy of that version without asking the store again, else what
    /// the store holds now. A turn stored meanwhile is then refused by `replace`'s version.
    public func held(_ name: String, version: Int, at now: Date = Date()) async throws -> HeldSession? {
        let known: HeldSession? = kept.withLock { kept in
            guard let entry = kept.sessions[name], entry.held.version == version else { return nil }
            kept.clock += 1
            kept.sessions[name]?.used = kept.clock
            kept.reads.kept += 1
            return entry.held
        }
        if let known { return known }
        guard let read = try await base.held(name, at: now) else {
            forget(name)
            return nil
        }
        kept.withLock { $0.reads.full += 1 }
        keep(read, as: name)
        return read
    }

    public func version(of name: String, at now: Date) async throws -> Int? {
        try await base.version(of: name, at: now)
    }

    /// The copy kept of what is held under `name`, without asking the store: it may be out of
    /// date (another replica's turn) or gone there (deleted, expired); compare its version with
    /// `version(of:at:)` before relying on it.
    public func kept(_ name: String) -> HeldSession? {
        kept.withLock { kept in
            guard let entry = kept.sessions[name] else { return nil }
            kept.clock += 1
            kept.sessions[name]?.used = kept.clock
            return entry.held
        }
    }

    @discardableResult
    public func delete(_ name: String, at now: Date) async throws -> Bool {
        forget(name)
        return try await base.delete(name, at: now)
    }

    @discardableResult
    public func removeExpired(at now: Date) async throws -> Int {
        // What is kept of them is never used again (`held` asks the store first) and leaves by age.
        try await base.removeExpired(at: now)
    }

    private func forget(_ name: String) {
        _ = kept.withLock { $0.sessions.removeValue(forKey: name) }
    }

    private func keep(_ held: HeldSession, as name: String) {
        kept.withLock { kept in
            kept.clock += 1
            kept.sessions[name] = (held, kept.clock)
            guard kept.sessions.count > capacity else { return }
            // Over capacity: let the least recently used quarter go at once, so the sort is rare.
            let leaving = kept.sessions.sorted { $0.value.used < $1.value.used }.prefix(max(1, capacity / 4))
            for (name, _) in leaving { kept.sessions.removeValue(forKey: name) }
        }
    }
}
