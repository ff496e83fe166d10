@testable import CuratorChat
import CuratorCore
import Testing

/// Asking what a film of the last list is ("the third one, tell me more about it", "what's the
/// second one about?") is answered as `/why` answers it, and the list stays: a trial's such
/// turns got a new list.
@Suite("Asking about a listed film")
struct AskingAboutAListedFilmTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: [
        ("the third one, tell me more about it", 3), ("tell me more about number 2", 2), ("what's the second one about?", 2),
        ("more info on the last one", -1), ("can you describe #4", 4), ("What is the 3rd film about", 3),
        ("any details on the first one?", 1), ("what happens in the fifth one", 5), ("tell me about 2", 2),
        ("whats number 3 like", 3), ("I'd like to know more about the top one", 1), ("the 2nd one - what's it about?", 2),
        ("number 3, what is it about", 3), ("what's the plot of the first one", 1), ("explain number 2", 2),
    ])
    func aQuestionAboutAPlaceIsAWhy(text: String, place: Int) {
        let reading = interpreter.interpret(text)
        #expect(reading.asksWhy == place && !reading.placeUnsaid, "\(text): \(reading)")
    }

    @Test(arguments: ["tell me more about it", "what's that one about?", "what is it like"])
    func aQuestionAboutAPronounIsAWhyOfTheFilmPointedAt(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.asksWhy == 1 && reading.placeUnsaid, "\(text): \(reading)")
    }

    /// Words that ask about something other than a listed film stay wishes.
    @Test(arguments: ["tell me more about dark films", "what's a good film about the mafia", "more like the second one", "tell me more",
                      "info on films from the last year", "what is there like the second one", "something like the first one, what do you have like it"])
    func aQuestionThatPointsAtNoListedFilmIsNoWhy(text: String) {
        #expect(interpreter.interpret(text).asksWhy == nil, "\(text)")
    }

    @Test func theAnswerIsTheWhyOfThatFilmAndTheListStays() async {
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        let (_, first) = await ConversationTests.turn(conversation, "I loved Heat")
        let listed = first.session.lastShown
        #expect(listed.count >= 3)
        let (_, why) = await ConversationTests.perform(conversation, .why(3), in: first.session)
        for text in ["the third one, tell me more about it", "what's the 3rd one about?", "more info on number 3"] {
            let (events, asked) = await ConversationTests.turn(conversation, text, in: first.session)
            #expect(asked.reply.entries.isEmpty && !events.contains { if case .ranked = $0 { true } else { false } }, "\(text)")
            #expect(asked.reply.message == why.reply.message, "\(text): \(asked.reply.plainText)")
            #expect(asked.session.lastShown == listed, "\(text)")
        }
        #expect(why.reply.message.hasPrefix(ConversationEngineTests.engine.title(of: listed[2])))
    }
}

/// Several places of the last list said at once ("I already saw the first two", "seen the top
/// three already", "I've seen 1 and 3") each get the reaction: a trial's marked one film seen.
@Suite("Several places at once")
struct SeveralPlacesTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: [
        ("I already saw the first two", [1, 2]), ("seen the top three already", [1, 2, 3]), ("I've seen 1 and 3", [1, 3]),
        ("already watched the second and the fourth one", [2, 4]), ("seen the last two", [-2, -1]), ("I've seen #1, #2 and #5", [1, 2, 5]),
        ("saw the first and last already", [1, -1]), ("seen the first 2", [1, 2]), ("seen 3", [3]), ("already watched number 2 and number 4", [2, 4]),
        ("already seen numbers 2 and 3", [2, 3]), ("I've seen the 1st, 3rd and 5th", [1, 3, 5]), ("the first two I've seen", [1, 2]),
    ])
    func eachPlaceSaidIsSeen(text: String, places: [Int]) {
        let reading = interpreter.interpret(text)
        #expect(reading.reactions == places.map { .seen(position: $0) }, "\(text): \(reading.reactions)")
        #expect(reading.listSize == nil && reading.missingTitles.isEmpty, "\(text): \(reading)")
    }

    @Test(arguments: [
        ("loved the first two", [TurnUnderstanding.Reaction.like(position: 1), .like(position: 2)]),
        ("not the 2nd or 3rd", [.reject(position: 2), .reject(position: 3)]),
        ("more like 1 and 4", [.moreLike(position: 1), .moreLike(position: 4)]),
        ("loved the top two", [.like(position: 1), .like(position: 2)]),
    ])
    func otherReactionsReachEveryPlaceToo(text: String, reactions: [TurnUnderstanding.Reaction]) {
        #expect(interpreter.interpret(text).reactions == reactions, "\(text)")
    }

    /// Counts stay counts, and a correction names one place.
    @Test func countsAndCorrectionsAreNoPlaces() {
        #expect(interpreter.interpret("show me the top three").listSize == 3)
        #expect(interpreter.interpret("seen 2 of them").reactions.isEmpty)
        #expect(interpreter.interpret("seen the first, no, the second").reactions.count == 1)
        // The exception is the film not seen: nothing is taken of it.
        #expect(!interpreter.interpret("seen all of them except the last").reactions.contains(.seen(position: -1)))
    }

    @Test func everyFilmSaidIsSeenLeftOutAndNamed() {
        let engine = ConversationEngineTests.engine
        for (text, places) in [("I already saw the first two", [0, 1]), ("I've seen 1 and 3", [0, 2]), ("seen the last two", [3, 4])] {
            var session = ChatSession()
            _ = engine.respond(to: "I loved Heat", in: &session)
            let listed = session.lastShown
            #expect(listed.count == 5)
            let reply = engine.respond(to: text, in: &session)
            let seen = places.map { listed[$0] }
            #expect(Set(session.seen) == Set(seen), "\(text): \(session.seen)")
            for id in seen {
                #expect(reply.message.contains(engine.title(of: id)), "\(text): \(reply.message)")
                #expect(!reply.entries.contains { $0.id == id })
            }
        }
    }
}

