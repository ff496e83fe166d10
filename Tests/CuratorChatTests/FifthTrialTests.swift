@testable import CuratorChat
import CuratorCore
import Testing

/// Defects a fifth stranger's trial found: moods turned away were searched for ("nothing
/// violent" listed Kill Bill), and a child's age was read as an era ("my 8 yr old": up to 1978).
@Suite("A fifth stranger's trial")
struct FifthTrialTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)
    var engine: ConversationEngine { ConversationEngineTests.engine }

    @Test(arguments: [
        "nothing dark please", "no dark stuff", "not in the mood for anything dark", "a comedy, nothing too dark",
        "stay away from dark films", "i dont want anything bleak tonight", "that was too gloomy for me",
    ])
    func aMoodTurnedAwayIsAvoidedNotSearchedFor(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.avoidedWishes == ["dark"], "\(text): \(reading.avoidedWishes)")
        #expect(reading.wishes.isEmpty, "\(text): \(reading.wishes)")
        let words = interpreter.searchWords(in: text, reading: reading) ?? ""
        #expect(!TextNormalizer.tokens(words).contains { ["dark", "bleak", "gloomy"].contains($0) }, "\(text): searched by \(words)")
    }

    @Test func aListLeavesOutTheFilmsOfAMoodTurnedAway() throws {
        var session = ChatSession()
        let reply = engine.respond(to: "i loved alien. nothing dark though", in: &session)
        try #require(!reply.entries.isEmpty)
        let dark = Set(ChatFixtures.catalog.filter { $0.tags.contains("dark") }.map(\.id))
        #expect(reply.entries.allSatisfy { !dark.contains($0.id) }, "\(reply.entries.map(\.id))")
        #expect(session.constraints.avoided == ["dark"])
        #expect(reply.message.contains("not marked dark"), "\(reply.message)")
        // Asking for the mood again lifts the avoidance: the latest word wins.
        let again = engine.respond(to: "actually, something dark", in: &session)
        #expect(session.constraints.avoided.isEmpty && session.constraints.wishes == ["dark"], "\(session.constraints)")
        #expect(again.entries.contains { dark.contains($0.id) }, "\(again.entries.map(\.id))")
    }

    /// A mood no film here is known to have leaves nothing out, and the reply says so rather
    /// than claim the list avoids it.
    @Test func aMoodTurnedAwayThatNoFilmHasIsSaid() {
        var session = ChatSession()
        let reply = engine.respond(to: "no violence please", in: &session)
        #expect(reply.message.contains("I can't tell which films here are “violent”"), "\(reply.message)")
        #expect(session.constraints.avoided.isEmpty)
    }

    @Test(arguments: [
        ("family movie night w my 8 yr old", true), ("something for a 10 year old", true), ("my 6 yrs old loves cartoons", true),
        ("my 16 year old son likes action", false), ("i am 40 years old, surprise me", false),
    ])
    func anAgeIsNoEra(text: String, child: Bool) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear == nil && reading.maxYear == nil, "\(text): \(String(describing: reading.minYear))–\(String(describing: reading.maxYear))")
        #expect(reading.includeGenres.contains("Children") == child, "\(text): \(reading.includeGenres)")
    }

    /// An era word is known, never a name: "older stuff" was also "couldn't find" and a cast notice.
    @Test(arguments: ["ok what about older stuff", "older", "what about newer ones", "something vintage?"])
    func anEraIsNoName(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear != nil || reading.maxYear != nil, "\(text)")
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople, "\(text): \(reading.missingTitles)")
    }

    /// A film the catalog lacks is said, not dropped: joined to a film named, or after a verb
    /// in the present ("my kid loves frozen").
    @Test(arguments: [
        ("loved heat and lethal weapon", ["lethal weapon"]), ("my kid loves frozen", ["frozen"]),
        ("i want to watch zorbo nights", ["zorbo nights"]), ("loved heat and comedies", []), ("loved heat and the acting", []),
        ("loved heat and se7en", []), ("i loved heat and i want something similar", []),
    ])
    func aFilmTheCatalogLacksIsSaid(text: String, missing: [String]) {
        #expect(interpreter.interpret(text).missingTitles.map(\.text) == missing, "\(text)")
    }

    /// A listed film said to be seen is seen, not disliked, nor ignored.
    @Test(arguments: [
        ("seen the first one already", [TurnUnderstanding.Reaction.seen(position: 1)]),
        ("not the 2nd one, seen it a million times", [.like(position: 2)]), ("already watched that one", [.seen(position: 1)]),
        ("i've seen the 3rd, it was awful", [.reject(position: 3)]), ("i saw the third one last year, loved it", [.like(position: 3)]),
    ])
    func aListedFilmSaidToBeSeenIsSeen(text: String, reactions: [TurnUnderstanding.Reaction]) {
        let reading = interpreter.interpret(text)
        #expect(reading.reactions == reactions, "\(text): \(reading.reactions)")
        #expect(reading.missingTitles.isEmpty, "\(text): a place is no name: \(reading.missingTitles)")
    }

    /// An ordinal at the start of a name is no place: "the fifth element" is a film (not here).
    @Test func anOrdinalStartingANameIsNoPlace() {
        let reading = interpreter.interpret("loved the fifth element")
        #expect(reading.reactions.isEmpty, "\(reading.reactions)")
        #expect(reading.missingTitles.map(\.text) == ["fifth element"])
        #expect(interpreter.interpret("the 2nd pick looks good").reactions == [.like(position: 2)])
    }

    /// "Not about world war 2" turns a war away, not the war genre; a tag written with a Roman
    /// numeral is met by the number typed.
    @Test func aNamedWarIsATopicNotTheGenre() {
        let tagged = ChatFixtures.catalog + [Item(id: "ryan", title: "Saving Private Ryan", year: 1998, genres: ["War"], tags: ["world war ii"])]
        let reading = RuleInterpreter(catalog: tagged).interpret("a war movie that is not about world war 2")
        #expect(reading.includeGenres == ["War"] && reading.excludeGenres.isEmpty, "\(reading.includeGenres) / \(reading.excludeGenres)")
        #expect(reading.avoidedWishes == ["world war ii"], "\(reading.avoidedWishes)")
        #expect(RuleInterpreter(catalog: tagged).interpret("something about world war 2").wishes == ["world war ii"])
    }

    @Test func oldFilmsAreStillAnEra() {
        #expect(interpreter.interpret("my 8 yr old and i like old movies").maxYear != nil)
    }

    /// An item of unknown year (onboarded with a title only) meets no year asked for.
    @Test func aFilmOfUnknownYearMeetsNoYearBound() {
        let undated = Item(id: "x", title: "Only a title")
        var recent = Constraints()
        recent.minYear = 2000
        #expect(!SessionRecommender.passes(undated, recent))
        #expect(SessionRecommender.passes(undated, Constraints()))
    }
}

