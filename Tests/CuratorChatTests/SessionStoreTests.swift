import CuratorChat
import CuratorCore
import CuratorTestSupport
import Foundation
import GRDB
import Testing

@Suite("Session store")
struct SessionStoreTests {
    @Test func savedSessionsSurviveReopeningAndReplaceByName() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/sessions.sqlite"
        var session = ChatSession()
        session.record("heat", as: .liked)
        session.constraints.excludeGenres = ["Horror"]
        session.turns.append(.init(user: "I loved Heat", reply: "…"))
        try SessionStore(path: path).save(session, as: "evening")
        let reopened = SessionStore(path: path)
        #expect(try reopened.load("evening") == session)
        #expect(try reopened.load("other") == nil)
        session.record("se7en", as: .liked)
        try reopened.save(session, as: "evening")
        #expect(try reopened.load("evening")?.liked == ["heat", "se7en"])
        #expect(try reopened.list().map(\.name) == ["evening"])
    }

    /// The held conversations' own behaviour (expiry, versions) is the store contract run against
    /// SQLite and PostgreSQL alike in the server's tests; here, that they share the file with
    /// saved ones without mixing.
    @Test func heldConversationsStayApartFromSavedOnes() async throws {
        let dir = TemporaryDirectory()
        let store = SessionStore(path: dir.path + "/sessions.sqlite")
        var session = ChatSession()
        session.record("heat", as: .liked)
        try store.save(session, as: "evening")
        let now = Date()
        try await store.hold(.init(session: session, user: "u1", exchanges: 3), as: "client-a", expiresAt: now.addingTimeInterval(60))
        #expect(try await store.held("evening", at: now) == nil, "a conversation saved by name is not a client's")
        #expect(try await store.delete("evening", at: now) == false)
        #expect(try await store.replace(.init(session: ChatSession()), as: "evening", expiresAt: now, at: now) == false)
        #expect(try store.list().map(\.name) == ["evening"], "held conversations are not listed as saved")
        #expect(try await store.removeExpired(at: now.addingTimeInterval(61)) == 1)
        #expect(try store.load("evening") == session, "a saved conversation never expires")
    }
}

/// Issue 19 §3: a second process on the same session file waits for the first instead of failing.
@Suite("Session store shared by processes")
struct SharedSessionStoreTests {
    /// Several stores opening one new file at once all see it migrated; none fails on the
    /// table another created a moment before (a fresh-clone CI run caught that race).
    @Test func storesOpeningANewFileAtOnceAllSave() async throws {
        for attempt in 0..<5 {
            let dir = TemporaryDirectory()
            let path = dir.path + "/sessions.sqlite"
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<6 {
                    group.addTask { try SessionStore(path: path).save(ChatSession(), as: "w\(writer)") }
                }
                try await group.waitForAll()
            }
            #expect(try SessionStore(path: path).list().count == 6, "attempt \(attempt)")
        }
    }

    @Test func aSaveWaitsForAnotherWriterInsteadOfFailing() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/sessions.sqlite"
        let first = SessionStore(path: path)
        try first.save(ChatSession(), as: "before")
        // Another connection (as another process would) holds the write lock for a moment.
        let holding = DispatchSemaphore(value: 0)
        let other = Thread {
            let queue = try! GRDB.DatabaseQueue(path: path)
            try! queue.inTransaction(.exclusive) { _ in
                holding.signal()
                Thread.sleep(forTimeInterval: 0.5)
                return .commit
            }
        }
        other.start()
        holding.wait()
        let second = SessionStore(path: path)
        try second.save(ChatSession(), as: "while-locked")
        #expect(try Set(second.list().map(\.name)) == ["before", "while-locked"])
    }
}

/// The stored form of a session, written by hand, against JSONEncoder (the oracle: the same
/// bytes with sorted keys) and read back by JSONDecoder as the same session.
@Suite("a session's stored JSON")
struct StoredSessionJSONTests {
    static let awkward = ["heat", "Amélie (2001)", "Say \"hi\"", #"back\slash"#, "a/b", "tab\there", "line\nbreak", "\u{01}\u{1f}", "😀", ""]

    @Test(arguments: 1...12)
    func theStoredJSONIsJSONEncodersAndReadsBack(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let pick = { (random: inout SeededGenerator) in Self.awkward.randomElement(using: &random)! }
        let some = { (random: inout SeededGenerator) in Bool.random(using: &random) }
        let ids = { (random: inout SeededGenerator) in (0..<Int.random(in: 0...4, using: &random)).map { "\($0)" + pick(&random) } }
        var session = ChatSession()
        for id in ids(&random) { session.record(id, as: [.liked, .disliked, .seen].randomElement(using: &random)!) }
        for id in ids(&random) { session.steer(toward: id) }
        session.lastShown = ids(&random)
        session.shown = ids(&random) + session.lastShown
        session.pendingChoice = some(&random) ? ids(&random) : nil
        session.pendingFeeling = some(&random) ? .disliked : nil
        session.pendingAskedAgain = some(&random) ? some(&random) : nil
        session.pendingUnstated = some(&random) ? some(&random) : nil
        session.steeringSetAside = some(&random) ? some(&random) : nil
        session.lastPlaces = session.lastShown.map {
            ChatSession.Place(id: $0, reason: pick(&random), recallRank: Int.random(in: 1...500, using: &random),
                              fromWords: some(&random), films: ids(&random))
        }
        session.constraints.includeGenres = Set(ids(&random))
        session.constraints.heldGenres = [Set(ids(&random))].filter { !$0.isEmpty }
        session.constraints.excludeGenres = Set(ids(&random))
        session.constraints.minYear = some(&random) ? 1990 : nil
        session.constraints.maxYear = some(&random) ? 1999 : nil
        session.constraints.excludedYears = some(&random) ? [1980...1989, 1993...1993] : []
        session.constraints.wishes = ids(&random)
        session.constraints.avoided = ids(&random)
        session.picked = some(&random) ? session.lastPlaces.first : nil
        session.turns = (0..<Int.random(in: 0...3, using: &random)).map { _ in .init(user: pick(&random), reply: pick(&random)) }
        // Another's films, and what an undo puts back.
        session.theirs = ids(&random)
        if some(&random) {
            var before = session
            before.record("x" + pick(&random), as: .liked)
            before.constraints.minYear = some(&random) ? 1970 : nil
            session.undo = .init(held: before.held, turn: pick(&random))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: session.storedJSON, as: UTF8.self) == String(decoding: try encoder.encode(session), as: UTF8.self))
        #expect(try JSONDecoder().decode(ChatSession.self, from: session.storedJSON) == session)
    }
}
