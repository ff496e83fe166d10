import CuratorChat
import CuratorCore
import Foundation
import Testing

/// Feelings per mention, year phrases and moods, read by the rules.
@Suite("Rule interpreter")
struct RuleInterpreterTests {
    static let ml100k = LinkerFixtures.movieLens100K
    static let interpreter = RuleInterpreter(catalog: ml100k.items, popularity: ml100k.counts)

    /// (title, feeling) per mention.
    private static func feelings(_ text: String) -> [String] {
        interpreter.interpret(text).mentions.map { "\(ml100k.items[Int($0.items[0])].title): \($0.feeling)" }
    }

    @Test(arguments: [
        ("I loved the fugitive but the rock bored me", ["Fugitive, The: liked", "Rock, The: disliked"]),
        ("loved the fugitive and the rock bored me", ["Fugitive, The: liked", "Rock, The: disliked"]),
        ("leaving las vegas was too depressing", ["Leaving Las Vegas: disliked"]),
        ("the full monty was funny", ["Full Monty, The: liked"]),
        ("I hated the english patient and the full monty", ["English Patient, The: disliked", "Full Monty, The: disliked"]),
        ("the english patient and the full monty were boring", ["English Patient, The: disliked", "Full Monty, The: disliked"]),
        ("I loved twelve monkeys, hated independence day", ["Twelve Monkeys: liked", "Independence Day (ID4): disliked"]),
        ("twelve monkeys was great but independence day was way too long", ["Twelve Monkeys: liked", "Independence Day (ID4): disliked"]),
        ("I didn't like the english patient", ["English Patient, The: disliked"]),
        ("not a fan of leaving las vegas", ["Leaving Las Vegas: disliked"]),
        ("I liked toy story but not willy wonka", ["Toy Story: liked", "Willy Wonka and the Chocolate Factory: disliked"]),
        ("I've seen the godfather already", ["Godfather, The: seen"]),
        ("I've seen the godfather and loved it", ["Godfather, The: liked"]),
        ("toy story was not bad", ["Toy Story: liked"]),
        ("I loved the sting too", ["Sting, The: liked"]),
        ("die hard 3 was better than die hard 2", ["Die Hard: With a Vengeance: liked", "Die Hard 2: liked"]),
        ("independence day was a waste of time", ["Independence Day (ID4): disliked"]),
        ("I fell asleep during the english patient", ["English Patient, The: disliked"]),
        ("twelve monkeys was hilarious, alien not so much", ["Twelve Monkeys: liked", "Alien: disliked"]),
        ("I'd like a comedy, not too old, maybe like toy story", ["Toy Story: liked"]),
        ("have you seen heat? one of my favourites", ["Heat: liked"]),
        ("have you seen heat? it bored me", ["Heat: disliked"]),
        ("E.T. the Extra-Terrestrial was awful, and speed was great", ["Speed: liked"]),
        ("I'd happily watch toy story again, and not a fan of heat", ["Toy Story: liked", "Heat: disliked"]),
        ("the kids loved the crow", ["Crow, The: liked"]),
        ("I'd never watch heat again", ["Heat: disliked"]),
        ("the godfather put me to sleep", ["Godfather, The: disliked"]),
        // What a film did to the viewer, or failed to do.
        ("twelve monkeys confused me", ["Twelve Monkeys: disliked"]),
        ("the english patient went over my head", ["English Patient, The: disliked"]),
        ("heat lost me halfway through", ["Heat: disliked"]),
        ("toy story did nothing for me", ["Toy Story: disliked"]),
        ("alien left me cold, loved aliens though", ["Alien: disliked", "Aliens: liked"]),
        ("the godfather was a slog", ["Godfather, The: disliked"]),
        ("speed fell flat for me", ["Speed: disliked"]),
        ("honestly scream made no sense", ["Scream: disliked"]),
        ("anything but the english patient", ["English Patient, The: disliked"]),
        // Praise or appeal, negated.
        ("heat doesn't appeal", ["Heat: disliked"]), ("the rock isn't for me", ["Rock, The: disliked"]),
        ("toy story didn't really grab me", ["Toy Story: disliked"]), ("speed wasn't that great", ["Speed: disliked"]),
        ("alien never worked for me, loved aliens", ["Alien: disliked", "Aliens: liked"]),
        ("I can't recommend the fugitive enough", ["Fugitive, The: liked"]),
        // Found trying the chat as a new user.
        ("my favourite movies are the terminator and heat", ["Terminator, The: liked", "Heat: liked"]),
        ("any good sci fi that isn't star wars", ["Star Wars: disliked"]),
        // A wish after the film is not said of it.
        ("seen the english patient already, how about something funny", ["English Patient, The: seen"]),
    ] as [(String, [String])])
    func eachMentionHasItsOwnFeeling(text: String, expected: [String]) {
        #expect(Self.feelings(text) == expected, "\(text)")
    }

