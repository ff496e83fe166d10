import CuratorChat
import Testing

/// A wish about length, which no catalog here can meet, is answered plainly, never dropped.
@Suite("Running time")
struct RunningTimeTests {
    private var engine: ConversationEngine { ConversationEngineTests.engine }

    @Test(arguments: ["not too long", "something under two hours please", "a quick one, maybe a comedy", "less than 90 minutes",
                      "nothing too long tonight", "what's the runtime like? short ones"])
    func aLengthWishIsSaidToBeUnknown(turn: String) {
        var session = ChatSession()
        _ = engine.respond(to: "I loved Heat", in: &session)
        let reply = engine.respond(to: turn, in: &session)
        #expect(reply.message.contains("I can't tell running times here"), "\(turn): \(reply.message)")
        #expect(reply.message.components(separatedBy: "running times").count == 2, "said once")
        #expect(session.disliked.isEmpty, "not a refusal of the list: \(turn)")
    }

    @Test func aFilmThatWasTooLongIsADislikeNotAWish() {
        var session = ChatSession()
        let reply = engine.respond(to: "se7en was too long", in: &session)
        #expect(session.disliked == ["se7en"])
        #expect(!reply.message.contains("running times"))
        #expect(engine.interpreter.interpret("a comedy, not too long").includeGenres == ["Comedy"])
        #expect(!engine.interpreter.interpret("not too long").passedOver, "not a refusal of the list")
    }

    /// "long" and "short" said of the user's own time are no wish about the film: a stranger's
    /// "it's been a long week" was told running times are unknown.
    @Test(arguments: ["it's been a long week", "long day at work, something funny", "I've wanted to see it for a long time",
                      "sorry for the short notice", "after a long shift I need a laugh", "it was a long drive home",
                      "so long!", "that took so long"])
    func theUsersOwnTimeIsNoLengthWish(turn: String) {
        #expect(!engine.interpreter.interpret(turn).asksRunningTime, "\(turn)")
        var session = ChatSession()
        _ = engine.respond(to: "I loved Heat", in: &session)
        #expect(!engine.respond(to: turn, in: &session).message.contains("running times"), "\(turn)")
    }

    @Test(arguments: ["a long movie please", "not too long, it's been a long week", "something short, long day", "under two hours", "not so long"])
    func aLengthOfTheFilmStaysAWishBesideIt(turn: String) {
        #expect(engine.interpreter.interpret(turn).asksRunningTime, "\(turn)")
    }

    @Test func soLongTakesLeave() {
        #expect(engine.interpreter.interpret("so long!").closes)
        #expect(engine.interpreter.interpret("ok thanks, so long").closes)
    }
}
