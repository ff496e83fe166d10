import CuratorCore
import Testing
@testable import CuratorChat

/// A turn opened by "no" that turns away a genre or years narrows the list; it does not refuse
/// it. A stranger's "no westerns please", after a list of crime films with no western among
/// them, had replaced the list by Schindler's List and Forrest Gump.
@Suite struct NarrowingTurnTests {
    static let catalog = [
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Crime", "Thriller"]),
        Item(id: "unforgiven", title: "Unforgiven", year: 1992, genres: ["Western"]),
        Item(id: "harry", title: "When Harry Met Sally...", year: 1989, genres: ["Comedy", "Romance"]),
        Item(id: "airplane", title: "Airplane!", year: 1980, genres: ["Comedy"]),
    ]

    @Test(arguments: ["no westerns please", "nothing before 1990", "no comedies", "not a western please"])
    func narrowsWithoutPassingOverTheList(text: String) {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret(text)
        #expect(!understanding.passedOver, "\(text)")
    }

    @Test(arguments: ["no, something darker", "nah too violent", "no", "not really what i want", "none of those"])
    func aRefusalOfTheListStillPassesItOver(text: String) {
        #expect(RuleInterpreter(catalog: Self.catalog).interpret(text).passedOver, "\(text)")
    }

    /// "I want something funny", then "but no romcoms": the romance is turned away, not the comedy.
    @Test func noRomcomsKeepsTheComedies() {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret("but no romcoms")
        #expect(understanding.excludeGenres == ["Romance"], "\(understanding.excludeGenres)")
    }
}

/// A kind of constraint let go of is no film not found: "actually any decade is fine, but I want
/// something funny from the 90s" had said it could not find "actually any decade".
@Suite struct ConstraintKindIsNoTitleTests {
    @Test(arguments: ["actually any decade is fine, but I want something funny from the 90s", "any decade is fine",
                      "honestly any year is ok", "the genre is fine, whatever"])
    func isNoMissingTitle(text: String) {
        let understanding = RuleInterpreter(catalog: NarrowingTurnTests.catalog).interpret(text)
        #expect(understanding.missingTitles.isEmpty, "\(text): \(understanding.missingTitles.map(\.text))")
    }
}
