import CuratorChat
import CuratorServer
import CuratorTestSupport
import Foundation
import Testing

/// The held sessions' contract (the calls `/v1/sessions` makes), run against the state folder's
/// SQLite and a real PostgreSQL alike: the `sessions` of the store `--store` opens, read directly
/// and through the `CachedSessionStore` the server puts in front of them.
@Suite("held session stores (SQLite and PostgreSQL)")
struct HeldSessionStoreTests {
    static func liking(_ ids: String...) -> ChatSession {
        var session = ChatSession()
        for id in ids { session.record(id, as: .liked) }
        return session
    }

    static func sessions(of store: any ServingStore, cached: Bool) -> any HeldSessionStore {
        cached ? CachedSessionStore(store.sessions) : store.sessions
    }

    @Test(arguments: StoreKind.allCases, [false, true])
    func heldSessionsComeBackUntilTheyExpire(kind: StoreKind, cached: Bool) async throws {
        let fixture = try await StoreFixture.make(kind)
        let store = try await fixture.open()
        let sessions = Self.sessions(of: store, cached: cached)
        var session = Self.liking("heat")
        session.constraints.excludeGenres = ["Horror"]
        session.turns.append(.init(user: "I loved Heat \u{0}", reply: "…"))  // a NUL said in a turn is kept
        let now = Date()
        try await sessions.hold(.init(session: session, user: "u1", exchanges: 3), as: "client-a", expiresAt: now.addingTimeInterval(60))
        try await sessions.hold(.init(session: session), as: "client-b", expiresAt: now.addingTimeInterval(-1))
        #expect(try await sessions.held("client-a", at: now) == .init(session: session, user: "u1", exchanges: 3))
        #expect(try await sessions.held("client-b", at: now) == nil, "expired")
        #expect(try await sessions.held("nobody", at: now) == nil)
        #expect(try await sessions.isHeld("client-a", at: now))
        #expect(try await sessions.isHeld("client-b", at: now) == false, "expired")
        #expect(try await sessions.isHeld("nobody", at: now) == false)
        #expect(try await sessions.delete("client-b", at: now) == false, "an expired one counts as none")
        #expect(try await sessions.removeExpired(at: now) == 1)
        #expect(try await sessions.removeExpired(at: now) == 0)
        #expect(try await sessions.held("client-a", at: now.addingTimeInterval(61)) == nil, "idle past its expiry")
        #expect(try await sessions.delete("client-a", at: now))
        #expect(try await sessions.delete("client-a", at: now) == false)
        #expect(try await sessions.held("client-a", at: now) == nil)
        await store.close()
    }

    /// Compare-and-set: a write based on a version another write already replaced stores nothing.
    @Test(arguments: StoreKind.allCases, [false, true])
    func aReplaceBasedOnAStaleVersionIsRefused(kind: StoreKind, cached: Bool) async throws {
        let fixture = try await StoreFixture.make(kind)
        let store = try await fixture.open()
        let sessions = Self.sessions(of: store, cached: cached)
        let later = Date().addingTimeInterval(60)
        try await sessions.hold(.init(session: ChatSession(), user: "u1"), as: "s", expiresAt: later)
        let read = try #require(try await sessions.held("s"))
        #expect(read.version == 0)
        // Two turns read the same version; the first to store wins.
        var first = read, second = read
        (first.session, first.exchanges) = (Self.liking("heat"), 1)
        (second.session, second.exchanges) = (Self.liking("alien"), 1)
        #expect(try await sessions.replace(first, as: "s", expiresAt: later))
        #expect(try await sessions.replace(second, as: "s", expiresAt: later) == false)
        let stored = try #require(try await sessions.held("s"))
        #expect(stored == HeldSession(session: Self.liking("heat"), user: "u1", exchanges: 1, version: 1))
        // The next turn, read after the first, is stored.
        var next = stored
        next.exchanges = 2
        #expect(try await sessions.replace(next, as: "s", expiresAt: later))
        #expect(try await sessions.held("s")?.version == 2)

        // Deleted, or expired, meanwhile: nothing stored, nothing brought back.
        #expect(try await sessions.delete("s"))
        #expect(try await sessions.replace(next, as: "s", expiresAt: later) == false)
        #expect(try await sessions.held("s") == nil)
        try await sessions.hold(.init(session: ChatSession()), as: "old", expiresAt: Date().addingTimeInterval(-1))
        #expect(try await sessions.replace(.init(session: ChatSession()), as: "old", expiresAt: later) == false)
        await store.close()
    }

