@testable import CuratorChat
import CuratorCore
import CuratorRecall
import Testing

/// Defects a fourth stranger's trial found, each at its root: the general rule, tried with
/// phrasings beyond the ones the trial typed.
@Suite("A fourth stranger's trial: genre words are no titles")
struct FourthTrialGenreWordTests {
    /// A catalog with films named by a genre's everyday word (MovieLens has Kids and The War).
    static let catalog: [Item] = ChatFixtures.catalog + [
        Item(id: "kids", title: "Kids", year: 1995, genres: ["Drama"]),
        Item(id: "war", title: "The War", year: 1994, genres: ["Adventure", "Drama"]),
    ]
    let interpreter = RuleInterpreter(catalog: Self.catalog)

    /// A genre's word after a verb of taste, before "movies", "films", "stuff", is the genre.
    @Test(arguments: [
        ("i hate kids movies", "Children"), ("i can't stand kids films", "Children"), ("honestly i hate war movies", "War"),
        ("not into kids stuff", "Children"), ("i really hate kids", "Children"), ("i hate cartoons", "Animation"),
    ])
    func aGenreWordAfterATasteVerbIsTheGenre(text: String, genre: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.isEmpty, "\(text): \(reading.mentions.map(\.text))")
        #expect(reading.excludeGenres == [genre], "\(text): \(reading.excludeGenres)")
    }

    @Test(arguments: [("i love kids movies", "Children"), ("i'm into war films", "War"), ("something with cartoons", "Animation")])
    func aGenreWordLikedIsAGenreAskedFor(text: String, genre: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.isEmpty, "\(text): \(reading.mentions.map(\.text))")
        #expect(reading.includeGenres.contains(genre), "\(text): \(reading.includeGenres)")
    }

    /// The film is still there where the sentence treats the word as a title.
    @Test(arguments: ["kids was too bleak for me", "I hated Kids", "i hated \"kids\"", "heat and kids"])
    func theFilmStaysWhereTheSentenceNamesIt(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.contains { $0.items == [Int32(Self.catalog.firstIndex { $0.id == "kids" }!)] }, "\(text): \(reading.mentions.map(\.text))")
    }
}

extension FourthTrialGenreWordTests {
    /// A dislike said after the genre, in its own phrase, turns it away as one before it does.
    @Test(arguments: [
        ("honestly, family stuff bores me", "Children"), ("kids movies bore me", "Children"),
        ("horror films are just not my thing", "Horror"), ("war movies really annoy me", "War"),
    ])
    func aDislikeAfterTheGenreTurnsItAway(text: String, genre: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.excludeGenres == [genre] && reading.includeGenres.isEmpty, "\(text): \(reading.includeGenres) \(reading.excludeGenres)")
    }

    /// Not a dislike of the genre: praise after it, or a pause before what follows.
    @Test(arguments: ["horror movies are the best", "a comedy that isn't boring", "a comedy, nothing dumb"])
    func praiseOrAnotherPhraseAfterTheGenreAsksForIt(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.excludeGenres.isEmpty && !reading.includeGenres.isEmpty, "\(text): \(reading.includeGenres) \(reading.excludeGenres)")
    }

    /// The words a list is searched by leave out the phrase that turned the genre away, as
    /// typed ("can't", "sci-fi"): embedded, "war" brought up The War Room and The War at Home.
    @Test(arguments: ["i can't stand war films", "I CAN'T STAND war movies!", "don't want sci-fi"])
    func theTurnedAwayPhraseIsNotSearched(text: String) {
        #expect(interpreter.searchWords(in: text) == nil, "\(text): \(interpreter.searchWords(in: text) ?? "")")
    }
}

/// "No, not that" turns a list away without saying which film; "not that one" points at one:
/// the film just picked, else the first. A reason given in genres in the same turn is what is
/// taken ("no not that, i hate sci-fi" disliked Hot Fuzz, the list's first).
@Suite("A fourth stranger's trial: what 'that' refers to")
struct FourthTrialReferentTests {
    let engine = ConversationEngineTests.engine
    var interpreter: RuleInterpreter { engine.interpreter }

