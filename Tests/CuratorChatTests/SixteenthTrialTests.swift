@testable import CuratorChat
import CuratorCore
import Testing

/// A stranger's sixteenth trial, on MovieLens 100K and the example catalog: lists of dislikes,
/// negations of a dislike and of "seen", an "ok" that opens a turn, and names read as moods.
@Suite("A sixteenth trial: feelings and negation")
struct SixteenthTrialTests {
    var engine: ConversationEngine { ConversationEngineTests.engine }
    var interpreter: RuleInterpreter { ConversationEngineTests.engine.interpreter }

    /// "i hate horror, sci-fi and war films" had been "Looking for: Sci-Fi; War; no Horror": the
    /// negation before a list reaches every genre of it.
    @Test(arguments: [
        ("i hate horror, sci-fi and war films", ["Horror", "Sci-Fi", "War"]),
        ("not a fan of horror, or comedies", ["Horror", "Comedy"]),
        ("i cant stand horror, thrillers or war movies", ["Horror", "Thriller", "War"]),
        ("no romance, comedies and no horror please", ["Romance", "Comedy", "Horror"]),
        ("not in the mood for something scary or a comedy", ["Horror", "Comedy"]),
    ])
    func aListOfDislikesIsAllTurnedAway(text: String, excluded: [String]) {
        let reading = interpreter.interpret(text)
        #expect(reading.excludeGenres == Set(excluded) && reading.includeGenres.isEmpty, "\(text): \(reading)")
    }

    /// A list joined by commas alone, or one whose negation is the first genre's own, asks for the rest.
    @Test(arguments: [
        ("no horror, comedy please", ["Comedy"], ["Horror"]),
        ("i want comedy, drama and no horror", ["Comedy", "Drama"], ["Horror"]),
        ("i hate horror and love comedy", ["Comedy"], ["Horror"]),
        ("no horror, and a comedy", ["Comedy"], ["Horror"]),
    ])
    func aGenreAfterTheListIsStillAsked(text: String, included: [String], excluded: [String]) {
        let reading = interpreter.interpret(text)
        #expect(reading.includeGenres == Set(included) && reading.excludeGenres == Set(excluded), "\(text): \(reading)")
    }

    /// "not in the mood for anything sad or slow" had asked for slow-burn films.
    @Test(arguments: ["not in the mood for anything dark or slow", "nothing dark, or slow", "i dont want anything dark and slow"])
    func aListOfMoodsIsAllTurnedAway(text: String) {
        let reading = interpreter.interpret(text)
        #expect(Set(reading.avoidedWishes) == ["dark", "slow-burn"] && reading.wishes.isEmpty, "\(text): \(reading)")
    }
}