    @Test func wordsAboutTheUserAreNotWishes() {
        let reading = Self.interpreter.interpret("alien never gets old, I saw it as a kid")
        #expect(reading.minYear == nil && reading.maxYear == nil && reading.includeGenres.isEmpty)
        #expect(reading.mentions.map(\.items) == [[Self.ml100k.index("Alien")]])
    }

    @Test func whatIsSaidOfAFilmIsNotAWish() {
        let reading = Self.interpreter.interpret("the full monty was funny")
        #expect(reading.includeGenres.isEmpty, "funny describes the film")
        #expect(Self.interpreter.interpret("I loved the full monty, something funny").includeGenres == ["Comedy"])
    }

    @Test(arguments: [
        ("nothing before 1990", 1990, nil), ("from the 80s", 1980, 1989), ("80s or later", 1980, nil),
        ("before the 90s", nil, 1989), ("between 1980 and 1995", 1980, 1995), ("from 1975 to 1985", 1975, 1985),
        ("after 2000", 2000, nil), ("nothing older than 1985", 1985, nil), ("late 70s", 1975, 1979),
        ("something from the eighties or nineties", 1980, 1999), ("pre 1960", nil, 1959), ("since 1992", 1992, nil),
    ] as [(String, Int?, Int?)])
    func yearPhrases(text: String, minYear: Int?, maxYear: Int?) {
        let reading = Self.interpreter.interpret(text)
        #expect(reading.minYear == minYear && reading.maxYear == maxYear, "\(text): \(String(describing: reading.minYear))–\(String(describing: reading.maxYear))")
    }

    @Test func relativeYearsFollowTheCatalogsOwnYears() {
        // The newest film of this fixture is from 1998: "recent" cannot mean after 2010.
        #expect(Self.interpreter.interpret("something recent").minYear == 1993)
        #expect(Self.interpreter.interpret("something newer").minYear == 1983)
        #expect(Self.interpreter.interpret("not too old please").minYear == 1983)
        #expect(Self.interpreter.interpret("nothing too old").minYear == 1983)
        #expect(Self.interpreter.interpret("an old-school western").maxYear == 1978)
        #expect(Self.interpreter.interpret("a classic").maxYear == 1978)
        #expect(Self.interpreter.interpret("something set in new york").minYear == nil, "New York is a place")
        #expect(Self.interpreter.interpret("something in black and white").maxYear == 1965)
    }

    @Test func moodsACatalogCannotMeetAreSaidNotDropped() {
        let reading = Self.interpreter.interpret("something darker")
        #expect(reading.wishes.isEmpty)
        #expect(reading.unmatchedWishes == ["darker"])
        #expect(!reading.isEmpty)
        // Items with descriptions can be searched for the mood's word.
        let described = RuleInterpreter(catalog: [Item(id: "1", title: "Heat", year: 1995, text: "A dark tale of two men.")])
        #expect(described.interpret("something darker").wishes == ["dark"])
    }

    @Test(arguments: ["nothing too violent", "nothing violent please", "i'd rather not have anything dark", "no dark stuff"])
    func aMoodTurnedAwayIsNotAWish(_ text: String) {
        let described = RuleInterpreter(catalog: [Item(id: "1", title: "Heat", year: 1995, text: "A dark and violent tale.", tags: ["violent", "dark"])])
        #expect(described.interpret(text).wishes.isEmpty, "\(described.interpret(text).wishes)")
        #expect(described.interpret("something violent").wishes == ["violent"], "the same mood asked for is a wish")
    }

