@testable import CuratorChat
import CuratorCore
import Testing

/// A stranger's fourteenth trial, on MovieLens 100K and the example catalog: studios and
/// languages no catalog marks, people named where films go, "what about X", and asking for
/// something else entirely.
@Suite("A fourteenth trial")
struct FourteenthTrialTests {
    let conversation = Conversation(engine: ConversationEngineTests.engine)
    var interpreter: RuleInterpreter { ConversationEngineTests.engine.interpreter }

    private func turn(_ text: String, in session: ChatSession = ChatSession()) async -> Conversation.Outcome {
        await ConversationTests.turn(conversation, text, in: session).1
    }

    /// "not disney please" had passed without a word: no catalog here knows studios, so the
    /// reply says so, and nothing is applied (no new list claims it).
    @Test(arguments: ["not disney please", "no disney", "nothing from pixar", "i love disney movies", "something by dreamworks?"])
    func aStudioNoTagMarksIsSaidUnknown(text: String) async throws {
        let reading = interpreter.interpret(text)
        #expect(!reading.studios.isEmpty && !reading.asksAboutPeople, "\(text): \(reading)")
        #expect(reading.missingTitles.isEmpty && reading.unreadExclusions.isEmpty && reading.wishes.isEmpty && reading.unmatchedWishes.isEmpty, "\(text): \(reading)")
        let first = await turn("I loved Heat")
        let next = await turn(text, in: first.session)
        #expect(next.reply.message.contains("I don't know which studio made which film"), "\(text): \(next.reply.plainText)")
        #expect(next.reply.entries.isEmpty && next.session.lastShown == first.session.lastShown, "\(text): \(next.reply.plainText)")
        #expect(next.session.constraints == first.session.constraints)
        #expect(interpreter.searchWords(in: text) == nil || !(interpreter.searchWords(in: text) ?? "").contains("disney"))
    }

    /// Where the catalog tags a studio, the tag is read as any tag is.
    @Test func aStudioTheCatalogTagsIsThatTag() {
        let catalog = ChatFixtures.catalog + [Item(id: "lionking", title: "The Lion King", year: 1994, genres: ["Animation"], tags: ["disney"])]
        let reading = RuleInterpreter(catalog: catalog).interpret("not disney please")
        #expect(reading.studios.isEmpty && reading.avoidedWishes == ["disney"], "\(reading)")
        // A word of a tag of several words is that tag.
        let ghibli = RuleInterpreter(catalog: ChatFixtures.catalog + [Item(id: "totoro", title: "My Neighbor Totoro", year: 1988, tags: ["studio ghibli"])])
        for text in ["a ghibli film", "something from studio ghibli"] {
            #expect(ghibli.interpret(text).studios.isEmpty && ghibli.interpret(text).wishes == ["studio ghibli"], "\(text): \(ghibli.interpret(text))")
        }
        #expect(ghibli.interpret("no ghibli please").avoidedWishes == ["studio ghibli"], "\(ghibli.interpret("no ghibli please"))")
    }

    /// "I can't stand Tom Cruise" had said it could not find the film "tom cruise": a person
    /// named after a verb of feeling gets the note "with Tom Cruise" gets.
    @Test(arguments: ["I can't stand Tom Cruise", "i really love meryl streep", "I hate Will Smith", "loved Bill Murray",
                      "Sarah can't stand Tom Cruise", "Tom Cruise movies are great"])
    func aPersonNamedAfterAFeelingIsNoFilmNotFound(text: String) async {
        let reading = interpreter.interpret(text)
        #expect(reading.missingTitles.isEmpty && reading.asksAboutPeople && reading.mentions.isEmpty, "\(text): \(reading)")
        let first = await turn("I loved Heat")
        let next = await turn(text, in: first.session)
        #expect(next.reply.message.contains(ReadingNotes.people) && !next.reply.message.contains("couldn't find"), "\(text): \(next.reply.plainText)")
        let with = await turn("with Bill Murray", in: first.session)
        #expect(next.reply.message == with.reply.message && next.reply.entries.isEmpty, "\(text): \(next.reply.plainText)")
        #expect(next.session.disliked.isEmpty && next.session.lastShown == first.session.lastShown, "no verdict on the list")
    }

