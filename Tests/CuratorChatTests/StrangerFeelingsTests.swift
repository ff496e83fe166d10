import CuratorCore
import Testing
@testable import CuratorChat

/// A stranger's trial on ml-100k: a wish after a "but" or a full stop is no verdict
/// on the films before it, and "too much for me" is one.
@Suite struct StrangerFeelingsTests {
    static let catalog = [
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Action", "Crime", "Thriller"]),
        Item(id: "fugitive", title: "Fugitive, The", year: 1993, genres: ["Action", "Thriller"]),
        Item(id: "titanic", title: "Titanic", year: 1997, genres: ["Drama", "Romance"]),
        Item(id: "shining", title: "Shining, The", year: 1980, genres: ["Horror"]),
        Item(id: "toystory", title: "Toy Story", year: 1995, genres: ["Animation", "Comedy"]),
        Item(id: "shawshank", title: "Shawshank Redemption, The", year: 1994, genres: ["Drama"]),
        Item(id: "silence", title: "Silence of the Lambs, The", year: 1991, genres: ["Drama", "Thriller"]),
        Item(id: "silent", title: "Silent Fall", year: 1994, genres: ["Drama"]),
        Item(id: "streetcar", title: "Streetcar Named Desire, A", year: 1951, genres: ["Drama"]),
        Item(id: "streets", title: "Streetcar Desires", year: 1999, genres: ["Drama"]),
    ]
    let interpreter = RuleInterpreter(catalog: Self.catalog)

    func feelings(_ text: String) -> [String: ChatSession.Feeling] {
        Dictionary(interpreter.interpret(text).mentions.filter { $0.items.count == 1 }.map { (Self.catalog[Int($0.items[0])].id, $0.feeling) },
                   uniquingKeysWith: { first, _ in first })
    }

    /// "Noted: not for you, Heat (1995), The Fugitive (1993) and Titanic (1997)" had been said.
    @Test(arguments: [
        ("loved heat and the fugitive, hated titanic. something exciting but not too violent", ["heat": ChatSession.Feeling.liked, "fugitive": .liked, "titanic": .disliked]),
        ("i loved heat, but not too violent please", ["heat": .liked]),
        ("i loved heat but not too violent", ["heat": .liked]),
        ("i loved heat. not too violent please", ["heat": .liked]),
        // A judgement after the film still is one.
        ("Heat. not good", ["heat": .disliked]),
        ("Titanic was beautiful but way too slow", ["titanic": .disliked]),
    ])
    func aWishAfterTheFilmsIsNoVerdict(text: String, expected: [String: ChatSession.Feeling]) {
        #expect(feelings(text) == expected, "\(text)")
    }

    /// A title's first word names it when no other film's name starts with it and it is no
    /// everyday word: "i loved shawshank" had been "I couldn't find “shawshank”".
    @Test func aTellingFirstWordNamesItsFilm() {
        #expect(feelings("i loved shawshank") == ["shawshank": .liked])
        #expect(feelings("loved heat and shawshank") == ["heat": .liked, "shawshank": .liked])
        // Two films start "streetcar": neither is meant. Nor is a word only in a film's place.
        #expect(feelings("i loved streetcar").isEmpty)
        #expect(feelings("i need redemption").isEmpty)
    }

    /// "so was X" and "same with X" share the feeling of the film before: "fugitive was great,
    /// so was die hard" had only steered by Die Hard.
    @Test func soWasSharesTheFeeling() {
        #expect(feelings("the fugitive was great, so was toy story") == ["fugitive": .liked, "toystory": .liked])
        // Said, not the default of a film named with no feeling (which only steers).
        #expect(interpreter.interpret("the fugitive was great, so was toy story").mentions.allSatisfy { $0.stated })
        #expect(feelings("hated titanic, same with toy story") == ["titanic": .disliked, "toystory": .disliked])
    }

    /// Feelings said of films are not searched: "hated titanic, same with…" found Hate by its title.
    @Test func feelingsAreNotSearchWords() {
        let words = interpreter.searchWords(in: "hated titanic, now something about spies") ?? ""
        #expect(!words.contains("hated") && words.contains("spies"), "\(words)")
    }

    /// "any recent …?" asks for recent films: it had let the years go, as "any year" does.
    @Test(arguments: ["i loved heat, any recent crime movies?", "any recent ones?", "any new comedies?"])
    func anyRecentAsksForIt(text: String) {
        #expect(interpreter.interpret(text).minYear != nil, "\(text)")
    }

    @Test(arguments: ["any year is fine", "old or new doesn't matter", "the decade doesn't matter"])
    func aLiftOfTheYearsStillLifts(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.lift.years && reading.minYear == nil && reading.maxYear == nil, "\(text)")
    }

    /// "the shining was too much for me" had been "More like The Shining (1980), then".
    @Test(arguments: [
        ("the shining was too much for me", ["shining": ChatSession.Feeling.disliked]),
        ("heat was a bit much", ["heat": .disliked]),
        ("i loved heat too much", ["heat": .liked]),
    ])
    func tooMuchIsADislike(text: String, expected: [String: ChatSession.Feeling]) {
        #expect(feelings(text) == expected, "\(text)")
    }
}

/// "my kid loves toy story, anything like that?": their film steers the list, as when choosing
/// for them (the trial's list had Toy Story itself first); without the likeness asked for, it
/// stays their film, context only.
@Suite struct TheirFilmWithAnythingLikeThatTests {
    @Test func steersAndIsLeftOut() {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "my kid loves toy story, anything like that?", in: &session)
        #expect(reply.message.contains("For your kid: more like Toy Story"), "\(reply.message)")
        #expect(session.steering == ["toystory"])
        #expect(!reply.entries.isEmpty && !reply.entries.map(\.id).contains("toystory"))
    }

    @Test func withoutLikenessItIsContextOnly() {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "my kid loves toy story", in: &session)
        #expect(reply.message.contains("taken as your kid's film"), "\(reply.message)")
        #expect(session.steering.isEmpty)
        #expect(RuleInterpreter.asksLikeThem(["i", "like", "it"]) == false)
        #expect(RuleInterpreter.asksLikeThem(["something", "similar", "please"]))
    }
}

/// "i've seen all of those" marks every film of the last list seen (a trial's passed without a word).
@Suite struct SeenAllOfThoseTests {
    @Test func marksTheLastListSeen() {
        var session = ChatSession()
        let first = ConversationEngineTests.engine.respond(to: "I loved Toy Story", in: &session)
        let shown = first.entries.map(\.id)
        #expect(!shown.isEmpty)
        let next = ConversationEngineTests.engine.respond(to: "i've seen all of those", in: &session)
        #expect(session.seen == shown)
        #expect(next.message.contains("you've seen"), "\(next.message)")
        #expect(Set(next.entries.map(\.id)).isDisjoint(with: shown))
    }

    @Test(arguments: ["i haven't seen any of those", "not seen all of them", "all of those look good"])
    func isNotSaidOtherwise(text: String) {
        #expect(!RuleInterpreter.seesAll(TextNormalizer.tokens(text)), "\(text)")
    }
}