    @Test func theShippedDatasetReadsScaryButNotTooOld() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/movies").path
        let dataset = try DatasetLoader.load(path: folder).dataset
        let interpreter = RuleInterpreter(catalog: dataset.catalog, popularity: dataset.itemInteractionCounts().map { Float($0) })
        let reading = interpreter.interpret("I loved Alien and The Thing, something scary but not too old")
        #expect(reading.mentions.map { dataset.catalog[Int($0.items[0])].title } == ["Alien", "The Thing"])
        #expect(reading.mentions.allSatisfy { $0.feeling == .liked && $0.items.count == 1 })
        #expect(reading.includeGenres == ["Horror"])
        #expect(reading.maxYear == nil)
        #expect((reading.minYear ?? 0) >= 1985, "not too old is a minimum year")
    }

    /// Passing over a whole list is understood (a new list follows), and a genre asked for in
    /// the comparative ("something funnier") is a genre; a film or a name that only contains
    /// such a word is not ("Hannah and Her Sisters").
    @Test(arguments: [
        ("none of those", true), ("not those", true), ("nah, something else", true), ("seen them all", true),
        ("hannah and her sisters", false), ("I loved those films", false),
    ])
    func passingOverTheWholeList(text: String, passes: Bool) {
        let reading = Self.interpreter.interpret(text)
        #expect(reading.passedOver == passes, "\(text)")
        if passes { #expect(!reading.isEmpty) }
    }

    @Test(arguments: [("something funnier please", "Comedy"), ("anything scarier?", "Horror"), ("a hilarious one", "Comedy")])
    func comparativeGenreWords(text: String, genre: String) {
        #expect(Self.interpreter.interpret(text).includeGenres == [genre], "\(text)")
    }

    /// A "no" that answers the last list is not a negation of the genre after the pause.
    @Test(arguments: [
        ("hmm, no, maybe crime?", ["Crime"], [String]()), ("no - a comedy", ["Comedy"], []),
        ("no horror", [], ["Horror"]), ("not a western, please", [], ["Western"]),
    ] as [(String, [String], [String])])
    func aNegationBeforeAPauseIsNotTheGenres(text: String, included: [String], excluded: [String]) {
        let reading = Self.interpreter.interpret(text)
        #expect(reading.includeGenres == Set(included) && reading.excludeGenres == Set(excluded), "\(text): \(reading)")
    }

    /// A genre is turned away by a negation of it ("anything but", "other than", "no more")
    /// or a dislike said of it ("not a fan of", "sick of"), in its own phrase only; "nothing
    /// but" asks for it.
    @Test(arguments: [
        ("ugh, anything but romance", [], ["Romance"]), ("anything except horror", [], ["Horror"]),
        ("no more westerns please", [], ["Western"]), ("not a fan of musicals", [], ["Musical"]),
        ("I'm sick of war films", [], ["War"]), ("can't stand horror", [], ["Horror"]),
        ("anything other than a comedy", [], ["Comedy"]), ("everything but documentaries", [], ["Documentary"]),
        ("I'm tired of thrillers, something with laughs", ["Comedy"], ["Thriller"]),
        ("nothing but comedies tonight", ["Comedy"], []), ("I hate horror and love comedy", ["Comedy"], ["Horror"]),
        ("that bored me, so maybe a comedy", ["Comedy"], []), ("the last one bored me so how about a western", ["Western"], []),
        ("a romance, anything but sad", ["Romance"], []), ("any good sci fi that isn't star wars", ["Sci-Fi"], []),
    ] as [(String, [String], [String])])
    func aGenreTurnedAway(text: String, included: [String], excluded: [String]) {
        let reading = Self.interpreter.interpret(text)
        #expect(reading.includeGenres == Set(included) && reading.excludeGenres == Set(excluded), "\(text): \(reading)")
    }

    /// A feeling said of a listed film by its place is a reaction to the last list.
    @Test(arguments: [
        ("the second one bored me", TurnUnderstanding.Reaction.reject(position: 2)),
        ("the last one put me to sleep", .reject(position: -1)), ("I loved the third one", .moreLike(position: 3)),
        ("the first was a slog", .reject(position: 1)),
    ])
    func aFeelingAboutAPlaceInTheList(text: String, reaction: TurnUnderstanding.Reaction) {
        #expect(Self.interpreter.interpret(text).reactions == [reaction], "\(text)")
    }
}
