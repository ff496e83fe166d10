import CuratorChat
import CuratorCore
import Foundation
import Testing

/// Feelings per mention, year phrases and moods, read by the rules.
@Suite("Rule interpreter")
struct RuleInterpreterTests {
    static let ml100k = LinkerFixtures.movieLens100K
    /// Genre words are read against the catalog's genres (a genre it lacks is a wish): these
    /// titles carry MovieLens's.
    static let interpreter = RuleInterpreter(catalog: ml100k.items.map { item in
        Item(id: item.id, title: item.title, year: item.year, genres: [
            "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir",
            "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
        ])
    }, popularity: ml100k.counts)

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
        // A stranger's trial: "couldn't stand" left an everyday-word title unlinked, and the film came back first.
        ("i couldnt stand heat", ["Heat: disliked"]), ("I can't stand speed", ["Speed: disliked"]),
        ("honestly i despised crash", ["Crash: disliked"]), ("loved the crow, loathed the mask", ["Crow, The: liked", "Mask, The: disliked"]),
        // Found trying the chat as a new user.
        ("my favourite movies are the terminator and heat", ["Terminator, The: liked", "Heat: liked"]),
        ("any good sci fi that isn't star wars", ["Star Wars: disliked"]),
        // A wish after the film is not said of it.
        ("seen the english patient already, how about something funny", ["English Patient, The: seen"]),
        // Nor is a wish turned away after a pause: its "nothing" is the next film, not this one.
        ("I adore Toy Story, nothing too violent", ["Toy Story: liked"]),
        ("already watched heat, preferably something funny", ["Heat: seen"]),
        ("already watched heat, how about something funny", ["Heat: seen"]),
        ("heat, what a waste of time", ["Heat: disliked"]),
        ("I loved heat, something tense but not too long", ["Heat: liked"]),
        ("loved heat, anything but too long please", ["Heat: liked"]),
        // A mixed feeling: what follows "but" is what the speaker stands by.
        ("the english patient was beautiful but way too slow", ["English Patient, The: disliked"]),
        ("the english patient was slow but beautiful", ["English Patient, The: liked"]),
        ("I loved heat but it was too long", ["Heat: disliked"]),
        ("I loved heat but nothing too violent now", ["Heat: liked"]),
        ("I loved heat but no more westerns", ["Heat: liked"]),
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
        ("after 2000", 2000, nil), ("nothing older than 1985", 1985, nil), ("late 70s", 1977, 1979),
        ("something from the eighties or nineties", 1980, 1999), ("pre 1960", nil, 1959), ("since 1992", 1992, nil),
        // A negation of another phrase does not turn the years round.
        ("slow-burn sci-fi, no horror, from before 2000", nil, 1999), ("no horror from before 2000", nil, 1999),
        ("not a comedy, after 1990", 1990, nil), ("no westerns, something newer", 1983, nil),
    ] as [(String, Int?, Int?)])
    func yearPhrases(text: String, minYear: Int?, maxYear: Int?) {
        let reading = Self.interpreter.interpret(text)
        #expect(reading.minYear == minYear && reading.maxYear == maxYear, "\(text): \(String(describing: reading.minYear))–\(String(describing: reading.maxYear))")
    }

    @Test func relativeYearsFollowTheCatalogsOwnYears() {
        // The newest film of this fixture is from 1998: "recent" cannot mean after 2010.
        #expect(Self.interpreter.interpret("something recent").minYear == 1993)
        #expect(Self.interpreter.interpret("something newer").minYear == 1983)
        // A year said beside the relative word bounds it (a stranger's "newer, 1997 maybe").
        #expect(Self.interpreter.interpret("hmm something newer, 1997 maybe, and a comedy").minYear == 1997)
        #expect(Self.interpreter.interpret("something older, like 1975 or so").maxYear == 1975)
        #expect(Self.interpreter.interpret("not too old please").minYear == 1983)
        #expect(Self.interpreter.interpret("nothing too old").minYear == 1983)
        // A negation further back, or a complaint of too much age, asks for newer films, never older ones.
        for text in ["something scary, nothing that's too old", "those are too old", "I don't want anything old", "something a bit more recent than those"] {
            let reading = Self.interpreter.interpret(text)
            #expect(reading.maxYear == nil && (reading.minYear ?? 0) >= 1983, "\(text): \(String(describing: reading.minYear))–\(String(describing: reading.maxYear))")
        }
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
        #expect(Self.interpreter.interpret("something feel-good tonight").unmatchedWishes == ["feel good"], "a mood of two words")
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

    @Test func tooMuchOfAMoodIsAComplaintNotAWish() {
        let described = RuleInterpreter(catalog: [Item(id: "1", title: "Heat", year: 1995, text: "A slow and dark tale.", tags: ["slow-burn"])])
        #expect(described.interpret("it was way too slow").wishes.isEmpty)
        #expect(Self.interpreter.interpret("the english patient was beautiful but way too slow").unmatchedWishes.isEmpty)
        #expect(described.interpret("something slow").wishes == ["slow-burn"], "the mood asked for is still a wish")
    }

    /// Actors and directors: a catalog without cast says so; one with descriptions searches them for the name.
    @Test(arguments: ["anything with Tom Hanks?", "who is in heat?", "films directed by spielberg", "I like the actor in speed"])
    func questionsAboutPeopleAreAnsweredPlainly(_ text: String) {
        let reading = Self.interpreter.interpret(text)
        #expect(reading.asksAboutPeople, "\(text)")
        #expect(!reading.isEmpty)
        #expect(!Self.interpreter.interpret("something with a twist").asksAboutPeople)
        let described = RuleInterpreter(catalog: [Item(id: "1", title: "Big", year: 1988, text: "Tom Hanks grows up overnight.")])
        #expect(described.interpret("anything with Tom Hanks?").wishes == ["tom hanks"])
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
        // A refusal of nothing named is about the list just shown.
        ("not really what I want", true), ("nothing there for me", true), ("meh, boring", true),
    ])
    func passingOverTheWholeList(text: String, passes: Bool) {
        let reading = Self.interpreter.interpret(text)
        #expect(reading.passedOver == passes, "\(text)")
        if passes { #expect(!reading.isEmpty) }
    }

    @Test(arguments: [
        ("something funnier please", "Comedy"), ("anything scarier?", "Horror"), ("a hilarious one", "Comedy"),
        // Everyday names for genres.
        ("something tense", "Thriller"), ("a love story", "Romance"), ("a good whodunit", "Mystery"),
        ("something with songs", "Musical"), ("some film noir", "Film-Noir"),
    ])
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
        // A stranger's trial: a negation reaches the end of its list; "too" wants less of it.
        ("definitely not anything with zombies or horror", [], ["Horror"]), ("no westerns or musicals", [], ["Western", "Musical"]),
        ("ugh no, the 3rd was way too scary", [], ["Horror"]), ("no horror and a comedy", ["Comedy"], ["Horror"]),
    ] as [(String, [String], [String])])
    func aGenreTurnedAway(text: String, included: [String], excluded: [String]) {
        let reading = Self.interpreter.interpret(text)
        #expect(reading.includeGenres == Set(included) && reading.excludeGenres == Set(excluded), "\(text): \(reading)")
    }

    /// A feeling said of a listed film by its place is a reaction to the last list.
    @Test(arguments: [
        ("the second one bored me", TurnUnderstanding.Reaction.reject(position: 2)),
        ("the last one put me to sleep", .reject(position: -1)), ("I loved the third one", .like(position: 3)),
        ("more like the second", .moreLike(position: 2)), ("something like the first one", .moreLike(position: 1)),
        ("the first was a slog", .reject(position: 1)),
    ])
    func aFeelingAboutAPlaceInTheList(text: String, reaction: TurnUnderstanding.Reaction) {
        #expect(Self.interpreter.interpret(text).reactions == [reaction], "\(text)")
    }

    /// The words a list is searched by (embedded) leave out the phrases that turn genres away:
    /// embedded, "no horror" lies close to horror.
    @Test(arguments: [
        ("a feel-good movie, no horror and no war films", ["comedy", "movie"], ["horror", "war"]),
        ("something funny but nothing scary", ["funny"], ["scary"]),
        ("definitely not anything with zombies or horror, something light", ["comedy"], ["zombies", "horror"]),
        ("anything but romance, a good thriller", ["thriller"], ["romance"]),
        // Years are filters too: embedded, "nothing before 1990" brought up Much Ado About Nothing.
        ("a comedy, nothing before 1990", ["comedy"], ["nothing", "1990"]),
        ("something from the 80s with robots", ["robots"], ["80s", "from"]),
        ("a newer thriller about spies", ["thriller", "spies"], ["newer"]),
        ("between 1980 and 1995, a heist film", ["crime"], ["1980", "1995", "between"]),
    ])
    func searchWordsLeaveOutTheFilters(text: String, kept: [String], left: [String]) throws {
        let words = try #require(Self.interpreter.searchWords(in: text)).lowercased()
        for word in kept { #expect(words.contains(word), "\(words)") }
        for word in left { #expect(!words.contains(word), "\(words)") }
    }

    /// On a catalog of titles alone a mood cannot be met: it is searched by the genres it leans
    /// to (embedded, "feel good" found That Old Feeling and "twisty" Twister).
    @Test func aMoodTheCatalogCannotMeetIsSearchedByItsGenres() throws {
        let feelGood = try #require(Self.interpreter.searchWords(in: "a feel-good movie tonight")).lowercased()
        #expect(feelGood.contains("comedy") && !feelGood.contains("feel"), "\(feelGood)")
        let twisty = try #require(Self.interpreter.searchWords(in: "something dark and twisty")).lowercased()
        #expect(twisty.contains("thriller") && !twisty.contains("twisty") && !twisty.contains("dark"), "\(twisty)")
    }

    /// A request that names a film is built on it, as the chat's lists are: the words left
    /// around the names ("i hated, give me something like") are not searched by.
    @Test func aRequestNamingAFilmIsNotSearchedByItsOtherWords() {
        let text = "i hated the english patient, give me something like the fugitive"
        let reading = Self.interpreter.reading(of: text)
        #expect(reading.steering.count == 1 && reading.disliked.count == 1, "\(reading)")
        #expect(reading.search() == nil)
        #expect(Self.interpreter.reading(of: "something funny, nothing scary").search() != nil, "words alone are searched by")
        // Little words or filters alone are not: "anything" embedded found Everything Everywhere All at Once.
        #expect(Self.interpreter.reading(of: "anything").search() == nil)
        #expect(Self.interpreter.reading(of: "nothing scary please").search() == nil)
    }

    /// Films and filters only: nothing is left to search by, and the list starts from the films.
    @Test func filmsAndFiltersAloneLeaveNoSearchWords() {
        #expect(Self.interpreter.searchWords(in: "i loved heat and the fugitive, nothing before 1990") == nil)
    }
}
