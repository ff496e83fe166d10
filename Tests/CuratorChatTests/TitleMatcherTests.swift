import CuratorChat
import CuratorCore
import Testing

/// A catalog with the shapes that make matching hard: articles, sequels, same titles in
/// different years, punctuation, accents, subtitles.
enum ChatFixtures {
    static let catalog: [Item] = [
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Crime", "Thriller"], tags: ["heist"]),
        Item(id: "se7en", title: "Se7en", year: 1995, genres: ["Crime", "Mystery"], tags: ["dark", "serial killer"]),
        Item(id: "matrix", title: "The Matrix", year: 1999, genres: ["Action", "Sci-Fi"], tags: ["dystopia"]),
        Item(id: "matrix2", title: "The Matrix Reloaded", year: 2003, genres: ["Action", "Sci-Fi"]),
        Item(id: "godfather", title: "The Godfather", year: 1972, genres: ["Crime", "Drama"]),
        Item(id: "godfather2", title: "The Godfather Part II", year: 1974, genres: ["Crime", "Drama"]),
        Item(id: "scarface32", title: "Scarface", year: 1932, genres: ["Crime"]),
        Item(id: "scarface83", title: "Scarface", year: 1983, genres: ["Crime", "Drama"]),
        Item(id: "amelie", title: "Amélie", year: 2001, genres: ["Comedy", "Romance"], tags: ["feel-good"]),
        Item(id: "airplane", title: "Airplane!", year: 1980, genres: ["Comedy"], tags: ["funny"]),
        Item(id: "strangelove", title: "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", year: 1964, genres: ["Comedy", "War"]),
        Item(id: "shining", title: "The Shining", year: 1980, genres: ["Horror"], tags: ["dark"]),
        Item(id: "toystory", title: "Toy Story", year: 1995, genres: ["Animation", "Children", "Comedy"], tags: ["family"]),
        Item(id: "up", title: "Up", year: 2009, genres: ["Animation", "Children"], tags: ["family"]),
        Item(id: "alien", title: "Alien", year: 1979, genres: ["Horror", "Sci-Fi"], tags: ["dark", "space"]),
        Item(id: "zodiac", title: "Zodiac", year: 2007, genres: ["Crime", "Mystery"], tags: ["dark", "slow-burn"]),
        Item(id: "witch", title: "The Witch", year: 2015, genres: ["Horror"]),
    ]

    static func index(_ id: String) -> Int32 { Int32(catalog.firstIndex { $0.id == id }!) }
}

@Suite("Title matching")
struct TitleMatcherTests {
    let matcher = TitleMatcher(catalog: ChatFixtures.catalog)

    private func found(_ text: String) -> [[String]] {
        matcher.mentions(in: text).map { $0.items.map { ChatFixtures.catalog[Int($0)].id } }
    }

    @Test func exactTitlesInASentenceInOrder() {
        #expect(found("I loved Heat and Se7en, something darker") == [["heat"], ["se7en"]])
    }

    @Test(arguments: [
        ("the matrix", "matrix"), ("Matrix", "matrix"), ("the godfather", "godfather"),
        ("godfather 2", "godfather2"), ("Godfather part two", "godfather2"), ("The Godfather: Part II", "godfather2"),
        ("amelie", "amelie"), ("AMÉLIE!", "amelie"), ("airplane", "airplane"), ("dr strangelove", "strangelove"),
        ("godfahter", "godfather"), ("the matrx reloaded", "matrix2"), ("toy story", "toystory"),
    ])
    func variantsOfOneTitle(text: String, id: String) {
        #expect(found("I really liked \(text) a lot") == [[id]])
    }

    @Test func sameTitleTwoYearsIsAmbiguousUnlessTheYearIsGiven() {
        let mentions = matcher.mentions(in: "scarface was great")
        #expect(mentions.count == 1 && mentions[0].isAmbiguous)
        #expect(Set(mentions[0].items) == [ChatFixtures.index("scarface32"), ChatFixtures.index("scarface83")])
        #expect(found("scarface 1983 was great") == [["scarface83"]])
    }

    @Test func shortWordsAreNotFuzzyMatched() {
        #expect(found("I want something up beat").isEmpty, "up is a film only where the sentence makes it one")
        #expect(found("I loved Up") == [["up"]])
        #expect(found("hat") == [], "no typo tolerance for short titles")
        #expect(found("something dark please").isEmpty)
    }

    @Test func everydayWordsOneLetterFromAOneWordTitleAreNotMentions() {
        #expect(found("something to watch with my grandmother").isEmpty, "watch is not The Witch")
        #expect(found("I loved the witch") == [["witch"]])
        #expect(found("zodiak was tense") == [["zodiac"]], "a typo in a six-letter title is still forgiven")
    }

    @Test func longerTitleWinsOverItsPrefix() {
        #expect(found("matrix reloaded") == [["matrix2"]])
    }
}
