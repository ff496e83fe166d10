import Foundation

/// A conversation held for a client (a server's session): the session, whose it is, its
/// exchanges so far (turns and commands), and the store's version of it.
public struct HeldSession: Sendable, Equatable {
    public var session: ChatSession
    /// The user whose history seeded it (nil: anonymous).
    public var user: String?
    public var exchanges: Int
    /// How many times it was stored since it started (0 when held, one more at each
    /// `replace`): the store's, read back by `held`, and the version `replace` expects.
    public var version: Int

    public init(session: ChatSession, user: String? = nil, exchanges: Int = 0, version: Int = 0) {
        self.session = session
        self.user = user
        self.exchanges = exchanges
        self.version = version
    }
}

/// Where a server keeps the conversations it holds for clients, until they expire unless used:
/// the state folder's SQLite (`SessionStore`, one server) or a database shared by replicas (the
/// server's PostgreSQL store), with the same behaviour and the same tests.
///
/// Two turns of one session may run at once on two replicas: each reads the session, answers,
/// and stores the result with `replace`, which stores it only when nothing was stored since it
/// was read (compare-and-set on `version`), so the later one is refused instead of silently
/// overwriting the other's turn.
public protocol HeldSessionStore: Sendable {
    /// Holds `held` under `name` until `expiresAt`, as version 0 (replacing what was held under
    /// it: a new session's name is new).
    func hold(_ held: HeldSession, as name: String, expiresAt: Date) async throws

    /// Stores `held` under `name` until `expiresAt`, as version `held.version + 1`, when the
    /// conversation held there is still at `held.version` and not expired at `now`.
    /// - Returns: false when another write came first, or it was deleted or expired (nothing is stored).
    func replace(_ held: HeldSession, as name: String, expiresAt: Date, at now: Date) async throws -> Bool

    /// What is held under `name`, unless it expired before `now`.
    /// - Throws: when the stored state cannot be read back.
    func held(_ name: String, at now: Date) async throws -> HeldSession?

    /// The version of the conversation held under `name` at `now`, without reading it back (a
    /// turn's first check; whether what `CachedSessionStore` kept is still current), or nil when
    /// none is held.
    func version(of name: String, at now: Date) async throws -> Int?

    /// Removes the conversation held under `name`.
    /// - Returns: whether there was one (an expired one counts as none).
    @discardableResult
    func delete(_ name: String, at now: Date) async throws -> Bool

    /// Removes the held conversations that expired before `now`.
    /// - Returns: how many were removed.
    @discardableResult
    func removeExpired(at now: Date) async throws -> Int
}

extension HeldSessionStore {
    /// `replace(_:as:expiresAt:at:)` now.
    public func replace(_ held: HeldSession, as name: String, expiresAt: Date) async throws -> Bool {
        try await replace(held, as: name, expiresAt: expiresAt, at: Date())
    }

    /// What is held under `name` now.
    public func held(_ name: String) async throws -> HeldSession? { try await held(name, at: Date()) }

    /// Whether a conversation is held under `name` at `now`, without reading it back.
    public func isHeld(_ name: String, at now: Date) async throws -> Bool { try await version(of: name, at: now) != nil }

    /// Whether a conversation is held under `name` now.
    public func isHeld(_ name: String) async throws -> Bool { try await isHeld(name, at: Date()) }

    /// Removes the conversation held under `name` now.
    @discardableResult
    public func delete(_ name: String) async throws -> Bool { try await delete(name, at: Date()) }

    /// Removes the held conversations expired by now.
    @discardableResult
    public func removeExpired() async throws -> Int { try await removeExpired(at: Date()) }
}