    /// A session that has shown a list (liked Heat first).
    private func listed() -> ChatSession {
        var session = ChatSession()
        _ = engine.respond(to: "i loved heat", in: &session)
        return session
    }

    @Test(arguments: ["no not that, i hate sci-fi", "not that. i hate sci-fi", "nah, no sci-fi", "nope, no sci-fi",
                      "no, not that one, can't stand sci-fi"])
    func aReasonInGenresIsWhatIsTurnedAway(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.reactions.isEmpty, "\(text): \(reading.reactions)")
        #expect(reading.excludeGenres == ["Sci-Fi"], "\(text)")
        var session = listed()
        _ = engine.respond(to: text, in: &session)
        #expect(session.disliked.isEmpty, "\(text): \(session.disliked)")
        #expect(session.constraints.excludeGenres == ["Sci-Fi"])
    }

    @Test(arguments: ["no, not that", "not that", "no", "hmm no", "well, not that"])
    func aBareNoDislikesNothing(text: String) {
        var session = listed()
        let shown = session.lastShown
        _ = engine.respond(to: text, in: &session)
        #expect(session.disliked.isEmpty, "\(text): \(session.disliked)")
        #expect(Set(session.lastShown).isDisjoint(with: shown), "\(text): a new list")
    }

    @Test func notThatOnePointsAtTheFirstOrTheFilmPicked() {
        var session = listed()
        let first = session.lastShown[0]
        _ = engine.respond(to: "not that one", in: &session)
        #expect(session.disliked == [first])
        var picking = listed()
        let third = picking.lastShown[2]
        _ = engine.respond(to: "the third one sounds good", in: &picking)
        #expect(picking.picked?.id == third)
        _ = engine.respond(to: "hmm, not that one", in: &picking)
        #expect(picking.disliked == [third], "the film picked, not the new list's first")
    }

    /// "It" after a pick is the film picked; with no pick, a dislike of "it" passes the list over.
    @Test(arguments: ["actually i didn't like it", "hmm, i hated that", "nah it bored me"])
    func itIsTheFilmPicked(text: String) {
        var picking = listed()
        let second = picking.lastShown[1]
        _ = engine.respond(to: "number 2 looks interesting", in: &picking)
        _ = engine.respond(to: "why that one?", in: &picking)
        let reply = engine.respond(to: text, in: &picking)
        #expect(picking.disliked == [second], "\(text): \(picking.disliked)")
        #expect(reply.message.contains("not for you, \(engine.title(of: second))"), "\(reply.message)")
        var plain = listed()
        let shown = plain.lastShown
        _ = engine.respond(to: text, in: &plain)
        #expect(plain.disliked.isEmpty, "\(text): no film picked, none disliked")
        #expect(Set(plain.lastShown).isDisjoint(with: shown))
    }
}

/// A bare "why?" explains the list's first film, or the film picked the turn before: "why that
/// one?" after "the third one sounds good" explained the new list's first.
@Suite("A fourth stranger's trial: bare why questions")
struct FourthTrialWhyTests {
    let engine = ConversationEngineTests.engine

    @Test(arguments: ["why?", "why", "How come?", "why this?", "but why", "why that one?", "explain"])
    func aBareWhyAsksAboutTheReferent(text: String) {
        let reading = engine.interpreter.interpret(text)
        #expect(reading.asksWhy == 1 && reading.placeUnsaid, "\(text)")
    }

    @Test(arguments: ["why not something older?", "i don't know why i like comedies", "why did you suggest the second one"])
    func otherQuestionsAreNotBare(text: String) {
        #expect(!engine.interpreter.interpret(text).placeUnsaid, "\(text)")
    }

    @Test(arguments: ["why that one?", "why?", "how come?", "why did you suggest that?"])
    func afterAPickItExplainsThePickedFilm(text: String) throws {
        var session = ChatSession()
        _ = engine.respond(to: "i loved heat", in: &session)
        let third = session.lastShown[2]
        _ = engine.respond(to: "the third one sounds good", in: &session)
        #expect(session.lastShown.first != third)
        let answer = engine.respond(to: text, in: &session).message
        #expect(answer.hasPrefix(engine.title(of: third) + ":"), "\(text): \(answer)")
        // Without a pick, the first of the list.
        var fresh = ChatSession()
        _ = engine.respond(to: "i loved heat", in: &fresh)
        let first = try #require(fresh.lastShown.first)
        #expect(engine.respond(to: text, in: &fresh).message.hasPrefix(engine.title(of: first) + ":"), "\(text)")
    }
}

