@testable import CuratorChat
import CuratorCore
import Testing

/// Asking what a film of the last list is ("the third one, tell me more about it", "what's the
/// second one about?") is answered as `/why` answers it, and the list stays: a trial's such
/// turns got a new list.
@Suite("Asking about a listed film")
struct AskingAboutAListedFilmTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: [
        ("the third one, tell me more about it", 3), ("tell me more about number 2", 2), ("what's the second one about?", 2),
        ("more info on the last one", -1), ("can you describe #4", 4), ("What is the 3rd film about", 3),
        ("any details on the first one?", 1), ("what happens in the fifth one", 5), ("tell me about 2", 2),
        ("whats number 3 like", 3), ("I'd like to know more about the top one", 1),
    ])
    func aQuestionAboutAPlaceIsAWhy(text: String, place: Int) {
        let reading = interpreter.interpret(text)
        #expect(reading.asksWhy == place && !reading.placeUnsaid, "\(text): \(reading)")
    }

    @Test(arguments: ["tell me more about it", "what's that one about?", "what is it like"])
    func aQuestionAboutAPronounIsAWhyOfTheFilmPointedAt(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.asksWhy == 1 && reading.placeUnsaid, "\(text): \(reading)")
    }

    /// Words that ask about something other than a listed film stay wishes.
    @Test(arguments: ["tell me more about dark films", "what's a good film about the mafia", "more like the second one", "tell me more",
                      "info on films from the last year"])
    func aQuestionThatPointsAtNoListedFilmIsNoWhy(text: String) {
        #expect(interpreter.interpret(text).asksWhy == nil, "\(text)")
    }

    @Test func theAnswerIsTheWhyOfThatFilmAndTheListStays() async {
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        let (_, first) = await ConversationTests.turn(conversation, "I loved Heat")
        let listed = first.session.lastShown
        #expect(listed.count >= 3)
        let (_, why) = await ConversationTests.perform(conversation, .why(3), in: first.session)
        for text in ["the third one, tell me more about it", "what's the 3rd one about?", "more info on number 3"] {
            let (events, asked) = await ConversationTests.turn(conversation, text, in: first.session)
            #expect(asked.reply.entries.isEmpty && !events.contains { if case .ranked = $0 { true } else { false } }, "\(text)")
            #expect(asked.reply.message == why.reply.message, "\(text): \(asked.reply.plainText)")
            #expect(asked.session.lastShown == listed, "\(text)")
        }
        #expect(why.reply.message.hasPrefix(ConversationEngineTests.engine.title(of: listed[2])))
    }
}
