import Foundation
@testable import CuratorChat
import CuratorCore
import Testing

/// Defects an eighth stranger's trial found in how years, counts and resets are read, and in
/// how a request in words combines what it asks; each pinned by the rule behind it, said
/// several ways.
@Suite("An eighth stranger's trial: years")
struct EighthTrialYearTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    private func years(_ reading: TurnUnderstanding) -> String {
        "\(reading.minYear.map(String.init) ?? "nil")–\(reading.maxYear.map(String.init) ?? "nil") not \(reading.excludedYears)"
    }

    /// A decade turned away in the middle of time is left out; the years before and after it are kept.
    @Test(arguments: [
        ("anything but the 1980s", 1980...1989), ("not from the eighties", 1980...1989), ("nothing from the 80s please", 1980...1989),
        ("skip the 80s", 1980...1989), ("no 80s films", 1980...1989), ("I don't want anything from the eighties", 1980...1989),
        ("anything other than the 1980s", 1980...1989), ("a comedy, but not from the late 80s", 1987...1989),
        ("anything but the 80s and 90s", 1980...1999), ("steer clear of the 1980s", 1980...1989), ("anything outside the 80s", 1980...1989),
        ("80s films are not for me", 1980...1989), ("i want anything except 80s movies", 1980...1989), ("avoid the 80s", 1980...1989),
    ])
    func aDecadeTurnedAwayIsLeftOut(text: String, span: ClosedRange<Int>) {
        let reading = interpreter.interpret(text)
        #expect(reading.excludedYears == [span] && reading.minYear == nil && reading.maxYear == nil, "\(text): \(years(reading))")
        #expect(interpreter.searchWords(in: text, reading: reading).map { !$0.contains("80") && !$0.contains("eighties") } ?? true,
                "the years are no search words: \(text)")
    }

    /// A negation that answers the last list, before a wish, does not turn the years away
    /// ("hmm, no. something from the 90s": "no." ends a sentence unless a number follows).
    @Test(arguments: ["hmm, no. something from the 1990s", "hmm, no. a film from the 90s", "not titanic, something from the nineties",
                      "no, preferably from the 1990s", "nope. the nineties maybe"])
    func aNoBeforeAWishIsNoExclusion(text: String) {
        let reading = RuleInterpreter(catalog: ChatFixtures.catalog + [Item(id: "titanic", title: "Titanic", year: 1997, genres: ["Drama"])]).interpret(text)
        #expect(reading.minYear == 1990 && reading.maxYear == 1999 && reading.excludedYears.isEmpty, "\(text): \(years(reading))")
        #expect(interpreter.interpret("not no. 3").reactions == [.reject(position: 3)])
    }

    /// Turned away at an end of time, the years are a bound as before.
    @Test(arguments: [("nothing from before the 80s", 1980, nil), ("no films from the 2010s or later", nil, 2009),
                      ("nothing older than 1985", 1985, nil)] as [(String, Int?, Int?)])
    func aSpanTurnedAwayAtAnEndIsABound(text: String, min: Int?, max: Int?) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear == min && reading.maxYear == max && reading.excludedYears.isEmpty, "\(text): \(years(reading))")
    }

    /// The list leaves the years out and keeps those before and after; it says so, and lets go
    /// of them when they are allowed again or any year is fine.
    @Test func yearsTurnedAwayAreLeftOutSaidAndLifted() throws {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        var reply = engine.respond(to: "anything but the 1980s", in: &session)
        #expect(session.constraints.excludedYears == [1980...1989])
        #expect(reply.message.contains("not from the 1980s"), "\(reply.message)")
        #expect(!reply.entries.isEmpty && reply.entries.allSatisfy { !(1980...1989).contains($0.year ?? 0) }, "\(reply.entries.map(\.year))")
        let passing = ChatFixtures.catalog.filter { SessionRecommender.passes($0, session.constraints) }.compactMap(\.year)
        #expect(passing.contains { $0 < 1980 } && passing.contains { $0 > 1989 } && !passing.contains { (1980...1989).contains($0) })
        // Kept through a save.
        let saved = try JSONDecoder().decode(ChatSession.self, from: session.storedJSON)
        #expect(saved.constraints.excludedYears == [1980...1989])
        for lift in ["the 80s are fine after all", "any year is fine", "actually the eighties are ok"] {
            var lifted = session
            reply = engine.respond(to: lift, in: &lifted)
            #expect(lifted.constraints.excludedYears.isEmpty, "\(lift): \(lifted.constraints.summary)")
        }
        // The late 80s allowed again: the rest of the decade stays left out.
        var part = session
        _ = engine.respond(to: "the late 80s are fine", in: &part)
        #expect(part.constraints.excludedYears == [1980...1986], "\(part.constraints.excludedYears)")
    }

    /// A session saved before years could be turned away still reads.
    @Test func aSessionSavedWithoutExcludedYearsDecodes() throws {
        let old = #"{"constraints":{"includeGenres":["Drama"],"excludeGenres":[],"minYear":1990,"wishes":[]},"liked":["heat"]}"#
        let session = try JSONDecoder().decode(ChatSession.self, from: Data(old.utf8))
        #expect(session.constraints.excludedYears.isEmpty && session.constraints.minYear == 1990)
    }

    /// Black and white turned away is never read as asking for old films.
    @Test(arguments: ["nothing in black and white", "no black and white films please", "I don't want black and white", "not in black and white"])
    func blackAndWhiteTurnedAwayAsksForLaterFilms(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.maxYear == nil && (reading.minYear ?? 0) >= 1960, "\(text): \(years(reading))")
        #expect(reading.unreadExclusions.isEmpty, "\(text): \(reading.unreadExclusions)")
        #expect(interpreter.searchWords(in: text, reading: reading) == nil, "\(text): nothing else asked")
        #expect((interpreter.interpret("something in black and white").maxYear ?? 3000) <= 1965)
    }

    /// Colour asked for is the years after black and white; turned away, the years before.
    @Test(arguments: [("only colour films", true), ("something in color please", true), ("no colour films", false)])
    func colourIsTheYearsAfterBlackAndWhite(text: String, after: Bool) {
        let reading = interpreter.interpret(text)
        #expect(after ? reading.maxYear == nil && (reading.minYear ?? 0) >= 1960 : reading.minYear == nil && (reading.maxYear ?? 3000) <= 1965,
                "\(text): \(years(reading))")
    }

    /// Early, mid and late are parts of a decade (0–3, 4–6, 7–9); "from A to B" runs from
    /// A's start to B's end.
    @Test(arguments: [
        ("from the late eighties to mid nineties", 1987, 1996), ("late 80s to the mid 90s", 1987, 1996),
        ("between the early 70s and the late 80s", 1970, 1989), ("from the late 80s to 1995", 1987, 1995),
        ("from 1985 to the early 90s", 1985, 1993), ("late 70s", 1977, 1979), ("the mid 80s", 1984, 1986),
        ("early nineties", 1990, 1993), ("something from the 70s through the 80s", 1970, 1989),
    ] as [(String, Int?, Int?)])
    func partsOfDecadesAndRanges(text: String, min: Int?, max: Int?) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear == min && reading.maxYear == max, "\(text): \(years(reading))")
    }

    /// A comparative with "than" and a year is a bound at that year, whatever follows it
    /// ("older than 1990 is fine"); "prior to", "ahead of", "pre", "post", "until" are bounds too.
    @Test(arguments: [
        ("older than 1990 is fine", nil, 1989), ("older than 1990 is ok", nil, 1989), ("newer than 2000", 2001, nil),
        ("more recent than 1995", 1996, nil), ("no older than 1985", 1985, nil), ("anything older than the 80s", nil, 1979),
        ("no later than 1992", nil, 1992), ("not earlier than 1970", 1970, nil), ("prior to 1995 only", nil, 1994),
        ("pre-1990", nil, 1989), ("post 2000", 2000, nil), ("ahead of 1980", nil, 1979), ("earlier than 1975", nil, 1974),
        ("up until 1990", nil, 1990), ("up to 1990", nil, 1990), ("until the mid 80s", nil, 1986),
        ("a comedy made before the year 2000", nil, 1999), ("since the 80s", 1980, nil), ("after the mid 80s", 1987, nil),
        ("before the late 70s", nil, 1976),
    ] as [(String, Int?, Int?)])
    func boundsAtAYear(text: String, min: Int?, max: Int?) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear == min && reading.maxYear == max && reading.excludedYears.isEmpty, "\(text): \(years(reading))")
        #expect(reading.unreadExclusions.isEmpty && reading.lift.isEmpty, "\(text): \(reading.unreadExclusions) \(reading.lift)")
    }
}