/// Lifting an exclusion only lifts it: "actually comedy is ok" after "no comedies" listed five
/// comedies, since the list of a user with no film liked was searched by the words "comedy is ok".
@Suite("A fourth stranger's trial: lifts are not wishes")
struct FourthTrialLiftTests {
    let conversation = Conversation(engine: ConversationEngineTests.engine, startFromWords: { _ in
        Issue.record("a turn that only lifts a filter searched by its words")
        return []
    })

    @Test(arguments: [
        "actually comedy is ok", "comedy is okay", "comedies are alright", "i don't mind comedy after all",
        "fine, comedies are allowed", "ok comedy is fine then", "actually I'm ok with comedies",
    ])
    func aLiftIsNotSearchedFor(text: String) async {
        let interpreter = ConversationEngineTests.engine.interpreter
        #expect(interpreter.searchWords(in: text) == nil, "\(text): \(interpreter.searchWords(in: text) ?? "")")
        var session = ChatSession()
        session.constraints.excludeGenres = ["Comedy"]
        let outcome = await ConversationTests.turn(conversation, text, in: session).1
        #expect(outcome.session.constraints.excludeGenres.isEmpty && outcome.session.constraints.includeGenres.isEmpty, "\(text)")
        #expect(outcome.reply.message.contains("Dropped: no Comedy"), "\(text): \(outcome.reply.message)")
    }
}

/// Moods and themes turned away are left out where the catalog can tell (tags, or
/// descriptions for a mood), and said where it cannot; a request in words says the same.
@Suite("A fourth stranger's trial: what is turned away")
struct FourthTrialAvoidTests {
    static let catalog: [Item] = ChatFixtures.catalog + [
        Item(id: "ironman", title: "Iron Man", year: 2008, genres: ["Action", "Sci-Fi"], tags: ["superhero"]),
        Item(id: "batman", title: "Batman Begins", year: 2005, genres: ["Action", "Crime"], tags: ["superhero", "dark"]),
    ]
    let interpreter = RuleInterpreter(catalog: Self.catalog)

    @Test(arguments: ["nothing with superheroes", "no superhero movies please", "something without superheroes", "i hate superhero stuff"])
    func aTagTurnedAwayIsLeftOut(text: String) {
        let reading = interpreter.reading(of: text)
        #expect(reading.constraints.avoided == ["superhero"], "\(text): \(reading.understanding)")
        #expect(!reading.admits(Self.catalog[Self.catalog.count - 1]) && reading.admits(Self.catalog[0]))
        #expect(reading.constraints.summary == "not marked superhero")
        #expect(reading.notes { _ in "" }.isEmpty)
    }