/// Commands typed without their slash ("more", "like 3") were not understood.
@Suite("A fifth stranger's trial: commands said as words")
struct FifthTrialCommandTests {
    @Test(arguments: [
        ("more", Conversation.Command.more), ("More please!", .more), ("show me more", .more), ("like 3", .like(3)),
        ("dislike 2", .dislike(2)), ("why 4?", .why(4)),
    ])
    func aCommandSaidAsWordsIsTheCommand(text: String, command: Conversation.Command) {
        #expect(Conversation.Command(saying: text) == command, "\(text)")
    }

    @Test(arguments: ["more like heat", "i like 3 of them", "like 0", "more comedies", "why"])
    func otherWordsAreNoCommand(text: String) {
        #expect(Conversation.Command(saying: text) == nil, "\(text)")
    }

    @Test func aListedFilmSeenIsLeftOutAndSaid() async throws {
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        let first = await ConversationTests.turn(conversation, "i loved heat").1
        let top = try #require(first.reply.entries.first)
        let seen = await ConversationTests.turn(conversation, "seen the first one already", in: first.session).1
        #expect(seen.session.seen == [top.id] && seen.session.disliked.isEmpty, "\(seen.session)")
        #expect(seen.reply.message.contains("you've seen"), "\(seen.reply.message)")
        #expect(!seen.reply.entries.contains { $0.id == top.id })
    }

    @Test func aCommandSaidAsWordsActsInTheConversation() async throws {
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        let first = await ConversationTests.turn(conversation, "i loved heat").1
        let second = try #require(first.reply.entries.dropFirst().first)
        let liked = await ConversationTests.turn(conversation, "like 2", in: first.session).1
        #expect(liked.session.liked == ["heat", second.id], "\(liked.session.liked)")
    }

    /// A greeting is greeted, not searched for ("hi" listed five films "close to what you asked for").
    @Test(arguments: ["hi", "Hello there!", "hey"])
    func aGreetingIsGreeted(text: String) {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: text, in: &session)
        #expect(reply.entries.isEmpty && reply.followUp?.hasPrefix("Hello!") == true, "\(text): \(reply.plainText)")
    }

    /// "/more" before any list has no lines to go along, and says so.
    @Test func moreBeforeAnyListSaysItIsAStart() {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.more(&session)
        #expect(reply.message.hasPrefix("Nothing suggested yet"), "\(reply.message)")
    }
}

/// A film of a series referred to in the turn after the one that named the series' film.
@Suite("A fifth stranger's trial: a series across turns")
struct FifthTrialSeriesTests {
    let interpreter = RuleInterpreter(catalog: ThirdTrialPlaceTests.catalog)

    private func ids(_ reading: TurnUnderstanding) -> [String] {
        reading.mentions.map { ThirdTrialPlaceTests.catalog[Int($0.items[0])].id }
    }

    @Test(arguments: [
        (["i loved jaws"], "the sequel too", ["jaws2"], ChatSession.Feeling.liked),
        (["i loved jaws"], "the sequel was awful though", ["jaws2"], .disliked),
        (["i loved jaws", "the sequel was awful though"], "what about the original", ["jaws"], .liked),
        (["loved jaws 2"], "and part 3?", ["jaws3"], .liked),
    ])
    func aSeriesWordReadsAgainstTheFilmNamedBefore(before: [String], text: String, films: [String], feeling: ChatSession.Feeling) {
        let reading = interpreter.interpret(text, after: before)
        #expect(ids(reading) == films, "\(text): \(reading.mentions)")
        #expect(reading.mentions.first?.feeling == feeling || reading.mentions.first?.stated == false, "\(text): \(reading.mentions)")
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople, "\(text): \(reading.missingTitles)")
    }

    /// Without a film before, the words are read as they stand.
    @Test func withoutAFilmBeforeASeriesWordIsReadAlone() {
        #expect(interpreter.interpret("the sequel too", after: ["something funny"]) == interpreter.interpret("the sequel too"))
    }
}

