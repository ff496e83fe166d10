@testable import CuratorChat
import CuratorCore
import Testing

/// Defects a third stranger's trial found, each at its root: the general rule, tried with
/// phrasings beyond the ones the trial typed.
@Suite("A third stranger's trial")
struct ThirdTrialTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)
    let conversation = Conversation(engine: ConversationEngineTests.engine)

    /// The films of a reading with their feelings, by id.
    private func feelings(_ text: String) -> [String: ChatSession.Feeling] {
        var result: [String: ChatSession.Feeling] = [:]
        for mention in interpreter.interpret(text).mentions where mention.items.count == 1 && mention.stated {
            result[ChatFixtures.catalog[Int(mention.items[0])].id] = mention.feeling
        }
        return result
    }

    private func turn(_ text: String, in session: ChatSession = ChatSession()) async -> Conversation.Outcome {
        await ConversationTests.turn(conversation, text, in: session).1
    }

    /// What a film was, said of one that failed, is a dislike: in the words people use
    /// ("was just noise", "felt hollow"), and, after "but", in words the reader has no cue
    /// for: the contrast with the film before is the feeling.
    @Test(arguments: [
        ("i adored heat but se7en was just noise", ["heat": ChatSession.Feeling.liked, "se7en": .disliked]),
        ("loved heat. se7en felt hollow", ["heat": .liked, "se7en": .disliked]),
        ("heat rocks, se7en was a total mess", ["heat": .liked, "se7en": .disliked]),
        ("i adored heat but se7en was a whole lot of shouting", ["heat": .liked, "se7en": .disliked]),
        ("i hated heat but se7en had me hooked", ["heat": .disliked, "se7en": .liked]),
        ("i loved heat but se7en gave me a headache", ["heat": .liked, "se7en": .disliked]),
    ] as [(String, [String: ChatSession.Feeling])])
    func whatAFilmWasAfterButIsItsFeeling(text: String, expected: [String: ChatSession.Feeling]) {
        #expect(feelings(text) == expected, "\(text)")
    }

    /// A film after "but" with nothing said of it is no contrast ("…but have you seen se7en?").
    @Test func aFilmAskedAboutAfterButIsNoDislike() {
        let reading = interpreter.interpret("i loved heat but have you seen se7en?")
        #expect(reading.mentions.map(\.stated) == [true, false])
    }
}
