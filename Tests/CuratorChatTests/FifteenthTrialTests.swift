import CuratorCore
import Testing
@testable import CuratorChat

/// A stranger's fifteenth trial, on MovieLens 100K: films listed beside one the catalog lacks,
/// another person's films listed back, "my sister's" read as a plural, questions about one film,
/// taking back the last turn, and a range of one year. Each on the small catalog in code, the
/// real conversation driven turn by turn.
@Suite("A fifteenth trial")
struct FifteenthTrialTests {
    let conversation = Conversation(engine: ConversationEngineTests.engine)
    var interpreter: RuleInterpreter { ConversationEngineTests.engine.interpreter }

    private func turn(_ text: String, in session: ChatSession = ChatSession()) async -> Conversation.Outcome {
        await ConversationTests.turn(conversation, text, in: session).1
    }

    private func turns(_ texts: [String]) async -> Conversation.Outcome {
        var session = ChatSession()
        var last: Conversation.Outcome?
        for text in texts {
            last = await turn(text, in: session)
            session = last!.session
        }
        return last!
    }

    private static func id(_ index: Int32) -> String { ConversationEngineTests.engine.catalog[Int(index)].id }
    private static func index(_ id: String) -> Int32 { Int32(ConversationEngineTests.engine.catalog.firstIndex { $0.id == id }!) }

    // MARK: films listed together

