@testable import CuratorChat
import CuratorCore
import Testing

/// Defects a fourth stranger's trial found, each at its root: the general rule, tried with
/// phrasings beyond the ones the trial typed.
@Suite("A fourth stranger's trial: genre words are no titles")
struct FourthTrialGenreWordTests {
    /// A catalog with films named by a genre's everyday word (MovieLens has Kids and The War).
    static let catalog: [Item] = ChatFixtures.catalog + [
        Item(id: "kids", title: "Kids", year: 1995, genres: ["Drama"]),
        Item(id: "war", title: "The War", year: 1994, genres: ["Adventure", "Drama"]),
    ]
    let interpreter = RuleInterpreter(catalog: Self.catalog)

    /// A genre's word after a verb of taste, before "movies", "films", "stuff", is the genre.
    @Test(arguments: [
        ("i hate kids movies", "Children"), ("i can't stand kids films", "Children"), ("honestly i hate war movies", "War"),
        ("not into kids stuff", "Children"), ("i really hate kids", "Children"), ("i hate cartoons", "Animation"),
    ])
    func aGenreWordAfterATasteVerbIsTheGenre(text: String, genre: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.isEmpty, "\(text): \(reading.mentions.map(\.text))")
        #expect(reading.excludeGenres == [genre], "\(text): \(reading.excludeGenres)")
    }

    @Test(arguments: [("i love kids movies", "Children"), ("i'm into war films", "War"), ("something with cartoons", "Animation")])
    func aGenreWordLikedIsAGenreAskedFor(text: String, genre: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.isEmpty, "\(text): \(reading.mentions.map(\.text))")
        #expect(reading.includeGenres.contains(genre), "\(text): \(reading.includeGenres)")
    }

    /// The film is still there where the sentence treats the word as a title.
    @Test(arguments: ["kids was too bleak for me", "I hated Kids", "i hated \"kids\"", "heat and kids"])
    func theFilmStaysWhereTheSentenceNamesIt(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.contains { $0.items == [Int32(Self.catalog.firstIndex { $0.id == "kids" }!)] }, "\(text): \(reading.mentions.map(\.text))")
    }
}

extension FourthTrialGenreWordTests {
    /// A dislike said after the genre, in its own phrase, turns it away as one before it does.
    @Test(arguments: [
        ("honestly, family stuff bores me", "Children"), ("kids movies bore me", "Children"),
        ("horror films are just not my thing", "Horror"), ("war movies really annoy me", "War"),
    ])
    func aDislikeAfterTheGenreTurnsItAway(text: String, genre: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.excludeGenres == [genre] && reading.includeGenres.isEmpty, "\(text): \(reading.includeGenres) \(reading.excludeGenres)")
    }

    /// Not a dislike of the genre: praise after it, or a pause before what follows.
    @Test(arguments: ["horror movies are the best", "a comedy that isn't boring", "a comedy, nothing dumb"])
    func praiseOrAnotherPhraseAfterTheGenreAsksForIt(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.excludeGenres.isEmpty && !reading.includeGenres.isEmpty, "\(text): \(reading.includeGenres) \(reading.excludeGenres)")
    }

    /// The words a list is searched by leave out the phrase that turned the genre away, as
    /// typed ("can't", "sci-fi"): embedded, "war" brought up The War Room and The War at Home.
    @Test(arguments: ["i can't stand war films", "I CAN'T STAND war movies!", "don't want sci-fi"])
    func theTurnedAwayPhraseIsNotSearched(text: String) {
        #expect(interpreter.searchWords(in: text) == nil, "\(text): \(interpreter.searchWords(in: text) ?? "")")
    }
}
