@testable import CuratorChat
import CuratorCore
import Testing

/// A turn that only thanks or takes leave is answered in kind: no list, no film not found, no
/// person's name, and the last list stays the one places refer to.
@Suite("Thanks and goodbyes")
struct ClosingTurnTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: ["thanks, that is all", "ok bye", "Thank you so much!", "perfect, thanks a lot", "cheers mate", "that's all for now, bye",
                      "great recommendations, thx", "goodnight", "ty"])
    func aThanksOrAGoodbyeCloses(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.closes, "\(text)")
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople && reading.unsearchable.isEmpty, "\(text): \(reading)")
    }

    /// Thanks beside a wish or a film is that wish or film.
    @Test(arguments: ["thanks but something older", "thanks, I loved heat", "no thanks", "thanks, more like the second one", "bye bye birdie"])
    func aThanksWithSomethingElseIsThatThing(text: String) {
        #expect(!interpreter.interpret(text).closes, "\(text)")
    }

    @Test func theLastListStaysAndPlacesStillReferToIt() {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        let first = engine.respond(to: "i loved heat", in: &session)
        let shown = session.lastShown
        let thanks = engine.respond(to: "perfect, thanks!", in: &session)
        #expect(thanks.entries.isEmpty && thanks.message.contains("Enjoy"), "\(thanks.plainText)")
        #expect(session.lastShown == shown && !first.entries.isEmpty)
        _ = engine.react(.liked, position: 2, in: &session)
        #expect(session.liked.contains(shown[1]))
    }
}