    @Test func aFriendNamedWithAFilmIsNoCastQuestion() {
        let reading = interpreter.interpret("Sarah hates Heat")
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople && reading.mentions.first?.holder != nil, "\(reading)")
    }

    @Test func aNameThatIsNoPersonIsStillAFilmNotFound() {
        #expect(interpreter.interpret("Meryl Streep?").missingTitles.isEmpty && interpreter.interpret("Meryl Streep?").asksAboutPeople)
        #expect(interpreter.interpret("I loved Zorbo Nights").missingTitles.map(\.text) == ["zorbo nights"])
        #expect(!interpreter.interpret("I loved Zorbo Nights").asksAboutPeople)
    }

    /// "she hates subtitles" had been a film not found, and a subtitled film was then listed:
    /// no catalog here tells a film's language, so the reply says so and applies nothing.
    @Test(arguments: ["she hates subtitles", "no subtitles please", "nothing foreign", "a french film", "in english please", "no dubbed films"])
    func aFilmsLanguageIsSaidUnknown(text: String) async {
        let reading = interpreter.interpret(text)
        #expect(reading.asksLanguage && reading.missingTitles.isEmpty && reading.unreadExclusions.isEmpty, "\(text): \(reading)")
        let first = await turn("I loved Heat")
        let next = await turn(text, in: first.session)
        #expect(next.reply.message.contains(ReadingNotes.language), "\(text): \(next.reply.plainText)")
        #expect(next.reply.entries.isEmpty && next.session.lastShown == first.session.lastShown, "\(text): \(next.reply.plainText)")
    }

    @Test func aLanguageSaidBesideAWishIsSaidAndTheWishMet() {
        let reading = interpreter.interpret("a comedy, no subtitles")
        #expect(reading.asksLanguage && reading.includeGenres == ["Comedy"], "\(reading)")
        #expect(ReadingNotes.notes(of: reading, title: { _ in "" }).contains(ReadingNotes.language))
        #expect(!interpreter.interpret("I loved Amélie").asksLanguage)
    }

    /// "ok what about Fugitive, The" had been "Noted: you liked …": a film asked about is one
    /// to find more like, whatever stands before the question.
    @Test(arguments: ["ok what about Heat?", "okay, what about heat", "hmm how about Heat", "great, what about heat?", "what about Heat?"])
    func aFilmAskedAboutAfterAWordOfPraiseIsNoLike(text: String) async {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.map(\.stated) == [false], "\(text): \(reading.mentions)")
        let outcome = await turn(text)
        #expect(outcome.session.liked.isEmpty && outcome.session.steering == ["heat"], "\(text)")
        #expect(!outcome.reply.message.contains("you liked") && outcome.reply.message.contains("More like Heat (1995)"), "\(text): \(outcome.reply.message)")
    }

    @Test func aFeelingSaidAfterTheQuestionStillCounts() {
        #expect(interpreter.interpret("what about Heat? loved it").mentions.map(\.feeling) == [.liked])
        #expect(interpreter.interpret("what about Heat, I hated it").mentions.map(\.feeling) == [.disliked])
    }

    /// "something else entirely" kept steering by the liked film under "More along the same
    /// lines": it moves away from the films the list was built on, keeping what is left out
    /// and the constraints, and its header says so.
    @Test(arguments: ["something else entirely", "something completely different", "I need a change of pace", "I want a change",
                      "something different for a change"])
    func somethingElseEntirelySetsTheFilmsNamedAside(text: String) async throws {
        let first = await turn("I loved Heat")
        let narrowed = await turn("no horror", in: first.session)
        let away = await turn(text, in: narrowed.session)
        #expect(away.understood?.reactions.isEmpty == true)
        #expect(away.reply.message.hasPrefix("Something different, not built on Heat (1995):"), "\(text): \(away.reply.message)")
        #expect(!away.reply.entries.isEmpty)
        #expect(away.reply.entries.allSatisfy { $0.anchorID == nil && !$0.reason.contains("Heat") }, "\(away.reply.entries.map(\.reason))")
        #expect(away.reply.entries.allSatisfy { !narrowed.session.shown.contains($0.id) && $0.id != "heat" })
        #expect(!away.reply.entries.contains { $0.genres.contains("Horror") }, "the constraints stay")
        #expect(away.session.liked == ["heat"] && away.session.constraints == narrowed.session.constraints, "the like stays")
        let why = await ConversationTests.perform(conversation, .why(1), in: away.session).1.reply.message
        #expect(why.contains("most watched") && !why.contains("liked Heat"), "\(why)")
    }

    /// The lists go on away from the films named (`/more` had gone back to them under "More
    /// along the same lines") until a film is picked to go by.
    @Test func theListsGoOnAwayUntilAFilmIsPicked() async throws {
        let first = await turn("I loved Heat")
        let away = await turn("something else entirely", in: first.session)
        let more = await ConversationTests.perform(conversation, .more, in: away.session).1
        #expect(!more.reply.entries.isEmpty && more.reply.entries.allSatisfy { $0.anchorID == nil }, "\(more.reply.plainText)")
        let why = await ConversationTests.perform(conversation, .why(1), in: more.session).1.reply.message
        #expect(!why.contains("liked Heat"), "\(why)")
        let picked = await turn("more like the first one", in: more.session)
        #expect(picked.session.steeringSetAside == nil)
        #expect(picked.reply.entries.contains { $0.anchorID != nil }, "\(picked.reply.plainText)")
    }

    @Test func somethingElseAloneStillGoesOnFromTheFilmsNamed() {
        #expect(!interpreter.interpret("something else").changesCourse)
        #expect(!interpreter.interpret("something different").changesCourse)
    }

    /// A narrowing that keeps only films the last list showed, fewer than a list holds, says
    /// nothing new fits and names them, as `/more` does: a trial's one-film lists repeated the
    /// film shown the turn before. The last list stays what "the second" refers to.
    @Test func aNarrowingLeavingOnlyShownFilmsSaysSo() throws {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        _ = engine.respond(to: "I loved Heat", in: &session)
        // The fixture's comedies: Amélie (2001), Airplane! (1980), Dr. Strangelove (1964), Toy Story (1995).
        let first = engine.respond(to: "only comedies", in: &session)
        #expect(first.entries.map(\.id).contains("airplane"), "\(first.plainText)")
        let narrowed = engine.respond(to: "from the 80s", in: &session)
        #expect(session.constraints.minYear == 1980 && session.constraints.includeGenres == ["Comedy"], "\(narrowed.plainText)")
        #expect(narrowed.entries.isEmpty, "\(narrowed.plainText)")
        #expect(narrowed.message.contains("Of those shown before, Airplane! (1980) fits"), "\(narrowed.plainText)")
        #expect(session.lastShown == first.entries.map(\.id))
    }

    /// "just one" twice: the best one, then the next best one, not the same film again.
    @Test func justOneTwiceListsAnotherFilm() throws {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        _ = engine.respond(to: "I loved Heat", in: &session)
        let one = engine.respond(to: "just one", in: &session)
        let again = engine.respond(to: "just one", in: &session)
        #expect(one.entries.count == 1 && again.entries.count == 1, "\(again.plainText)")
        #expect(again.entries.first?.id != one.entries.first?.id, "\(again.plainText)")
    }

    /// "Seven (Se7en)" links as "Seven" and as "Se7en": one film, said once.
    @Test func aTitleWithItsOwnAliasIsOneFilm() {
        let interpreter = RuleInterpreter(catalog: LinkerFixtures.movieLens100K.items, popularity: LinkerFixtures.movieLens100K.counts)
        let seven = LinkerFixtures.movieLens100K.index("Seven (Se7en)")
        for text in ["how about Seven (Se7en)?", "I loved Seven (Se7en)"] {
            #expect(interpreter.interpret(text).mentions.map(\.items) == [[seven]], "\(text): \(interpreter.interpret(text).mentions)")
        }
    }

    /// "not into" a person is as "can't stand": the cast note (it had been a new list, unsaid).
    @Test func notIntoAPersonIsTheCastNote() {
        #expect(interpreter.interpret("I'm not into Harrison Ford").asksAboutPeople)
        #expect(interpreter.interpret("I'm not into Zorbo Frobnitz").missingTitles.map(\.text) == ["zorbo frobnitz"])
    }

    /// A name turned away after "nothing with" is one name, not its first word beside it.
    @Test func aNameTurnedAwayIsSaidOnce() {
        #expect(interpreter.interpret("nothing with Julia Roberts").unreadExclusions == ["julia roberts"])
        #expect(interpreter.interpret("no films with tom cruise").unreadExclusions == ["tom cruise"])
    }

    /// "not Heat, we've seen it" leaves Heat out as seen: it had been "not for you".
    @Test(arguments: ["not Heat, we've seen it", "not heat, I've already seen it"])
    func aFilmTurnedAwayAsSeenIsSeen(text: String) {
        #expect(interpreter.interpret(text).mentions.map(\.feeling) == [.seen], "\(text): \(interpreter.interpret(text).mentions)")
        #expect(interpreter.interpret("not Heat, it's boring").mentions.map(\.feeling) == [.disliked])
    }

    @Test(arguments: ["Heat was lovely", "heat is superb", "Heat: terrific", "heat was delightful"])
    func wordsOfPraiseSayALike(text: String) {
        #expect(interpreter.interpret(text).mentions.map(\.feeling) == [.liked] && interpreter.interpret(text).mentions.map(\.stated) == [true], "\(text)")
    }
}
