@testable import CuratorChat
import CuratorCore
import Testing

/// Defects a stranger found in how the chat reads films named in a turn and reacts to them,
/// each pinned at the rule behind the phrasing.
@Suite("A stranger's trial of titles")
struct TitleTrialTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    private func ids(_ mentions: [TurnUnderstanding.Mentioned]) -> [String] {
        mentions.flatMap { $0.items.map { ChatFixtures.catalog[Int($0)].id } }
    }

    /// A film watched again and again is seen and liked (nobody rewatches what they dislike):
    /// a stated like, never a "more like" that leaves it free to be listed again.
    @Test(arguments: [
        "I already know Heat by heart", "seen Heat twice", "I've watched Heat so many times", "Heat is my comfort movie",
        "rewatched Heat last week", "i've watched heat a million times", "seen heat 4 times", "heat never gets old",
        "I watch Heat every christmas", "watched heat over and over as a kid", "seen heat more times than i can count",
        "I can quote heat word for word",
    ])
    func aFilmWatchedAgainAndAgainIsLiked(text: String) {
        let reading = interpreter.interpret(text)
        #expect(ids(reading.mentions) == ["heat"], "\(text): \(reading.mentions)")
        #expect(reading.mentions.first.map { $0.feeling == .liked && $0.stated } == true, "\(text): \(reading.mentions)")
    }

    @Test func aRewatchSaidOfAListedFilmIsALikeAndADislikeStillWins() {
        #expect(interpreter.interpret("not the 2nd one, seen it a million times").reactions == [.like(position: 2)])
        #expect(interpreter.interpret("seen heat twice and it was awful").mentions.map(\.feeling) == [.disliked])
        #expect(interpreter.interpret("seen heat").mentions.map(\.feeling) == [.seen], "once is only seen")
    }

    @Test func aFilmWatchedAgainAndAgainIsNotListedAgain() {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "I know Toy Story by heart", in: &session)
        #expect(session.liked == ["toystory"], "\(session.liked)")
        #expect(reply.message.contains("you liked Toy Story"), "\(reply.message)")
        #expect(!reply.entries.contains { $0.id == "toystory" })
    }

    /// A short title after "is"/"was" names the film its clause is about when the subject speaks
    /// of a preference (liked) or of films; the subject describes it and asks for nothing.
    @Test(arguments: [
        ("my favourite film is heat", "heat", ChatSession.Feeling.liked), ("the best movie ever made was zodiac", "zodiac", .liked),
        ("my all-time fave is alien", "alien", .liked), ("my number one has to be heat", "heat", .liked),
        ("top of my list is zodiac", "zodiac", .liked), ("the greatest film of all time is amelie", "amelie", .liked),
        ("my favourite is probably heat", "heat", .liked), ("my #1 is up", "up", .liked), ("my favourite cartoon is up", "up", .liked),
        ("the worst film ever made is heat", "heat", .disliked), ("the scariest film i've seen is alien", "alien", .liked),
        ("heat is the greatest film ever", "heat", .liked), ("nothing beats zodiac", "zodiac", .liked),
        ("the film that changed my life was up", "up", .liked),
    ])
    func aShortTitleAfterACopulaNamesTheFilm(text: String, id: String, feeling: ChatSession.Feeling) {
        let reading = interpreter.interpret(text)
        #expect(ids(reading.mentions) == [id], "\(text): \(reading.mentions)")
        #expect(reading.mentions.first.map { $0.feeling == feeling && $0.stated } == true, "\(text): \(reading.mentions)")
        #expect(reading.includeGenres.isEmpty && reading.wishes.isEmpty, "\(text): the subject is no wish: \(reading)")
    }

    @Test(arguments: ["my favourite genre is horror", "the best part was the heat", "my favourite actor is up there"])
    func aFavouriteThatIsNoFilmLinksNothing(text: String) {
        #expect(interpreter.interpret(text).mentions.isEmpty, "\(text)")
    }

    static let widerCatalog = ChatFixtures.catalog + [
        Item(id: "bladerunner", title: "Blade Runner", year: 1982, genres: ["Sci-Fi"]),
        Item(id: "starwars", title: "Star Wars", year: 1977, genres: ["Sci-Fi"]),
        Item(id: "indy3", title: "Indiana Jones and the Last Crusade", year: 1989, genres: ["Adventure"]),
        Item(id: "aliens", title: "Aliens", year: 1986, genres: ["Action", "Sci-Fi"]),
        Item(id: "alien3", title: "Alien 3", year: 1992, genres: ["Sci-Fi"]),
        Item(id: "alien4", title: "Alien: Resurrection", year: 1997, genres: ["Sci-Fi"]),
    ]

    /// A title typed with a number or words the catalog's film does not have is another film,
    /// said to be missing, not that film taken without a word; a year of its own still links.
    @Test(arguments: [
        ("I loved Blade Runner 2049", "blade runner 2049", "bladerunner"), ("loved heat 2019", "heat 2019", "heat"),
        ("loved star wars the force awakens", "star wars the force awakens", "starwars"),
        ("loved indiana jones and the kingdom of the crystal skull", "indiana jones and the kingdom", "indy3"),
        ("loved the godfather part 3", "godfather part 3", "godfather"), ("heat part 2 was great", "heat part 2", "heat"),
        ("loved heat (2019)", "heat 2019", "heat"), ("loved Zodiac The Return", "zodiac the return", "zodiac"),
    ])
    func aTitleWithMoreThanTheFilmHasIsMissing(text: String, missing: String, nearest: String?) {
        let reading = RuleInterpreter(catalog: Self.widerCatalog).interpret(text)
        #expect(reading.mentions.isEmpty, "\(text): \(reading.mentions)")
        #expect(reading.missingTitles.map(\.text) == [missing], "\(text): \(reading.missingTitles)")
        #expect(reading.missingTitles.first?.nearest.map { Self.widerCatalog[Int($0)].id } == nearest.map { [$0] } ?? [], "\(text)")
        #expect(reading.wishes.isEmpty && reading.includeGenres.isEmpty, "\(text): a name not found asks for nothing: \(reading.wishes)")
    }

    /// A remake under the same title is no sequel: "scarface 2" is missing, though "the second
    /// scarface" is the later of the two.
    @Test func aRemakeIsNoSequel() {
        let sequel = interpreter.interpret("loved scarface 2")
        #expect(sequel.mentions.isEmpty && sequel.missingTitles.map(\.text) == ["scarface 2"], "\(sequel.mentions)")
        #expect(ids(interpreter.interpret("loved the second scarface").mentions) == ["scarface83"])
    }

    @Test(arguments: ["loved heat 1995", "heat (1995) was great", "loved heat '95", "saw heat 3 times", "loved heat, 9/10", "loved heat in 2019"])
    func aYearOfItsOwnOrACountStillLinks(text: String) {
        let reading = interpreter.interpret(text)
        #expect(ids(reading.mentions) == ["heat"] && reading.missingTitles.isEmpty, "\(text): \(reading.mentions) \(reading.missingTitles)")
    }

    @Test func aFilmTheCatalogLacksIsSaidAndNotLiked() {
        let engine = ConversationEngine(recommender: ConversationEngineTests.recommender)
        var session = ChatSession()
        let reply = engine.respond(to: "I loved Heat 2049", in: &session)
        #expect(session.liked.isEmpty && session.steering.isEmpty, "\(session.liked)")
        #expect(reply.message.contains("couldn't find \"heat 2049\""), "\(reply.message)")
    }

    /// A series named as a whole is every film of it in the catalog (the films sharing its name,
    /// and those whose titles run on from it), each with the feeling said.
    @Test(arguments: [
        ("I've watched the whole Godfather trilogy", ["godfather", "godfather2"], ChatSession.Feeling.seen),
        ("seen all the godfather films", ["godfather", "godfather2"], .seen),
        ("seen every Alien movie", ["alien", "aliens", "alien3", "alien4"], .seen),
        ("loved all of the alien films", ["alien", "aliens", "alien3", "alien4"], .liked),
        ("hated both matrix movies", ["matrix", "matrix2"], .disliked), ("the Matrix trilogy was great", ["matrix", "matrix2"], .liked),
        ("seen all three godfather films", ["godfather", "godfather2"], .seen),
        // Other catalogs' nouns: "the Harry Potter books" on a catalog of books.
        ("I loved the Godfather books", ["godfather", "godfather2"], .liked),
    ])
    func aSeriesNamedAsAWholeIsEachOfItsFilms(text: String, films: [String], feeling: ChatSession.Feeling) {
        let catalog = Self.widerCatalog
        let reading = RuleInterpreter(catalog: catalog).interpret(text)
        #expect(reading.mentions.flatMap { $0.items.map { catalog[Int($0)].id } } == films, "\(text): \(reading.mentions)")
        #expect(reading.mentions.allSatisfy { $0.feeling == feeling && $0.stated }, "\(text): \(reading.mentions)")
        #expect(reading.missingTitles.isEmpty, "\(text): \(reading.missingTitles)")
    }

    @Test func oneFilmOfASeriesIsStillOne() {
        let catalog = Self.widerCatalog
        let reading = RuleInterpreter(catalog: catalog).interpret("loved the godfather and alien")
        #expect(reading.mentions.flatMap { $0.items.map { catalog[Int($0)].id } } == ["godfather", "alien"], "\(reading.mentions)")
    }

    @Test func aWholeSeriesSeenIsNamedAndLeftOut() {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "I've watched the whole Godfather trilogy", in: &session)
        #expect(Set(session.seen) == ["godfather", "godfather2"], "\(session.seen)")
        #expect(reply.message.contains("The Godfather (1972)") && reply.message.contains("The Godfather Part II (1974)"), "\(reply.message)")
        #expect(!reply.entries.contains { $0.id.hasPrefix("godfather") })
    }

    /// After a list, a place said any way picks that film of the list; a title that is a number
    /// or spelled with one is the film.
    @Test(arguments: [
        ("the second one was great", TurnUnderstanding.Reaction.like(position: 2)), ("#2 looks good", .like(position: 2)),
        ("number four please", .moreLike(position: 4)), ("the last one", .moreLike(position: -1)), ("the top pick", .moreLike(position: 1)),
        ("I'll take the top pick", .moreLike(position: 1)), ("the top one looks good", .like(position: 1)), ("3 please", .moreLike(position: 3)),
        ("the 5th one", .moreLike(position: 5)), ("option 2", .moreLike(position: 2)), ("top one", .moreLike(position: 1)),
        ("the top pick was great", .like(position: 1)),
    ])
    func aPlaceSaidAnyWayPicksFromTheList(text: String, reaction: TurnUnderstanding.Reaction) {
        let reading = interpreter.interpret(text)
        #expect(reading.reactions == [reaction] && reading.mentions.isEmpty, "\(text): \(reading.reactions) \(reading.mentions)")
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople, "\(text): \(reading.missingTitles)")
    }

    /// MovieLens' way: "Seven (Se7en)".
    static let numberedCatalog = ChatFixtures.catalog.filter { $0.id != "se7en" } + [
        Item(id: "se7en", title: "Seven (Se7en)", year: 1995, genres: ["Crime", "Mystery"]),
        Item(id: "apollo13", title: "Apollo 13", year: 1995, genres: ["Drama"]),
        Item(id: "2001", title: "2001: A Space Odyssey", year: 1968, genres: ["Sci-Fi"]),
        Item(id: "ninemonths", title: "Nine Months", year: 1995, genres: ["Comedy"]),
    ]

    @Test(arguments: [
        ("Se7en", "se7en"), ("seven looks good", "se7en"), ("loved seven", "se7en"), ("Apollo 13", "apollo13"),
        ("apollo 13 please", "apollo13"), ("2001 looks good", "2001"), ("Nine Months", "ninemonths"), ("nine months was fun", "ninemonths"),
    ])
    func aTitleThatIsANumberIsTheFilm(text: String, id: String) {
        let catalog = Self.numberedCatalog
        let reading = RuleInterpreter(catalog: catalog).interpret(text)
        #expect(reading.mentions.flatMap { $0.items.map { catalog[Int($0)].id } } == [id], "\(text): \(reading.mentions)")
        #expect(reading.reactions.isEmpty && reading.choice == nil, "\(text): \(reading.reactions)")
    }

    @Test func theFirstOfASeriesIsItsOldestFilm() {
        let catalog = Self.widerCatalog
        let reading = RuleInterpreter(catalog: catalog).interpret("i like the first alien film")
        #expect(reading.mentions.flatMap { $0.items.map { catalog[Int($0)].id } } == ["alien"], "\(reading.mentions)")
        #expect(reading.reactions.isEmpty, "\(reading.reactions)")
    }

    /// Another person's feeling is theirs: context only, unless the turn chooses for them.
    @Test(arguments: [
        ("my grandpa cried at Up", "your grandpa"), ("my wife hated Zodiac", "your wife"), ("my son keeps watching Toy Story", "your son"),
        ("my dad says Heat is the best film ever", "your dad"), ("Heat is my dad's favourite", "your dad"),
        ("Zodiac made my wife cry", "your wife"), ("she loved zodiac", "her"),
    ])
    func anotherPersonsFeelingIsContextOnly(text: String, holder: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.count == 1 && reading.mentions.allSatisfy { $0.contextOnly && $0.holder == holder }, "\(text): \(reading.mentions)")
    }

    @Test(arguments: ["my wife and I loved Heat", "me and my wife loved Heat", "I watched Heat with my dad and loved it",
                      "my wife hated Heat but I loved it", "Heat is my son's favourite and mine too", "my favourite film is heat", "I loved Heat, my wife wants a comedy"])
    func theUsersOwnFeelingWithOthersAroundIsTheirs(text: String) {
        let reading = interpreter.interpret(text)
        // Another person's feeling said beside it ("my wife hated Heat but…") is kept as theirs, context only.
        let own = reading.mentions.filter { $0.holder == nil }
        #expect(own.map(\.feeling) == [.liked] && own.allSatisfy(\.stated), "\(text): \(reading.mentions)")
        #expect(reading.mentions.allSatisfy { $0.holder == nil || $0.contextOnly }, "\(text): \(reading.mentions)")
    }

    @Test func aChoiceForSomeoneIsSteeredByTheirFeelings() {
        let dislike = interpreter.interpret("something for my wife, she hated Zodiac")
        #expect(dislike.mentions.map(\.feeling) == [.disliked] && dislike.mentions.allSatisfy { $0.holder == "your wife" && !$0.contextOnly }, "\(dislike.mentions)")
        let group = interpreter.interpret("my kids love Toy Story, what should we watch tonight")
        #expect(group.mentions.allSatisfy { $0.holder == "your kids" && !$0.contextOnly && !$0.stated }, "\(group.mentions)")
        let like = interpreter.interpret("my husband loves Heat, find something for him")
        #expect(like.mentions.map(\.feeling) == [.liked] && like.mentions.allSatisfy { !$0.stated && !$0.contextOnly }, "a film to find more like, not the user's like: \(like.mentions)")
    }

    @Test func theReplySaysWhatWasTakenOfAnotherPersonsFeeling() {
        let engine = ConversationEngineTests.engine
        var session = ChatSession()
        let context = engine.respond(to: "my wife hated Zodiac", in: &session)
        #expect(session.disliked.isEmpty && session.liked.isEmpty && session.steering.isEmpty)
        #expect(context.message.contains("Zodiac (2007) is taken as your wife's film"), "\(context.message)")
        session = ChatSession()
        let chosen = engine.respond(to: "something for my wife, she hated Zodiac", in: &session)
        #expect(session.disliked == ["zodiac"] && chosen.message.contains("For your wife: not Zodiac (2007)."), "\(chosen.message)")
        session = ChatSession()
        let liked = engine.respond(to: "my husband loves Heat, find something for him", in: &session)
        #expect(session.liked.isEmpty && session.steering == ["heat"], "\(session.liked)")
        #expect(liked.message.contains("For your husband: more like Heat (1995).") && !liked.entries.contains { $0.id == "heat" }, "\(liked.message)")
    }
}