    /// "alien and the thing were great" (no The Thing here) had noted no like and listed Alien:
    /// "alien", one everyday word, counted as a film only in a film's place, and the place was
    /// the list's, whose predicate follows the film missing. Each found film keeps the feeling,
    /// each missing one is said.
    @Test(arguments: [
        ("alien and the thing were great", ["alien"], "the thing"),
        ("alien and the frobnitz were amazing", ["alien"], "frobnitz"),
        ("alien and the thing, loved them both", ["alien"], "the thing"),
        ("heat, zorbo tales and alien were great", ["heat", "alien"], "zorbo tales"),
    ])
    func filmsListedBesideOneMissingKeepTheirFeeling(text: String, liked: [String], missing: String) async {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.map { Self.id($0.items[0]) } == liked && reading.mentions.allSatisfy { $0.feeling == .liked && $0.stated }, "\(text): \(reading)")
        #expect(reading.missingTitles.map(\.text) == [missing], "\(text): \(reading.missingTitles)")
        let outcome = await turn(text)
        #expect(outcome.session.liked == liked, "\(text): \(outcome.reply.plainText)")
        #expect(outcome.reply.message.contains("couldn't find") && outcome.reply.message.contains(missing), "\(text): \(outcome.reply.plainText)")
        #expect(!outcome.reply.entries.contains { liked.contains($0.id) }, "a film liked is never listed back")
    }

    /// What is said of the film beside it, or when or how it was watched, is no film missing;
    /// nor is a wish after a comma a list ("nothing with superheroes" had become a name).
    @Test(arguments: ["i loved heat and the ending", "heat and the soundtrack were great", "i loved heat and the weekend",
                      "i loved heat, nothing with superheroes", "Heat: terrific"])
    func whatIsSaidOfAFilmIsNoFilmMissing(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.missingTitles.isEmpty && reading.mentions.map { Self.id($0.items[0]) } == ["heat"], "\(text): \(reading)")
    }

    // MARK: another person's films

    /// "my kids adored Aladdin and the lion king" (not choosing for them): the films are theirs,
    /// said so, and never listed back (a stranger's list had The Lion King in it).
    @Test(arguments: [("the kids adored toy story and up", ["toystory", "up"]), ("my wife loved Heat and Alien", ["heat", "alien"]),
                      ("my dad adores se7en and zodiac", ["se7en", "zodiac"])])
    func anotherPersonsFilmsAreSaidAndNeverListed(text: String, films: [String]) async {
        let outcome = await turn(text)
        #expect(Set(outcome.session.theirs) == Set(films) && outcome.session.liked.isEmpty, "\(text): \(outcome.session)")
        #expect(outcome.reply.message.contains(ConversationEngineTests.engine.title(of: films[0]) + " is taken as"), "\(text): \(outcome.reply.plainText)")
        let more = await ConversationTests.perform(conversation, .more, in: outcome.session).1
        let listed = (outcome.reply.entries + more.reply.entries).map(\.id)
        #expect(!listed.contains(where: films.contains), "\(text): \(listed)")
        #expect(conversation.history(of: outcome.session).contains("Someone else's (not listed): " + ConversationEngineTests.engine.title(of: films[0])))
        // A request in words (`recommend --text`, the server) leaves them out and says so, as the chat does.
        let request = ConversationEngineTests.engine.interpreter.reading(of: text)
        #expect(Set(request.theirs) == Set(films.map(Self.index)))
        #expect(request.leftOut.isSuperset(of: request.theirs) && request.liked.isEmpty)
        let notes = request.notes { ConversationEngineTests.engine.catalog[Int($0)].spokenDisplayTitle }
        #expect(notes.contains { $0.hasPrefix(ConversationEngineTests.engine.title(of: films[0]) + " is taken as") }, "\(notes)")
    }

    /// "my sister's favourite is X" had been said "For your sisters": a plural word typed as a
    /// possessive is one person's.
    @Test(arguments: [
        ("my sister's favourite is heat", "your sister"), ("my friend’s favourite film is alien", "your friend"),
        ("my dad's favourite is heat", "your dad"), ("my sisters' favourite is heat", "your sisters"),
        ("my brothers love heat", "your brothers"),
    ])
    func aPossessiveIsOnePersons(text: String, holder: String) async {
        #expect(interpreter.interpret(text).mentions.map(\.holder) == [holder], "\(text): \(interpreter.interpret(text))")
        let outcome = await turn(text)
        #expect(outcome.reply.message.contains(holder + (holder.hasSuffix("s") ? "'" : "'s")), "\(text): \(outcome.reply.plainText)")
        #expect(TextNormalizer.words("my sister's").map(\.possessive) == [false, true])
        #expect(TextNormalizer.words("it's my sisters").allSatisfy { !$0.possessive || $0.text == "its" })
    }

    // MARK: questions about one film

    /// "what year is casablanca?", "is titanic any good?", "what genre is fargo?" had each been
    /// searched as words, the film itself listed first: each is answered from the catalog, no
    /// like marked, no list.
    @Test(arguments: [
        ("what year is alien?", "1979"), ("when did heat come out?", "1995"), ("how old is the shining", "1980"),
        ("what genre is the shining?", "Horror"), ("what kind of movie is heat", "Crime and Thriller"),
        ("is alien a comedy?", "No: Alien (1979) is listed here as Horror and Sci-Fi, not Comedy."),
        ("is alien a horror film?", "Yes: Alien (1979)"),
        ("is heat any good?", "people here watched it"), ("how many people rated zodiac?", "people here watched it"),
        ("who is in heat?", ReadingNotes.people), ("who directed alien", ReadingNotes.people),
        // "is scream scary?" had asked for horror and listed Scream.
        ("is the shining scary?", "Yes: The Shining (1980) is listed here as Horror."), ("tell me about zodiac", "Zodiac is a"),
        ("have you got zodiac?", "Yes, Zodiac (2007) is here."), ("hey, when did the matrix come out?", "1999"),
    ])
    func aQuestionAboutAFilmIsAnsweredWithoutAList(text: String, answer: String) async {
        let reading = interpreter.interpret(text)
        #expect(reading.filmQuestion != nil && reading.mentions.isEmpty, "\(text): \(reading)")
        let first = await turn("I loved Toy Story")
        let outcome = await turn(text, in: first.session)
        #expect(outcome.reply.message.contains(answer), "\(text): \(outcome.reply.plainText)")
        #expect(outcome.reply.entries.isEmpty && outcome.session.lastShown == first.session.lastShown, "\(text): no list")
        #expect(outcome.session.liked == ["toystory"] && outcome.session.steering == ["toystory"], "\(text): no like, nothing to go by")
    }

    /// A question beside the rest of a turn is answered after it: the rest is read as ever.
    @Test(arguments: ["i loved heat, is alien any good?", "is alien any good? i loved heat"])
    func aQuestionBesideALikeAnswersBoth(text: String) async {
        let outcome = await turn(text)
        #expect(outcome.session.liked == ["heat"] && outcome.session.steering == ["heat"], "\(text): \(outcome.session)")
        #expect(outcome.reply.message.contains("Noted: you liked Heat (1995).") && outcome.reply.message.contains("people here watched it"), "\(outcome.reply.message)")
        #expect(!outcome.reply.entries.isEmpty)
    }

    /// A question about a film the catalog lacks says so ("I didn't catch a film" had been said).
    @Test func aQuestionAboutAFilmNotHereSaysSo() async {
        let outcome = await turn("what year did the frobnitz come out?")
        #expect(outcome.reply.message.contains("I couldn't find \"the frobnitz\""), "\(outcome.reply.plainText)")
        #expect(interpreter.interpret("is it any good?").missingTitles.isEmpty && interpreter.interpret("is it any good?").filmQuestion == nil)
        // What is wished for in a question's words is no film not found.
        for text in ["do you have anything scary?", "got any comedies from the 90s?", "do you know any good thrillers?", "have you got something funny"] {
            let reading = interpreter.interpret(text)
            #expect(reading.missingTitles.isEmpty && reading.filmQuestion == nil && !reading.isEmpty, "\(text): \(reading)")
        }
    }

    /// With ratings, how the people in the data rated it; a likes or wishes turn is no question.
    @Test func anOpinionSaysHowItWasRated() {
        var engine = ConversationEngineTests.engine
        let count = engine.catalog.count
        var counts = [Int](repeating: 0, count: count), sums = [Float](repeating: 0, count: count), high = [Int](repeating: 0, count: count)
        let heat = Int(Self.index("heat"))
        (counts[heat], sums[heat], high[heat]) = (4, 15, 3)
        engine.ratings = FilmRatings(scale: 5, counts: counts, sums: sums, high: high)
        var session = ChatSession()
        let reply = engine.respond(to: "is heat any good?", in: &session)
        #expect(reply.message.contains("4 people here rated it, 3.8 out of 5 on average, and 75% gave it 4 or 5"), "\(reply.message)")
        for text in ["i loved heat", "is there anything like heat?", "what about heat?", "something like heat from the 90s"] {
            #expect(interpreter.interpret(text).filmQuestion == nil, "\(text)")
        }
    }

    // MARK: taking back the last turn

    /// "actually scrap that", "forget what I just said", "undo": the last turn's likes, dislikes
    /// and constraints are put back, and the reply says what was undone.
    @Test(arguments: ["actually scrap that", "forget what I just said", "undo", "scratch that please", "take that back", "/undo"])
    func theLastTurnIsTakenBack(text: String) async {
        let outcome = await turns(["i loved heat", "i hated alien, nothing before 1990", text])
        #expect(outcome.session.liked == ["heat"] && outcome.session.disliked.isEmpty && outcome.session.constraints.isEmpty, "\(text): \(outcome.session)")
        #expect(outcome.reply.message.contains("Undone: “i hated alien, nothing before 1990”"), "\(text): \(outcome.reply.message)")
        #expect(outcome.reply.message.contains("No longer turned away: Alien (1979)") && outcome.reply.message.contains("looking for: anything"), "\(outcome.reply.message)")
        // Once: the turn before is not taken back too.
        let again = await turn(text, in: outcome.session)
        #expect(again.session.liked == ["heat"] && again.reply.message.hasPrefix("Nothing to undo"), "\(again.reply.message)")
    }

    @Test func aLikeByItsPlaceIsTakenBackToo() async {
        let first = await turn("i loved heat")
        let liked = await ConversationTests.perform(conversation, .like(1), in: first.session).1
        let undone = await turn("undo that", in: liked.session)
        #expect(undone.session.liked == ["heat"], "\(undone.reply.message)")
        #expect(undone.reply.message.contains("No longer liked"), "\(undone.reply.message)")
    }

    /// Other words about forgetting are not an undo.
    @Test func forgettingAGenreOrEverythingIsNoUndo() {
        #expect(Conversation.Command(saying: "forget horror") == nil)
        #expect(Conversation.Command(saying: "forget that, something funny") == nil)
        #expect(Conversation.Command(saying: "forget everything I said") == .reset)
        #expect(Conversation.Command(saying: "never mind that") == .undo)
    }

    // MARK: years

    /// "between 1972 and 1972" had been a mood "between" and no years: one year, said as one.
    @Test func aRangeOfOneYearIsThatYear() async {
        let reading = interpreter.interpret("something between 1972 and 1972")
        #expect(reading.minYear == 1972 && reading.maxYear == 1972 && reading.unmatchedWishes.isEmpty && reading.wishes.isEmpty, "\(reading)")
        let outcome = await turn("a crime film between 1972 and 1972")
        #expect(outcome.reply.message.contains("the year 1972") && outcome.reply.entries.map(\.id) == ["godfather"], "\(outcome.reply.plainText)")
        // Said the wrong way round: the years between.
        #expect(interpreter.interpret("between 1995 and 1980 please").minYear == 1980 && interpreter.interpret("between 1995 and 1980 please").maxYear == 1995)
    }

    /// "nothing after 1965" over a list: the bound is said, and every film listed meets it.
    @Test func anUpperBoundOverAListIsSaid() async {
        let outcome = await turns(["i loved heat", "nothing after 1980"])
        #expect(outcome.reply.message.contains("up to 1980"), "\(outcome.reply.plainText)")
        #expect(!outcome.reply.entries.isEmpty && outcome.reply.entries.allSatisfy { ($0.year ?? 0) <= 1980 }, "\(outcome.reply.plainText)")
    }
}
