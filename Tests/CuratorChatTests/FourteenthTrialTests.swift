import CuratorCore
import Testing
@testable import CuratorChat

/// A stranger's fourteenth trial (ml-100k): a wish after a "but" or a full stop is no verdict
/// on the films before it, and "too much for me" is one.
@Suite struct FourteenthTrialTests {
    static let catalog = [
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Action", "Crime", "Thriller"]),
        Item(id: "fugitive", title: "Fugitive, The", year: 1993, genres: ["Action", "Thriller"]),
        Item(id: "titanic", title: "Titanic", year: 1997, genres: ["Drama", "Romance"]),
        Item(id: "shining", title: "Shining, The", year: 1980, genres: ["Horror"]),
        Item(id: "toystory", title: "Toy Story", year: 1995, genres: ["Animation", "Comedy"]),
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
