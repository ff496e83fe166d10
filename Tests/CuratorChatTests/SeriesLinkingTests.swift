import CuratorChat
import CuratorCore
import Testing

/// Films of a franchise named by the part of the title after the franchise's name, by their
/// number, by their place ("the second godfather") or by the franchise's initials.
@Suite("Series linking")
struct SeriesLinkingTests {
    static let catalog: [Item] = [
        Item(id: "hp1", title: "Harry Potter and the Sorcerer's Stone", year: 2001, genres: ["Fantasy"]),
        Item(id: "hp2", title: "Harry Potter and the Chamber of Secrets", year: 2002, genres: ["Fantasy"]),
        Item(id: "hp3", title: "Harry Potter and the Prisoner of Azkaban", year: 2004, genres: ["Fantasy"]),
        Item(id: "lotr1", title: "The Lord of the Rings: The Fellowship of the Ring", year: 2001, genres: ["Fantasy"]),
        Item(id: "lotr2", title: "The Lord of the Rings: The Two Towers", year: 2002, genres: ["Fantasy"]),
        Item(id: "lotr3", title: "The Lord of the Rings: The Return of the King", year: 2003, genres: ["Fantasy"]),
        Item(id: "godfather", title: "Godfather, The", year: 1972, genres: ["Crime"]),
        Item(id: "godfather2", title: "Godfather: Part II, The", year: 1974, genres: ["Crime"]),
        Item(id: "shawshank", title: "The Shawshank Redemption", year: 1994, genres: ["Drama"], tags: ["prison"]),
        Item(id: "nyc1", title: "New York Stories", year: 1989, genres: ["Comedy"]),
        Item(id: "nyc2", title: "New York Cop", year: 1996, genres: ["Action"]),
    ]
    let interpreter = RuleInterpreter(catalog: Self.catalog)

    private func linked(_ text: String) -> [String] {
        interpreter.interpret(text).mentions.map { $0.items.map { Self.catalog[Int($0)].id }.joined(separator: "|") }
    }

    @Test(arguments: [
        ("i loved prisoner of azkaban", "hp3"), ("chamber of secrets bored me", "hp2"), ("harry potter 3 was great", "hp3"),
        ("I liked harry potter 2", "hp2"), ("lotr 3", "lotr3"), ("i loved lotr 2", "lotr2"),
        ("i liked the second godfather", "godfather2"), ("the third harry potter was great", "hp3"),
        ("loved the first lord of the rings", "lotr1"),
    ])
    func aFilmOfAFranchise(text: String, id: String) {
        #expect(linked(text) == [id], "\(text)")
    }

    @Test func aTitleFragmentIsNotATopic() {
        let reading = interpreter.interpret("i loved prisoner of azkaban")
        #expect(reading.wishes.isEmpty, "\"prisoner\" is the title's, not a wish for prison films")
    }

    @Test func aSeriesLacksTheNumberAsked() {
        let reading = interpreter.interpret("harry potter 7 was great")
        #expect(reading.mentions.isEmpty)
        #expect(reading.missingTitles.map(\.text) == ["harry potter 7"])
    }
}

extension SeriesLinkingTests {
    @Test(arguments: ["the second", "not the third", "more like the first one"])
    func aPlaceAloneIsNoFilm(text: String) {
        #expect(linked(text).isEmpty, "\(text)")
    }
}

extension SeriesLinkingTests {
    /// A place before a film that has no series is no sequel ("not the first, X was great"), and
    /// a number after a stop starts a new sentence ("…the rock. one flew over…").
    @Test func aPlaceOrANumberNextToAFilmWithoutASeries() {
        let reading = interpreter.interpret("not the first, the shawshank redemption was great too")
        #expect(reading.mentions.map(\.feeling) == [.liked])
        let catalog = Self.catalog + [Item(id: "rock", title: "Rock, The", year: 1996, genres: ["Action"]),
                                      Item(id: "cuckoo", title: "One Flew Over the Cuckoo's Nest", year: 1975, genres: ["Drama"])]
        let two = RuleInterpreter(catalog: catalog).interpret("something like the rock. one flew over the cuckoo's nest was too long")
        #expect(two.mentions.map { catalog[Int($0.items[0])].id } == ["rock", "cuckoo"])
        #expect(two.mentions.map(\.feeling) == [.liked, .disliked])
    }
}
