@testable import CuratorChat
import CuratorCore
import Testing

/// Everyday words of a short turn are not a film missing nor a person's name: a stranger's
/// "something else" had been answered "I couldn't find “else” in this catalog. I don't know who
/// acts in or directs films".
@Suite("Everyday short turns")
struct EverydayWordTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: ["anything decent", "something fresh", "idk", "something obscure", "hidden gems", "something underrated",
                      "i want something popular", "something interesting"])
    func aShortTurnOfEverydayWordsNamesNoFilmAndNoPerson(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople && reading.names.isEmpty, "\(text): \(reading)")
    }

    /// A name typed with a capital, or in full, is still said to be one.
    @Test(arguments: ["Stallone?", "tom hanks", "what about Meryl Streep"])
    func aNameAloneIsStillSaidToBeOne(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.asksAboutPeople || !reading.missingTitles.isEmpty, "\(text): \(reading)")
    }

    @Test(arguments: ["something else", "anything else?", "something different please", "other options", "show me something else",
                      "different ones", "any alternatives"])
    func askingForSomethingElseIsTheNextList(text: String) {
        #expect(Conversation.Command(saying: text) == .more, "\(text)")
    }

    @Test(arguments: ["something", "anything", "something else like heat", "a different genre", "other than horror"])
    func otherWordsBesideAWishAreNoCommand(text: String) {
        #expect(Conversation.Command(saying: text) == nil, "\(text)")
    }

    @Test func somethingElseAfterAListShowsOtherFilms() async {
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        let (_, first) = await ConversationTests.turn(conversation, "i loved heat")
        let (_, other) = await ConversationTests.turn(conversation, "something else", in: first.session)
        #expect(!other.reply.entries.isEmpty, "\(other.reply.plainText)")
        #expect(Set(other.session.lastShown).isDisjoint(with: first.session.lastShown), "\(other.reply.plainText)")
        #expect(!other.reply.plainText.contains("couldn't find"), "\(other.reply.plainText)")
    }
}