    /// Two replicas (two stores on the same data) each store 10 turns of one session at once,
    /// reading it again after a refused write: every stored turn is counted, none overwritten.
    @Test(arguments: StoreKind.allCases, [false, true])
    func replicasStoringTurnsOfOneSessionAtOnceLoseNone(kind: StoreKind, cached: Bool) async throws {
        let fixture = try await StoreFixture.make(kind)
        let replicas = try await fixture.openReplicas()
        let stores = replicas.map { Self.sessions(of: $0, cached: cached) }
        let later = Date().addingTimeInterval(60)
        try await stores[0].hold(.init(session: ChatSession()), as: "shared", expiresAt: later)
        let refused = try await withThrowingTaskGroup(of: Int.self) { group in
            for (r, sessions) in stores.enumerated() {
                group.addTask {
                    var refused = 0
                    for turn in 0..<10 {
                        while true {
                            var held = try #require(try await sessions.held("shared"))
                            held.session.record("r\(r)-\(turn)", as: .liked)
                            held.exchanges += 1
                            if try await sessions.replace(held, as: "shared", expiresAt: later) { break }
                            refused += 1
                        }
                    }
                    return refused
                }
            }
            return try await group.reduce(0, +)
        }
        for sessions in stores {
            let held = try #require(try await sessions.held("shared"))
            #expect(held.exchanges == 20, "\(refused) writes were refused and tried again")
            #expect(held.version == 20)
            #expect(Set(held.session.liked) == Set((0..<2).flatMap { r in (0..<10).map { "r\(r)-\($0)" } }))
        }
        for store in replicas { await store.close() }
    }

    /// A session held through one store is read, continued and ended through another opened
    /// on the same data later (a restart, or another replica).
    @Test(arguments: StoreKind.allCases)
    func anotherStoreOnTheSameDataSeesTheSessions(kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let first = try await fixture.open()
        try await first.sessions.hold(.init(session: Self.liking("heat"), user: "u7"), as: "s", expiresAt: Date().addingTimeInterval(60))
        await first.close()
        let second = try await fixture.open()
        var held = try #require(try await second.sessions.held("s"))
        #expect(held.session.liked == ["heat"])
        #expect(held.user == "u7")
        held.exchanges = 1
        #expect(try await second.sessions.replace(held, as: "s", expiresAt: Date().addingTimeInterval(60)))
        #expect(try await second.sessions.delete("s"))
        await second.close()
    }

    /// The server's cache reads a session back from memory while the store still holds the
    /// version it kept, and in full once another replica stored a turn of it or ended it.
    @Test(arguments: StoreKind.allCases)
    func theCacheIsUsedOnlyWhileItsVersionIsTheStoresOne(kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let replicas = try await fixture.openReplicas()
        let (cached, other) = (CachedSessionStore(replicas[0].sessions), replicas[1].sessions)
        let later = Date().addingTimeInterval(60)
        try await cached.hold(.init(session: Self.liking("heat"), user: "u1"), as: "s", expiresAt: later)
        var held = try #require(try await cached.held("s"))
        #expect(cached.reads == .init(kept: 1, full: 0), "what it held itself")
        held.session.record("alien", as: .liked)
        held.exchanges = 1
        #expect(try await cached.replace(held, as: "s", expiresAt: later))
        #expect(try await cached.held("s") == HeldSession(session: Self.liking("heat", "alien"), user: "u1", exchanges: 1, version: 1))
        #expect(cached.reads == .init(kept: 2, full: 0), "what it stored itself")

        // Another replica stores a turn: the kept version is no longer the store's.
        var elsewhere = try #require(try await other.held("s"))
        elsewhere.session.record("alien", as: .disliked)
        elsewhere.exchanges = 2
        #expect(try await other.replace(elsewhere, as: "s", expiresAt: later))
        let read = try #require(try await cached.held("s"))
        #expect(read.session.disliked == ["alien"] && read.version == 2)
        #expect(cached.reads == .init(kept: 2, full: 1))
        // A stale turn from this replica is refused, and forgets nothing it should not.
        #expect(try await cached.replace(held, as: "s", expiresAt: later) == false)
        #expect(try await cached.held("s")?.session.disliked == ["alien"])

        // Ended elsewhere: gone here too, whatever was kept.
        #expect(try await other.delete("s"))
        #expect(try await cached.held("s") == nil)
        #expect(try await cached.isHeld("s") == false)
        for store in replicas { await store.close() }
    }

    /// More sessions than its capacity: the least recently used leave memory, never the store.
    @Test func theCacheKeepsAtMostItsCapacity() async throws {
        let fixture = try await StoreFixture.make(.sqlite)
        let store = try await fixture.open()
        let cached = CachedSessionStore(store.sessions, capacity: 4)
        let later = Date().addingTimeInterval(60)
        for n in 0..<6 { try await cached.hold(.init(session: Self.liking("film\(n)")), as: "s\(n)", expiresAt: later) }
        // Held in order s0…s5: the two least recently used, s0 and s1, left memory.
        for n in 2..<6 { #expect(try await cached.held("s\(n)")?.session.liked == ["film\(n)"]) }
        #expect(cached.reads == .init(kept: 4, full: 0))
        #expect(try await cached.held("s0")?.session.liked == ["film0"], "still in the store")
        #expect(cached.reads == .init(kept: 4, full: 1))
        await store.close()
    }
}
