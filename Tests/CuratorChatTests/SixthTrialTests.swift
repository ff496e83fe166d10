@testable import CuratorChat
import CuratorCore
import Testing

/// Defects a sixth stranger's trial found (three personas: a parent, a film buff, a terse phone
/// user), each at its root.
@Suite("A sixth stranger's trial")
struct SixthTrialTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    /// A genre word with one slip is the genre, not a film or a person not found.
    @Test(arguments: [("horor", "Horror"), ("comdy", "Comedy"), ("scfi", "Sci-Fi"), ("thriler", "Thriller"), ("animaton", "Animation")])
    func aGenreTypedWithOneSlipIsTheGenre(text: String, genre: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.includeGenres == [genre], "\(text): \(reading.includeGenres)")
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople, "\(text)")
        #expect(interpreter.interpret("no \(text)").excludeGenres == [genre] && interpreter.interpret("no \(text)").unreadExclusions.isEmpty)
    }

    /// A question about films says no feeling of them.
    @Test(arguments: ["would my kids like toy story?", "is zodiac better than se7en?", "would The Shining be too scary for a 12 year old?"])
    func aQuestionAboutAFilmIsNoLike(text: String) {
        let reading = interpreter.interpret(text)
        #expect(!reading.mentions.isEmpty && reading.mentions.allSatisfy { !$0.stated }, "\(text): \(reading.mentions)")
    }

    /// Both films of a comparison are read, typed in lower case: "is the godfather better than
    /// the sting?" had read The Sting alone (a stranger's server trial).
    @Test(arguments: ["is zodiac better than se7en?", "is zodiac more fun than se7en", "zodiac or se7en, which is better?"])
    func bothFilmsOfAComparisonAreRead(text: String) {
        #expect(interpreter.interpret(text).mentions.count == 2, "\(text): \(interpreter.interpret(text).mentions)")
    }

    @Test(arguments: [
        ("my daughter is five", true), ("my son is 4", true), ("a film for my twins (9) and their grandpa", true),
        ("my kids are 6 and 11", true), ("my son is 16 and likes action", false),
    ])
    func aChildsAgeSaidAnyWayAsksForChildrensFilms(text: String, child: Bool) {
        #expect(interpreter.interpret(text).includeGenres.contains("Children") == child, "\(text)")
    }

    /// A wish is met by a tag holding its words ("talking animals" for "animals"); a wish the
    /// catalog has as a tag is met by the tag alone, not by the word in a description.
    @Test func tagsTellWhatTheyTell() {
        let talking = Item(id: "nemo", title: "Finding Nemo", year: 2003, genres: ["Animation"], tags: ["talking animals"])
        let seoul = Item(id: "parasite", title: "Parasite", year: 2019, genres: ["Thriller"], text: "A struggling Seoul family schemes.")
        #expect(SessionRecommender.meets(talking, wish: "animals"))
        #expect(SessionRecommender.meets(seoul, wish: "family"), "a word in a description meets a wish no tag names")
        #expect(!SessionRecommender.meets(seoul, wish: "family", byTagOnly: true), "but not one the catalog has as a tag")
        // Said as a tag alone, "talking animals" is no film not found.
        let reading = RuleInterpreter(catalog: ChatFixtures.catalog + [talking]).interpret("talking animals")
        #expect(reading.wishes == ["talking animals"] && reading.missingTitles.isEmpty, "\(reading.missingTitles)")
    }

    /// A mood turned away is not claimed of a film nothing marks either way.
    @Test func aReasonDoesNotClaimAMoodTurnedAway() {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "nothing dark please", in: &session)
        #expect(!reply.entries.isEmpty)
        #expect(reply.entries.allSatisfy { !$0.reason.contains("not marked dark") && !$0.reason.contains("(not dark)") }, "\(reply.entries.map(\.reason))")
        #expect(reply.message.contains("not marked dark"), "the constraint itself says what it leaves out: \(reply.message)")
    }

    /// The terse: a place alone is more like that film, and a feeling with a place is that command.
    @Test func aPlaceAloneAndAFeelingWithAPlace() {
        #expect(interpreter.interpret("2").reactions == [.moreLike(position: 2)])
        #expect(interpreter.interpret("#3").reactions == [.moreLike(position: 3)])
        #expect(Conversation.Command(saying: "hate 2") == .dislike(2))
        #expect(Conversation.Command(saying: "dont like 1") == .dislike(1))
        #expect(Conversation.Command(saying: "loved 4") == .like(4))
        // "go with number 3" picks the third; "number" is no name to look for.
        let pick = interpreter.interpret("ok we'll go with number 3, thanks!")
        #expect(pick.unsearchable.isEmpty && pick.wishes.isEmpty && !pick.asksAboutPeople, "\(pick)")
    }

    /// A film to find more like that the catalog lacks is said, not passed over.
    @Test(arguments: [("something like zorbo nights", ["zorbo nights"]), ("anything like zorbo nights please", ["zorbo nights"]),
                      ("something like heat", []), ("something like a feel good comedy", [])])
    func aFilmToFindMoreLikeThatTheCatalogLacksIsSaid(text: String, missing: [String]) {
        #expect(interpreter.interpret(text).missingTitles.map(\.text) == missing, "\(text)")
    }

    /// A request in words says, as the chat does, that a mood turned away cannot be told here.
    @Test func aRequestSaysAMoodTurnedAwayCannotBeTold() {
        let reading = interpreter.reading(of: "something for my 6 year old, nothing violent")
        #expect(reading.constraints.avoided.isEmpty)
        #expect(reading.notes { _ in "" }.contains { $0.hasPrefix("I can't tell which films here are “violent”") }, "\(reading.notes { _ in "" })")
        #expect(interpreter.reading(of: "nothing dark please").notes { _ in "" }.isEmpty, "the fixture tags films dark")
    }

    /// "At the latest" bounds the years on one side only.
    @Test(arguments: [("crime, 90s at the latest", nil, 1999), ("the 80s at the earliest", 1980, nil), ("a comedy, 90s tops", nil, 1999)] as [(String, Int?, Int?)])
    func atTheLatestIsOneBound(text: String, min: Int?, max: Int?) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear == min && reading.maxYear == max, "\(text): \(String(describing: reading.minYear))–\(String(describing: reading.maxYear))")
    }

    /// "Less romantic" is no exclusion of romance: the reply says what a list can do.
    @Test(arguments: ["something like heat but less romantic", "a little less of a comedy please"])
    func lessOfAGenreIsNoExclusion(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.excludeGenres.isEmpty && reading.includeGenres.isEmpty, "\(text): \(reading.excludeGenres)")
        #expect(ReadingNotes.notes(of: reading, title: { _ in "" }).contains { $0.contains("but not hold less of it") }, "\(text)")
    }

    /// A decade allowed beside the years asked widens them: "crime from the 40s", then
    /// "scratch that, 50s is fine too" had dropped the years ("Dropped: 1940–1949").
    @Test(arguments: [("crime from the 40s", "scratch that, 50s is fine too", 1940, 1959),
                      ("a comedy from the 90s", "actually the 80s are fine too", 1980, 1999)])
    func aDecadeAllowedWidensTheYears(first: String, then: String, min: Int, max: Int) {
        var session = ChatSession()
        let engine = ConversationEngineTests.engine
        _ = engine.respond(to: first, in: &session)
        let reply = engine.respond(to: then, in: &session)
        #expect(session.constraints.minYear == min && session.constraints.maxYear == max, "\(session.constraints.summary)")
        #expect(!reply.message.contains("Dropped"), "\(reply.message)")
    }

    /// A bound with "or later" turned away is the other side: "no films from the 2010s or
    /// later" asked for films from 2010 (a seventh stranger's trial).
    @Test(arguments: [("a drama, no films from the 2010s or later", nil, 2009), ("nothing from the 70s or earlier", 1980, nil),
                      ("80s or later", 1980, nil)] as [(String, Int?, Int?)])
    func aBoundTurnedAwayIsTheOtherSide(text: String, min: Int?, max: Int?) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear == min && reading.maxYear == max, "\(text): \(String(describing: reading.minYear))–\(String(describing: reading.maxYear))")
    }
}

