import CuratorCore
import Testing
@testable import CuratorChat

/// A stranger's fifteenth trial, on MovieLens 100K: films listed beside one the catalog lacks,
/// another person's films listed back, "my sister's" read as a plural, questions about one film,
/// taking back the last turn, and a range of one year. Each on the small catalog in code, the
/// real conversation driven turn by turn.
@Suite("A fifteenth trial")
struct FifteenthTrialTests {
    let conversation = Conversation(engine: ConversationEngineTests.engine)
    var interpreter: RuleInterpreter { ConversationEngineTests.engine.interpreter }

    private func turn(_ text: String, in session: ChatSession = ChatSession()) async -> Conversation.Outcome {
        await ConversationTests.turn(conversation, text, in: session).1
    }

    private func turns(_ texts: [String]) async -> Conversation.Outcome {
        var session = ChatSession()
        var last: Conversation.Outcome?
        for text in texts {
            last = await turn(text, in: session)
            session = last!.session
        }
        return last!
    }

    private static func id(_ index: Int32) -> String { ConversationEngineTests.engine.catalog[Int(index)].id }
    private static func index(_ id: String) -> Int32 { Int32(ConversationEngineTests.engine.catalog.firstIndex { $0.id == id }!) }

    // MARK: films listed together

    /// "alien and the thing were great" (no The Thing here) had noted no like and listed Alien:
    /// "alien", one everyday word, counted as a film only in a film's place, and the place was
    /// the list's, whose predicate follows the film missing. Each found film keeps the feeling,
    /// each missing one is said.
    @Test(arguments: [
        ("alien and the thing were great", ["alien"], "the thing"),
        ("alien and the frobnitz were amazing", ["alien"], "frobnitz"),
        ("alien and the thing, loved them both", ["alien"], "the thing"),
        ("heat, zorbo tales and alien were great", ["heat", "alien"], "zorbo tales"),
    ])
    func filmsListedBesideOneMissingKeepTheirFeeling(text: String, liked: [String], missing: String) async {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.map { Self.id($0.items[0]) } == liked && reading.mentions.allSatisfy { $0.feeling == .liked && $0.stated }, "\(text): \(reading)")
        #expect(reading.missingTitles.map(\.text) == [missing], "\(text): \(reading.missingTitles)")
        let outcome = await turn(text)
        #expect(outcome.session.liked == liked, "\(text): \(outcome.reply.plainText)")
        #expect(outcome.reply.message.contains("couldn't find") && outcome.reply.message.contains(missing), "\(text): \(outcome.reply.plainText)")
        #expect(!outcome.reply.entries.contains { liked.contains($0.id) }, "a film liked is never listed back")
    }

    /// What is said of the film beside it, or when or how it was watched, is no film missing;
    /// nor is a wish after a comma a list ("nothing with superheroes" had become a name).
    @Test(arguments: ["i loved heat and the ending", "heat and the soundtrack were great", "i loved heat and the weekend",
                      "i loved heat, nothing with superheroes", "Heat: terrific"])
    func whatIsSaidOfAFilmIsNoFilmMissing(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.missingTitles.isEmpty && reading.mentions.map { Self.id($0.items[0]) } == ["heat"], "\(text): \(reading)")
    }
}