    /// The chat's lists leave them out too (its ranking tests genres by masks).
    @Test func theChatLeavesThemOut() throws {
        var configuration = SyntheticDataset.Configuration()
        (configuration.users, configuration.interactions, configuration.seed) = (300, 4_000, 7)
        let dataset = SyntheticDataset.generate(configuration, catalog: Self.catalog)
        let data = TrainingData(dataset: dataset)
        let engine = ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: try ItemKNNModel.fit(data, parameters: ModelParameters(["neighbors": "20"])),
            popularity: try PopularityModel.fit(data, parameters: ModelParameters())))
        var session = ChatSession()
        let reply = engine.respond(to: "i loved heat, nothing with superheroes", in: &session)
        #expect(session.constraints.avoided == ["superhero"])
        let all = engine.more(&session).entries + reply.entries
        #expect(!all.contains { ["ironman", "batman"].contains($0.id) }, "\(all.map(\.id))")
    }

    @Test func aLiftAllowsItAgainAndAWishReplacesIt() {
        var constraints = Constraints()
        constraints.apply(interpreter.interpret("nothing with superheroes"), correcting: false)
        constraints.apply(interpreter.interpret("superheroes are fine"), correcting: false)
        #expect(constraints.avoided.isEmpty && constraints.wishes.isEmpty)
        constraints.apply(interpreter.interpret("nothing too dark"), correcting: false)
        #expect(constraints.avoided == ["dark"])
        constraints.apply(interpreter.interpret("something dark"), correcting: false)
        #expect(constraints.avoided.isEmpty && constraints.wishes == ["dark"])
    }

    /// What no tag names is said, and not searched for; on a catalog with no tags a mood turned away is said too.
    @Test func whatTheCatalogCannotTellIsSaid() {
        let zombies = interpreter.reading(of: "nothing with zombies")
        #expect(zombies.searchWords == nil, "\(zombies.searchWords ?? "")")
        #expect(zombies.notes { _ in "" } == ["I can't leave out “zombies”: no genre, mood or tag in this catalog says which films have it."])
        let titlesOnly = RuleInterpreter(catalog: Self.catalog.map { Item(id: $0.id, title: $0.title, year: $0.year, genres: $0.genres) })
        let dark = titlesOnly.reading(of: "nothing too dark")
        #expect(dark.searchWords == nil, "a mood turned away is not leaned to: \(dark.searchWords ?? "")")
    }

    @Test func aRequestSaysWhatItCouldNotUse() {
        let reading = interpreter.reading(of: "i liked scarface, and something like the godfahter")
        let notes = reading.notes { Self.catalog[Int($0)].spokenDisplayTitle }
        let first = notes.first ?? ""
        #expect(first.hasPrefix("\"scarface\" may mean ") && first.contains("Scarface (1932)") && first.contains("Scarface (1983)"), "\(notes)")
        #expect(first.hasSuffix("so none of them was used: add the year to pick one."))
        #expect(reading.steering.count == 1, "the misspelt godfather is linked")
    }
}

/// A name after "with" reads the same in any case: "with Stallone" and "with stallone" gave
/// different answers. No catalog here lists cast: the reply says so either way.
@Suite("A fourth stranger's trial: names in any case")
struct FourthTrialNameTests {
    @Test(arguments: ["with stallone", "something with stallone", "any films starring stallone?", "movies with stallone in them",
                      "i want something with sylvester stallone"])
    func aNameReadsTheSameInAnyCase(text: String) {
        let capitalised = text.replacingOccurrences(of: "stallone", with: "Stallone").replacingOccurrences(of: "sylvester", with: "Sylvester")
        for catalog in [ChatFixtures.catalog, ThirdTrialWishTests.described] {
            let reader = RuleInterpreter(catalog: catalog)
            #expect(reader.interpret(text) == reader.interpret(capitalised), "\(text)")
        }
        var plain = ChatSession(), upper = ChatSession()
        let engine = ConversationEngineTests.engine
        let reply = engine.respond(to: text, in: &plain), other = engine.respond(to: capitalised, in: &upper)
        #expect(reply.message == other.message && reply.entries.map(\.id) == other.entries.map(\.id), "\(text)")
        #expect(reply.message.contains("not cast"), "\(text): \(reply.message)")
        #expect(!reply.message.contains("couldn't find"), "\(text): \(reply.message)")
    }

    /// With descriptions, the name is looked for there; where none has it, the reply says the
    /// catalog lists no cast.
    @Test func aNameNoDescriptionHasIsSaidSo() {
        let engine = ThirdTrialWishTests.engine(ThirdTrialWishTests.described)
        for text in ["with stallone", "with Stallone"] {
            var session = ChatSession()
            let reply = engine.respond(to: text, in: &session)
            #expect(reply.message.contains("No film here has “stallone” in its tags or description (this catalog lists no cast or crew"), "\(reply.message)")
        }
    }
}