/// A list that leaves out a wish never blames the wish when films shown before meet it: it
/// names them as shown. A trial's "No film left fits every wish: these leave out “dark”" came
/// right after Fight Club, tagged dark, was shown.
@Suite("Wishes met by films shown before")
struct WishesMetBeforeTests {
    let engine = ConversationEngineTests.engine

    @Test(arguments: ["not that first one, seen it", "seen the first one already", "I've seen the first two"])
    func theNoteNamesTheShownFilmsThatFit(reaction: String) throws {
        var session = ChatSession()
        let first = engine.respond(to: "something dark", in: &session)
        let dark = first.entries.filter { $0.wishesMet.contains("dark") }.map(\.id)
        #expect(dark.count >= 3, "\(first.plainText)")
        let reply = engine.respond(to: reaction, in: &session)
        #expect(!session.seen.isEmpty)
        let stillFit = dark.filter { !session.excluded.contains($0) }
        try #require(!stillFit.isEmpty)
        #expect(reply.message.contains("leave out “dark”"), "\(reply.message)")
        #expect(!reply.message.contains("No film left"), "\(reply.message)")
        #expect(reply.message.contains("Of those shown before"), "\(reply.message)")
        for id in stillFit.prefix(3) { #expect(reply.message.contains(engine.title(of: id)), "\(reply.message)") }
        for id in session.seen { #expect(!reply.message.contains("shown before, \(engine.title(of: id))")) }
    }

    /// With nothing shown that fits, the note is as before.
    @Test func withNoShownFilmThatFitsTheNoteSaysNoFilmLeft() throws {
        var session = ChatSession()
        _ = engine.respond(to: "something dark", in: &session)
        var reply = engine.respond(to: "seen the first four", in: &session)
        for _ in 0..<3 where !reply.message.contains("leave out") { reply = engine.more(&session) }
        try #require(reply.message.contains("leave out “dark”"), "the dead end is reached: \(reply.message)")
        let fit = session.shown.filter { id in
            !session.excluded.contains(id) && engine.catalog.first { $0.id == id }.map { $0.tags.contains("dark") } == true
        }
        #expect(fit.isEmpty == !reply.message.contains("Of those shown before"), "\(reply.message)")
    }
}

/// Each item's reason says what it fits from the constraints the list was made with: under
/// "Nothing new is also Children: these are Comedy" no reason claims Children.
@Suite("Reasons follow the header")
struct ReasonsFollowTheHeaderTests {
    @Test func aDroppedGenreIsClaimedByNoReason() throws {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        _ = engine.respond(to: "I loved Alien", in: &session)
        _ = engine.respond(to: "something for the kids", in: &session)
        var reply = engine.respond(to: "a comedy", in: &session)
        for _ in 0..<4 where !reply.message.contains("Nothing new is also") { reply = engine.more(&session) }
        try #require(reply.message.contains("Nothing new is also Children: these are Comedy"), "\(reply.plainText)")
        #expect(!reply.entries.isEmpty)
        for entry in reply.entries {
            #expect(!entry.reason.contains("Children"), "\(entry.reason)")
            #expect(!entry.genres.contains("Children") || entry.reason.hasPrefix("Because"), "\(entry.title)")
        }
        #expect(reply.entries.contains { $0.reason.hasPrefix("It fits what you asked for (Comedy)") }, "\(reply.plainText)")
    }
}

/// A turn asking to be shown a series lists its films here, oldest first, and marks none
/// liked, seen or steered toward: a trial's "give me all the Godfather films" got films like
/// them instead, the Godfathers left out as known.
@Suite("Showing a series")
struct ShowingASeriesTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)
    let godfathers = ["godfather", "godfather2"].map(ChatFixtures.index)

    @Test(arguments: ["give me all the Godfather films", "list every godfather movie you have", "which godfather movies do you have?",
                      "show me the godfather trilogy", "can I see all the Godfather films please"])
    func askingToBeShownASeriesIsNoMention(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.seriesShown == godfathers, "\(text): \(reading)")
        #expect(reading.mentions.isEmpty && reading.missingTitles.isEmpty && reading.includeGenres.isEmpty, "\(text): \(reading)")
    }

    @Test(arguments: ["I loved all the godfather films", "more like the godfather trilogy", "I have seen all the godfather films"])
    func aSeriesSaidSomethingOfIsStillItsFilms(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.seriesShown.isEmpty && reading.mentions.map(\.items) == godfathers.map { [$0] }, "\(text): \(reading)")
    }

    @Test func theSeriesIsListedInOrderAndNothingIsMarked() async {
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        for (text, ids) in [("give me all the Godfather films", ["godfather", "godfather2"]), ("list every matrix movie you have", ["matrix", "matrix2"])] {
            let (_, outcome) = await ConversationTests.turn(conversation, text)
            #expect(outcome.reply.entries.map(\.id) == ids, "\(text): \(outcome.reply.plainText)")
            #expect(outcome.reply.entries.map(\.position) == Array(1...ids.count))
            let session = outcome.session
            #expect(session.liked.isEmpty && session.seen.isEmpty && session.steering.isEmpty && session.disliked.isEmpty)
            #expect(session.lastShown == ids)
            // Places refer to the series now: "more like the second" is its second film.
            let (_, next) = await ConversationTests.turn(conversation, "more like the second", in: session)
            #expect(next.session.steering == [ids[1]], "\(next.reply.plainText)")
        }
    }
}
