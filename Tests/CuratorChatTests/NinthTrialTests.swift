@testable import CuratorChat
import CuratorCore
import Testing

/// A turn that only thanks or takes leave is answered in kind: no list, no film not found, no
/// person's name, and the last list stays the one places refer to.
@Suite("Thanks and goodbyes")
struct ClosingTurnTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: ["thanks, that is all", "ok bye", "Thank you so much!", "perfect, thanks a lot", "cheers mate", "that's all for now, bye",
                      "great recommendations, thx", "goodnight", "ty"])
    func aThanksOrAGoodbyeCloses(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.closes, "\(text)")
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople && reading.unsearchable.isEmpty, "\(text): \(reading)")
    }

    /// Thanks beside a wish or a film is that wish or film.
    @Test(arguments: ["thanks but something older", "thanks, I loved heat", "no thanks", "thanks, more like the second one", "bye bye birdie"])
    func aThanksWithSomethingElseIsThatThing(text: String) {
        #expect(!interpreter.interpret(text).closes, "\(text)")
    }

    @Test func theLastListStaysAndPlacesStillReferToIt() {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        let first = engine.respond(to: "i loved heat", in: &session)
        let shown = session.lastShown
        let thanks = engine.respond(to: "perfect, thanks!", in: &session)
        #expect(thanks.entries.isEmpty && thanks.message.contains("Enjoy"), "\(thanks.plainText)")
        #expect(session.lastShown == shown && !first.entries.isEmpty)
        _ = engine.react(.liked, position: 2, in: &session)
        #expect(session.liked.contains(shown[1]))
    }
}

/// Asking how to use the chat is answered with what it understands and its commands, over
/// every edge: "/help" (a 400 over HTTP before) and "help" in words (three films before).
@Suite("Help")
struct HelpTests {
    @Test(arguments: ["/help", "/?", "help", "Help me", "what can you do?", "how does this work"])
    func helpIsAnsweredWithTheCommands(text: String) async throws {
        let command = try #require(try Conversation.Command(parsing: text) ?? Conversation.Command(saying: text), "\(text)")
        #expect(command == .help)
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        let (_, outcome) = await ConversationTests.turn(conversation, text.hasPrefix("/") ? "help" : text)
        #expect(outcome.reply.entries.isEmpty && outcome.reply.message == Conversation.help, "\(outcome.reply.plainText)")
    }

    @Test func helpInASentenceIsNoCommand() throws {
        #expect(Conversation.Command(saying: "help me find a scary film") == nil)
    }
}

/// Era words set years only when they describe the films; bounds that cross in one turn never
/// make an empty (or impossible) range.
@Suite("Era words and crossing bounds")
struct EraWordTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: ["the ancient history of the elves", "vintage cars and a road trip", "a story about an old man"])
    func anEraWordBeforeItsOwnNounIsNoYear(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear == nil && reading.maxYear == nil, "\(text): \(String(describing: reading.minYear)) \(String(describing: reading.maxYear))")
    }

    @Test(arguments: ["old musicals", "vintage sci-fi please", "something vintage", "new comedies"])
    func anEraWordBeforeAGenreOrNothingIsAYear(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.minYear != nil || reading.maxYear != nil, "\(text)")
    }

    @Test func crossingBoundsKeepTheLowerOne() {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "modern classics", in: &session)
        if let min = session.constraints.minYear, let max = session.constraints.maxYear { #expect(min <= max) }
        #expect(!reply.message.contains("–") || session.constraints.maxYear == nil, "\(reply.message)")
    }
}

/// Seeded turns made of the reader's own words (eras, bounds, decades, genres, negations,
/// counts, places, feelings) in random orders: every one is answered, and no constraint it
/// leaves is an empty range. "modern classics" once crashed the reader this way.
@Suite("Turns of the reader's own words, shuffled")
struct ShuffledWordTurnTests {
    static let pool = [
        "modern", "classics", "classic", "old", "older", "new", "newer", "recent", "vintage", "ancient", "before", "after", "since",
        "until", "prior", "to", "than", "from", "the", "80s", "1990", "2000s", "late", "early", "mid", "not", "no", "nothing", "but",
        "anything", "comedy", "horror", "kids", "for", "my", "8", "year", "old", "five", "more", "just", "three", "start", "over",
        "loved", "hated", "heat", "seen", "second", "one", "is", "fine", "too", "and", "or", "black", "white", "colour", "any",
        "forget", "less", "romantic", "dark", "thanks", "help", "at", "latest", "earliest", "between", "later", "earlier",
    ]

