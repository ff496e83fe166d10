import CuratorCore
import Testing
@testable import CuratorChat

/// A mood no tag or description here can meet ("heist" on titles, years and genres) is searched
/// by the genres it leans to that this catalog has, and the reply says what was searched, not
/// what the list is. (Trial 13: "a funny heist movie from the 60s" listed comedies of the 60s
/// under "the list leans to caper and crime"; no MovieLens genre is "caper".)
@Suite struct MoodLeanTests {
    static let catalog = [
        Item(id: "charade", title: "Charade", year: 1963, genres: ["Comedy", "Mystery"]),
        Item(id: "race", title: "The Great Race", year: 1965, genres: ["Comedy"]),
        Item(id: "rififi", title: "Rififi", year: 1955, genres: ["Crime"]),
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Crime", "Thriller"]),
        Item(id: "postino", title: "Postino, Il", year: 1994, genres: ["Drama", "Romance"]),
    ]

    @Test func saysTheGenresSearchedThatTheCatalogHas() throws {
        let interpreter = RuleInterpreter(catalog: Self.catalog)
        let reading = interpreter.reading(of: "a funny heist movie from the 60s")
        #expect(interpreter.moodLeans(reading.understanding).map(\.genres) == [["crime"]])
        let note = try #require(reading.notes(title: { Self.catalog[Int($0)].title }).first { $0.contains("heist") })
        #expect(note.contains("I searched by crime instead"), "\(note)")
        #expect(!note.contains("caper") && !note.contains("leans to"), "\(note)")
    }

    /// "I need a good cry" had been searched as words: Cry, the Beloved Country, The Crying Game.
    @Test func aGoodCryIsAMood() {
        let catalog = Self.catalog + [Item(id: "cry", title: "Cry, the Beloved Country", year: 1995, genres: ["Drama"])]
        let interpreter = RuleInterpreter(catalog: catalog)
        for text in ["I need a good cry tonight", "something to make me cry", "I want something to cry to"] {
            let reading = interpreter.reading(of: text)
            #expect(reading.understanding.mentions.isEmpty, "\(text)")
            #expect(interpreter.moodLeans(reading.understanding).flatMap(\.genres).contains("drama"), "\(text)")
            #expect(!(reading.searchWords ?? "").contains("cry"), "\(text)")
        }
    }

    @Test func saysNoLeanWhereTheCatalogHasNoneOfItsGenres() throws {
        let comedies = Self.catalog.filter { !$0.genres.contains("Crime") }
        let interpreter = RuleInterpreter(catalog: comedies)
        let reading = interpreter.reading(of: "a heist movie")
        #expect(interpreter.moodLeans(reading.understanding).allSatisfy { $0.genres.isEmpty })
        let note = try #require(reading.notes(title: { comedies[Int($0)].title }).first { $0.contains("heist") })
        #expect(!note.contains("searched by"), "\(note)")
    }
}

/// A mood of several words is one wish: "something mind bending" had also wished for "bending"
/// ("Looking for: mind-bending; bending", each said twice after).
@Suite struct MoodPhraseTests {
    @Test(arguments: ["something mind bending", "loved inception. something mind bending but not too dark"])
    func isOneWish(text: String) {
        let catalog = [
            Item(id: "inception", title: "Inception", year: 2010, genres: ["Sci-Fi"], text: "A thief in dreams.", tags: ["mind-bending", "dark"]),
            Item(id: "up", title: "Up", year: 2009, genres: ["Animation"], text: "A house flies.", tags: ["bittersweet"]),
        ]
        #expect(RuleInterpreter(catalog: catalog).interpret(text).wishes == ["mind-bending"], "\(text)")
    }
}

/// Contractions typed without their apostrophe are little words: "something we'd both enjoy" had
/// been answered "I can't apply “wed” here".
@Suite struct ContractionTests {
    @Test func areNoWishes() {
        let reading = RuleInterpreter(catalog: MoodLeanTests.catalog).interpret("something we'd both enjoy")
        #expect(reading.wishes.isEmpty && reading.unmatchedWishes.isEmpty, "\(reading.wishes) \(reading.unmatchedWishes)")
    }
}