@Suite("An eighth stranger's trial: counts and resets")
struct EighthTrialCountTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    /// Asking for more with a count is `/more`; the count is no wish.
    @Test(arguments: ["five more", "more please", "another 5", "5 more please", "one more", "could you show me 3 more options?", "another one", "next"])
    func moreWithACountIsMore(text: String) {
        #expect(Conversation.Command(saying: text) == .more, "\(text)")
    }

    @Test(arguments: ["more like heat", "five more comedies", "no more", "more of the 80s", "something new"])
    func moreOfSomethingIsNoCommand(text: String) {
        #expect(Conversation.Command(saying: text) != .more, "\(text)")
    }

    /// A count asks for a list that long; its words are never wishes, names or places.
    @Test(arguments: [
        ("just three", 3), ("give me 3 options", 3), ("three picks only", 3), ("top 5", 5), ("only 2 please", 2),
        ("show me four films", 4), ("just 3 comedies from the 90s", 3), ("five more comedies", 5), ("3 max", 3),
    ])
    func aCountIsAListSize(text: String, size: Int) {
        let reading = interpreter.interpret(text)
        #expect(reading.listSize == size, "\(text): \(String(describing: reading.listSize))")
        #expect(reading.wishes.isEmpty && reading.missingTitles.isEmpty && reading.reactions.isEmpty && reading.choice == nil
                && !reading.asksAboutPeople && reading.unsearchable.isEmpty, "\(text): \(reading)")
        let search = interpreter.searchWords(in: text, reading: reading) ?? ""
        #expect(!TextNormalizer.tokens(search).contains { Int(TextNormalizer.titleForm($0)) != nil }, "\(text): searched by \(search)")
    }

    /// Places stay places.
    @Test(arguments: [("2", TurnUnderstanding.Reaction.moreLike(position: 2)), ("not number 3", .reject(position: 3)),
                      ("the second one bored me", .reject(position: 2))])
    func aPlaceIsNoCount(text: String, reaction: TurnUnderstanding.Reaction) {
        let reading = interpreter.interpret(text)
        #expect(reading.listSize == nil && reading.reactions == [reaction], "\(text): \(reading)")
    }

    /// The list has as many films as asked, then the usual size again.
    @Test func theNextListHasThatMany() {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        var reply = engine.respond(to: "I loved Heat", in: &session)
        #expect(reply.entries.count == engine.listSize)
        // "just three" after a list is its best three (nothing turned them away); "give me 2
        // options" goes on to new ones.
        let last = session.lastShown
        reply = engine.respond(to: "just three", in: &session)
        #expect(reply.entries.map(\.id) == Array(last.prefix(3)), "\(reply.entries.map(\.id)) against \(last)")
        let shown = Set(session.shown)
        reply = engine.respond(to: "give me 2 options", in: &session)
        #expect(reply.entries.count == 2 && !reply.entries.contains { shown.contains($0.id) }, "\(reply.entries.map(\.id))")
        #expect(!reply.plainText.contains("didn't catch") && !reply.plainText.contains("couldn't find"), "\(reply.plainText)")
        reply = engine.more(&session)
        #expect(reply.entries.count == engine.listSize || reply.entries.isEmpty)
        // With no list yet, a count starts one that long.
        var fresh = ChatSession()
        #expect(engine.respond(to: "three picks only", in: &fresh).entries.count == 3)
        var comedies = ChatSession()
        reply = engine.respond(to: "just 3 comedies", in: &comedies)
        #expect(reply.entries.count == 3 && reply.entries.allSatisfy { $0.genres.contains("Comedy") }, "\(reply.entries.map(\.id))")
    }

    /// Starting over in words is `/reset`, with its reply.
    @Test(arguments: ["start over", "let's start again", "reset", "clear everything", "new conversation", "Can we start over please?",
                      "forget everything I said", "start a new conversation", "restart", "begin again", "start from scratch", "clean slate"])
    func startingOverIsReset(text: String) async throws {
        #expect(Conversation.Command(saying: text) == .reset, "\(text)")
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        var session = ChatSession()
        _ = ConversationEngineTests.engine.respond(to: "I loved Heat, no horror", in: &session)
        var message = "", after: ChatSession?
        for await event in conversation.respond(to: text, in: session) {
            if case .message(let text) = event { message = text }
            if case .finished(let outcome) = event { after = outcome.session }
        }
        #expect(message == "Starting over: no likes, no constraints.", "\(text): \(message)")
        #expect(after == ChatSession())
    }

    @Test(arguments: ["forget it", "start with a comedy", "forget horror", "all over the place", "something new", "over the top comedy"])
    func otherWordsAreNoReset(text: String) {
        #expect(Conversation.Command(saying: text) != .reset, "\(text)")
    }
}