    @Test func everyShuffledTurnIsAnsweredWithASaneRange() {
        let engine = ConversationEngineTests.engine
        var generator = SeededGenerator(seed: 11)
        var session = ChatSession()
        for turn in 0..<400 {
            if turn % 8 == 0 { session = ChatSession() }
            let words = (0..<Int.random(in: 1...7, using: &generator)).map { _ in Self.pool.randomElement(using: &generator)! }
            _ = engine.respond(to: words.joined(separator: " "), in: &session)
            if let min = session.constraints.minYear, let max = session.constraints.maxYear {
                #expect(min <= max, "\(words.joined(separator: " ")): \(min)–\(max)")
            }
        }
    }
}

/// What a ninth and tenth stranger's trials found in replies: each said plainly.
@Suite("A tenth stranger's trial")
struct TenthTrialTests {
    let engine = ConversationEngineTests.engine

    /// The people a turn speaks of are not searched for ("wife" found The First Wives Club).
    @Test func peopleAreNoWords() {
        #expect(engine.interpreter.searchWords(in: "my wife hated heat") == nil)
        let words = engine.interpreter.searchWords(in: "something funny for my wife and her mum") ?? ""
        #expect(!words.contains("wife") && !words.contains("mum") && words.contains("funny"), "\(words)")
    }

    /// Years the catalog does not reach are said as such, not "nothing I haven't shown you".
    @Test func yearsBeyondTheCatalogAreSaid() throws {
        var session = ChatSession()
        let newest = try #require(engine.catalog.compactMap(\.year).max())
        let reply = engine.respond(to: "something from \(newest + 5) on", in: &session)
        #expect(reply.entries.isEmpty)
        #expect(reply.followUp?.contains("films are from") == true && reply.followUp?.contains("\(newest)") == true, "\(reply.plainText)")
    }

    /// A sequel the catalog lacks offers the film named, and is no "I didn't catch" after it.
    @Test func aMissingSequelOffersTheFilmNamed() {
        var session = ChatSession()
        let reply = engine.respond(to: "I really enjoyed heat 7", in: &session)
        #expect(reply.message.contains("it has Heat"), "\(reply.plainText)")
        #expect(!reply.plainText.contains("I didn't catch"), "\(reply.plainText)")
    }

    /// A turn that only narrows keeps the last list's films that still fit; one that passes
    /// the list over does not.
    @Test func narrowingKeepsWhatStillFits() {
        var session = ChatSession()
        let first = engine.respond(to: "I loved Heat", in: &session)
        let fits = first.entries.filter { ($0.year ?? 0) / 10 != 192 }.map(\.id)
        let narrowed = engine.respond(to: "anything but the 1920s", in: &session)
        #expect(Array(narrowed.entries.map(\.id).prefix(fits.count)) == fits, "\(narrowed.entries.map(\.id)) against \(fits)")
        let passed = engine.respond(to: "none of those, nothing from the 1930s", in: &session)
        #expect(Set(passed.entries.map(\.id)).isDisjoint(with: narrowed.entries.map(\.id)))
    }

    /// "just the one" is a count of one; "the one" alone is no count.
    @Test func justTheOneIsACount() {
        #expect(engine.interpreter.interpret("just the one").listSize == 1)
        #expect(engine.interpreter.interpret("the one with heat").listSize == nil)
    }

    /// Black and white is gone by year, and the reply says so.
    @Test func blackAndWhiteIsSaidToGoByYear() {
        var session = ChatSession()
        let reply = engine.respond(to: "black and white only", in: &session)
        #expect(session.constraints.maxYear != nil)
        #expect(reply.message.contains("went by release year"), "\(reply.plainText)")
    }
}
