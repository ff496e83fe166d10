@testable import CuratorChat
import CuratorCore
import Testing

/// Another person's rewatch or feeling is theirs, however the person is named ("dad", "my old
/// man", "my best friend", "Sarah", "the kids") and whatever pronoun speaks of them after it;
/// and a count of viewings ("a hundred times", "umpteen times") is never a film's name nor a wish.
@Suite("Others' feelings and counts of viewings")
struct OthersFeelingTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: [
        "my dad loves Heat, he has seen it a hundred times", "dad loves Heat, he's seen it a million times",
        "my old man watched Heat over and over", "my best friend loves Alien, she quotes it word for word",
        "Sarah has seen Alien twice", "my neighbour adores Up, watched it a hundred times", "my dad loves Heat, watched a hundred times",
        "My little brother rewatched Alien a thousand times", "Mum hates Heat, she fell asleep",
    ])
    func anotherPersonsFeelingIsTheirs(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.count == 1, "\(text): \(reading.mentions)")
        #expect(reading.mentions.allSatisfy { $0.holder != nil && $0.contextOnly }, "\(text): \(reading.mentions)")
        #expect(reading.missingTitles.isEmpty, "\(text): \(reading.missingTitles)")
        // Nothing of it is a wish: the list is not searched by "loves", "hundred" or the person.
        #expect(interpreter.searchWords(in: text, reading: reading) == nil, "\(text): \(String(describing: interpreter.searchWords(in: text, reading: reading)))")
    }

    @Test(arguments: [
        ("my best friend loves Alien", "your best friend"), ("Sarah hates Heat", "Sarah"), ("dad loved Heat", "your dad"),
        ("my old man loves Heat", "your old man"), ("the kids adored Up", "the kids"),
    ])
    func thePersonIsNamedAsSaid(text: String, holder: String) {
        #expect(interpreter.interpret(text).mentions.first?.holder == holder, "\(text)")
    }

    /// The user's own feeling stays the user's, and nobody in particular is no one else.
    @Test(arguments: ["I loved Heat, my dad has seen it a hundred times", "everyone loves Heat", "I watched Heat a million times",
                      "loved heat, watched it umpteen times"])
    func theUsersOwnStaysTheirs(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.first?.holder == nil && reading.mentions.first?.feeling == .liked, "\(text): \(reading.mentions)")
        #expect(reading.missingTitles.isEmpty, "\(text): \(reading.missingTitles)")
    }

    @Test(arguments: [
        (["saw", "a", "hundred", "times"], ["a hundred times"]), (["like", "5", "times"], ["like 5 times"]),
        (["watched", "it", "umpteen", "times"], ["umpteen times"]), (["fast", "times"], []), (["over", "and", "over"], ["over and over"]),
    ])
    func countsOfViewingsAreFound(tokens: [String], counts: [String]) {
        #expect(Feelings.viewingCounts(in: tokens) == counts)
    }
}
