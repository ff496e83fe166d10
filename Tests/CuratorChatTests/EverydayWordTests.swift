@testable import CuratorChat
import CuratorCore
import Testing

/// Everyday words of a short turn are not a film missing nor a person's name: a stranger's
/// "something else" had been answered "I couldn't find “else” in this catalog. I don't know who
/// acts in or directs films".
@Suite("Everyday short turns")
struct EverydayWordTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: ["anything decent", "something fresh", "idk", "something obscure", "hidden gems", "something underrated",
                      "i want something popular", "something interesting"])
    func aShortTurnOfEverydayWordsNamesNoFilmAndNoPerson(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople && reading.names.isEmpty, "\(text): \(reading)")
    }

    /// A name typed with a capital, or in full, is still said to be one.
    @Test(arguments: ["Stallone?", "tom hanks", "what about Meryl Streep"])
    func aNameAloneIsStillSaidToBeOne(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.asksAboutPeople || !reading.missingTitles.isEmpty, "\(text): \(reading)")
    }

    @Test(arguments: ["something else", "anything else?", "something different please", "other options", "show me something else",
                      "different ones", "any alternatives"])
    func askingForSomethingElseIsTheNextList(text: String) {
        #expect(Conversation.Command(saying: text) == .more, "\(text)")
    }

    @Test(arguments: ["something", "anything", "something else like heat", "a different genre", "other than horror"])
    func otherWordsBesideAWishAreNoCommand(text: String) {
        #expect(Conversation.Command(saying: text) == nil, "\(text)")
    }

    @Test func somethingElseAfterAListShowsOtherFilms() async {
        let conversation = Conversation(engine: ConversationEngineTests.engine)
        let (_, first) = await ConversationTests.turn(conversation, "i loved heat")
        let (_, other) = await ConversationTests.turn(conversation, "something else", in: first.session)
        #expect(!other.reply.entries.isEmpty, "\(other.reply.plainText)")
        #expect(Set(other.session.lastShown).isDisjoint(with: first.session.lastShown), "\(other.reply.plainText)")
        #expect(!other.reply.plainText.contains("couldn't find"), "\(other.reply.plainText)")
    }
}

/// Names said with a verb of feeling that link to no film are said, never passed over, and the
/// verb itself is no film ("I hate Titanic" had been "more like Hate (Haine, La) and Titanic").
@Suite("Names and verbs of feeling")
struct FeelingVerbNameTests {
    let interpreter = RuleInterpreter(catalog: LinkerFixtures.movieLens100K.items + [
        Item(id: "hate", title: "Hate (Haine, La)", year: 1995, genres: ["Drama"]), Item(id: "titanic", title: "Titanic", year: 1997, genres: ["Drama", "Romance"]),
    ])