@Suite("An eighth stranger's trial: what a request combines")
struct EighthTrialRequestTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    /// A child's age asks for children's films; a horror word beside it is a mood among them.
    @Test(arguments: ["something spooky but suitable for a 10-year-old", "a scary movie my 8 year old can watch",
                      "my daughter is 9, something creepy please", "spooky stuff for the kids aged 6 and 11",
                      "a creepy film that is ok for my 9 year old son", "halloween movie for kids under 10, scary but not too much",
                      "something scary for the kids"])
    func aChildsFilmIsNeverHorror(text: String) {
        let reading = interpreter.reading(of: text)
        #expect(reading.constraints.genreGroups == [["Children"]], "\(text): \(reading.constraints.summary)")
        #expect(reading.understanding.notForChildren.count == 1, "\(text): \(reading.understanding.notForChildren)")
        #expect(reading.notes { _ in "" }.contains { $0.hasPrefix("Horror is not for a child that age") }, "\(text)")
        let admitted = ChatFixtures.catalog.filter(reading.admits)
        #expect(!admitted.isEmpty && admitted.allSatisfy { $0.genres.contains("Children") && !$0.genres.contains("Horror") }, "\(text)")
    }

    /// Genres asked for in one sentence are asked for together, unless joined by "or".
    @Test(arguments: [
        ("an animated kids comedy", [["Animation"], ["Children"], ["Comedy"]]), ("an animated comedy for kids", [["Animation"], ["Comedy"], ["Children"]]),
        ("a comedy or a drama", [["Comedy", "Drama"]]), ("comedy, drama or romance", [["Comedy", "Drama", "Romance"]]),
        ("something funny and romantic", [["Comedy"], ["Romance"]]), ("crime", [["Crime"]]),
    ] as [(String, [Set<String>])])
    func genresInOneSentenceAreTogether(text: String, groups: [Set<String>]) {
        let reading = interpreter.interpret(text)
        var constraints = Constraints()
        constraints.apply(reading, correcting: false)
        #expect(Set(constraints.genreGroups) == Set(groups), "\(text): \(constraints.genreGroups)")
    }

    /// Together where the catalog has such films; where it has none, any of them, said so.
    @Test func aRequestCombinesGenresWhereFilmsHaveThem() {
        let both = interpreter.reading(of: "an animated kids comedy")
        #expect(ChatFixtures.catalog.filter(both.admits).map(\.id) == ["toystory"], "\(ChatFixtures.catalog.filter(both.admits).map(\.id))")
        #expect(both.notes { _ in "" }.isEmpty)
        let none = interpreter.reading(of: "a funny horror film")
        #expect(none.constraints.heldGenres.isEmpty && none.constraints.includeGenres == ["Comedy", "Horror"])
        #expect(none.notes { _ in "" }.contains { $0.contains("at once") }, "\(none.notes { _ in "" })")
        // The chat says the same in its own words ("Nothing new is also …").
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "a funny horror film", in: &session)
        #expect(!reply.entries.isEmpty && reply.message.contains("Nothing new is also"), "\(reply.message)")
    }

    /// A request reads years as the chat does.
    @Test(arguments: [("a comedy made before the year 2000", nil, 1999), ("anything but the 1980s", nil, nil), ("older than 1990 is fine", nil, 1989)]
          as [(String, Int?, Int?)])
    func aRequestReadsYearsAsTheChatDoes(text: String, min: Int?, max: Int?) {
        let reading = interpreter.reading(of: text)
        var chat = Constraints()
        chat.apply(interpreter.interpret(text), correcting: false)
        #expect(reading.constraints.minYear == min && reading.constraints.maxYear == max, "\(text): \(reading.constraints.summary)")
        #expect(reading.constraints == chat, "\(text)")
    }

    /// A mood read in a request leads its list, as in the chat.
    @Test func aMoodReorders() {
        let reading = interpreter.reading(of: "something feel-good")
        #expect(reading.constraints.wishes == ["feel-good"])
        // Scores that put the feel-good film (Amélie) last but one.
        let scores = ChatFixtures.catalog.indices.map { Float($0 == ChatFixtures.index("amelie") ? 1 : 10 + $0) }
        let reordered = reading.reordered(scores, item: { ChatFixtures.catalog[Int($0)] })
        #expect(reordered.indices.max { reordered[$0] < reordered[$1] } == Int(ChatFixtures.index("amelie")))
        // Without a mood, nothing moves.
        #expect(interpreter.reading(of: "a comedy").reordered(scores, item: { ChatFixtures.catalog[Int($0)] }) == scores)
    }
}