/// A reason credits a liked film only where the two are near: of a shared genre (co-watching
/// alone is mostly popularity: "Twelve Monkeys — Because you liked Willy Wonka"), and high on
/// that film's own list, a depth that is a share of the catalog.
@Suite("A fourth stranger's trial: credited films")
struct FourthTrialCreditTests {
    @Test func aCreditedFilmSharesAGenre() {
        let engine = ConversationEngineTests.engine
        var credited = 0
        for film in ChatFixtures.catalog {
            var session = ChatSession()
            session.record(film.id, as: .liked)
            let entries = engine.more(&session).entries + engine.more(&session).entries + engine.more(&session).entries
            for entry in entries {
                guard let anchor = entry.anchorID else {
                    #expect(!entry.reason.contains("Because you liked"), "\(entry.reason)")
                    continue
                }
                credited += 1
                let genres = ChatFixtures.catalog[Int(ChatFixtures.index(anchor))].genres
                #expect(!Set(entry.genres).isDisjoint(with: genres), "\(entry.id) (\(entry.genres)) credits \(anchor) (\(genres))")
            }
        }
        #expect(credited > 0)
    }

    /// On a small catalog a tenth of it at most: the tenth film of Heat's own list of twenty-odd is no longer "near".
    @Test func theDepthIsAShareOfTheCatalog() {
        var recommender = ConversationEngineTests.recommender
        recommender.anchorDepth = 50
        let heat = ChatFixtures.index("heat")
        let list = recommender.model.scores(for: UserContext(history: [heat]))
        let order = list.indices.filter { $0 != Int(heat) }.sorted { list[$0] > list[$1] }.map(Int32.init)
        let anchors = recommender.anchors(of: order, liked: [heat])
        #expect(anchors.dropFirst(10).allSatisfy { $0 == nil }, "\(anchors)")
    }
}

/// A mood asked for leads the films near the liked ones: "something cozy for a rainy sunday"
/// after The Matrix and Blade Runner listed Ocean's Eleven, The Departed and Fight Club first,
/// and the one feel-good film third. The reply says which fit.
@Suite("A fourth stranger's trial: moods lead")
struct FourthTrialMoodTests {
    @Test(arguments: ["amelie", "airplane", "toystory"])
    func filmsThatFitTheMoodLead(liked: String) throws {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        session.record(liked, as: .liked)
        let reply = engine.respond(to: "something dark", in: &session)
        let fits = reply.entries.map { $0.wishesMet.contains("dark") }
        try #require(fits.contains(true))
        #expect(fits == fits.sorted { $0 && !$1 }, "the films that are dark lead: \(reply.entries.map(\.id))")
        if fits.contains(false) {
            let fit = reply.entries.filter { $0.wishesMet.contains("dark") }.map(\.spokenTitle)
            #expect(reply.message.contains("only \(fit.spokenList) \(fit.count == 1 ? "fits" : "fit") “dark”"), "\(reply.message)")
        }
    }
}

/// The start of a long title ends before the little words that join the next film: "i loved
/// willy wonka and fargo" linked neither (the start took "and" as the title's own).
@Suite("A fourth stranger's trial: a title's start before 'and'")
struct FourthTrialTitleStartTests {
    static let catalog = [
        Item(id: "wonka", title: "Willy Wonka and the Chocolate Factory", year: 1971, genres: ["Children"]),
        Item(id: "fargo", title: "Fargo", year: 1996, genres: ["Crime"]), Item(id: "toy", title: "Toy Story", year: 1995, genres: ["Animation"]),
        Item(id: "strangelove", title: "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", year: 1964, genres: ["Comedy"]),
    ]

    @Test(arguments: [
        ("i loved willy wonka and fargo", ["wonka", "fargo"]), ("i loved willy wonka and toy story", ["wonka", "toy"]),
        ("willy wonka and fargo", ["wonka", "fargo"]), ("loved fargo and willy wonka", ["fargo", "wonka"]),
        ("i loved willy wonka and the chocolate factory", ["wonka"]), ("dr strangelove or fargo", ["strangelove", "fargo"]),
    ])
    func bothFilmsAreLinked(text: String, expected: [String]) {
        let reading = RuleInterpreter(catalog: Self.catalog).interpret(text)
        #expect(reading.mentions.map { $0.items.map { Self.catalog[Int($0)].id } } == expected.map { [$0] }, "\(text): \(reading.mentions.map(\.text))")
        #expect(reading.missingTitles.isEmpty, "\(text): \(reading.missingTitles)")
    }
}