    @Test(arguments: ["I hate Titanic", "i really hate titanic", "we hate Titanic so much"])
    func theVerbIsNoFilm(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.map(\.items) == [[Int32(LinkerFixtures.movieLens100K.items.count + 1)]], "\(text): \(reading.mentions)")
        #expect(reading.mentions.first?.feeling == .disliked, "\(text)")
    }

    @Test(arguments: ["I loved Hate", "hate was great"])
    func theFilmTypedAsATitleIsStillOne(text: String) {
        #expect(interpreter.interpret(text).mentions.map(\.items) == [[Int32(LinkerFixtures.movieLens100K.items.count)]], "\(text)")
    }

    /// After "don't like", "can't stand", "a fan of", "I like": a name the catalog lacks is said
    /// missing, in full with the little words typed inside it.
    @Test(arguments: [("I don't like Knives Out", "knives out"), ("I can't stand Zorbo Nights", "zorbo nights"), ("I loved The Lord of the Flies", "lord of the flies"),
                      ("I loved Knives Out and Heat", "knives out"), ("I loved The Dark Knight and Heat", "dark knight"), ("my sister recommended Zorbo Nights, she adores it", "zorbo nights")])
    func aNameAfterAFeelingIsSaidMissing(text: String, name: String) {
        #expect(interpreter.interpret(text).missingTitles.map(\.text) == [name], "\(text): \(interpreter.interpret(text).missingTitles)")
    }

    /// A person's name there is no film missing: the catalog knows no cast, and says so.
    @Test(arguments: ["I dont like Al Pacino", "not a fan of Al Pacino", "I can't stand al pacino"])
    func aPersonAfterAFeelingIsNoFilmMissing(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.missingTitles.isEmpty && reading.asksAboutPeople, "\(text): \(reading)")
    }

    /// The words of a name said to be missing ask for nothing ("dark" of "The Dark Knight").
    @Test func aMissingNamesWordsAskForNothing() {
        let reading = interpreter.interpret("I loved The Dark Knight and Heat")
        #expect(reading.wishes.isEmpty && reading.unmatchedWishes.isEmpty, "\(reading)")
    }

    @Test(arguments: ["I would like a comedy", "something like heat", "I like it", "i like comedies"])
    func likeThatNamesNoFilmSaysNothingMissing(text: String) {
        #expect(interpreter.interpret(text).missingTitles.isEmpty, "\(text): \(interpreter.interpret(text).missingTitles)")
    }

    /// A thing opened by "a"/"an" is no longer title ("an alien creature" had been a film the
    /// catalog lacks, beside Alien).
    @Test func aThingAfterAnIndefiniteArticleIsNoMissingFilm() {
        #expect(interpreter.interpret("astronauts hunted by an alien creature on a starship").missingTitles.isEmpty)
        #expect(interpreter.interpret("a film about an alien creature").missingTitles.isEmpty)
    }

    /// A comma after a film turned away ends the dislike: "a drama please" after it is asked for.
    @Test(arguments: ["i hated heat, a drama please", "I hated Heat and Titanic, a drama maybe", "heat was boring, some drama"])
    func aDislikeEndsAtTheCommaAfterTheFilm(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.includeGenres == ["Drama"] && reading.excludeGenres.isEmpty, "\(text): \(reading)")
    }

    /// A name before "movies" or "films": a person's films, said as such; turned away, said not
    /// to be left out (nothing here tells).
    @Test func aPersonsFilmsAreSaidToBeUnknowable() {
        let liked = interpreter.interpret("I really like Wes Anderson films")
        #expect(liked.asksAboutPeople && liked.missingTitles.isEmpty, "\(liked)")
        let hated = interpreter.interpret("I hate Adam Sandler movies")
        #expect(hated.unreadExclusions == ["adam sandler"] && hated.missingTitles.isEmpty && hated.mentions.isEmpty, "\(hated)")
    }
}


/// A review of the list-place readers found phrasings they had taken too far.
@Suite("List places said in passing")
struct PlacesInPassingTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test func butBeforeAPlaceStillTurnsItAway() {
        #expect(interpreter.interpret("ok but not the second one").reactions == [.reject(position: 2)])
    }

    @Test func aCountAskedForIsNoPlaces() {
        let reading = interpreter.interpret("show me the top 5 I haven't seen")
        #expect(reading.listSize == 5 && reading.reactions.isEmpty, "\(reading)")
    }

    @Test(arguments: ["tell me about 3 comedies", "tell me more films like it", "what's something that I'd like"])
    func aWishIsNoQuestionAboutAListedFilm(text: String) {
        #expect(!WhyQuestions.aboutPosition(in: TextNormalizer.tokens(text)).asked || WhyQuestions.aboutPosition(in: TextNormalizer.tokens(text)).place == nil
                && interpreter.interpret(text).asksWhy == nil, "\(text)")
    }

    @Test(arguments: [("tell me more about number 2", 2), ("what's the third one about?", 3), ("tell me about 2", 2)])
    func aQuestionAboutAPlaceIsStillOne(text: String, place: Int) {
        #expect(interpreter.interpret(text).asksWhy == place, "\(text)")
    }
}
