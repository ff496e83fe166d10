import CuratorChat
import CuratorTestSupport
import Foundation
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
        let reopened = try SessionStore(path: path)
        #expect(try reopened.load("evening") == session)
        #expect(try reopened.load("other") == nil)
        session.record("se7en", as: .liked)
        try reopened.save(session, as: "evening")
        #expect(try reopened.load("evening")?.liked == ["heat", "se7en"])
        #expect(try reopened.list().map(\.name) == ["evening"])
    }
}
