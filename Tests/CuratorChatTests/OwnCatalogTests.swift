@testable import CuratorChat
import CuratorCore
import CuratorRecall
import Testing

/// A stranger's own catalog (books, in Curator's format): the reader follows the catalog's
/// genres and tags, not MovieLens's names for films.
@Suite("A stranger's own catalog")
struct OwnCatalogTests {
    static let books: [Item] = [
        Item(id: "dune", title: "Dune", year: 1965, genres: ["Science Fiction"], text: "A desert planet and a prophecy.", tags: ["classic", "epic"]),
        Item(id: "foundation", title: "Foundation", year: 1951, genres: ["Science Fiction"], text: "A mathematician foresees the fall of an empire.", tags: ["classic"]),
        Item(id: "neuromancer", title: "Neuromancer", year: 1984, genres: ["Science Fiction"], text: "A washed-up hacker takes one last job.", tags: ["cyberpunk", "short"]),
        Item(id: "giver", title: "The Giver", year: 1993, genres: ["Young Adult", "Science Fiction"], text: "A boy learns the memories his town gave up.", tags: ["children", "short"]),
        Item(id: "matilda", title: "Matilda", year: 1988, genres: ["Young Adult"], text: "A girl who loves books discovers a gift.", tags: ["children", "funny", "short"]),
        Item(id: "gonegirl", title: "Gone Girl", year: 2012, genres: ["Thriller", "Mystery"], text: "A wife vanishes on their anniversary.", tags: ["twist ending", "dark"]),
        Item(id: "train", title: "The Girl on the Train", year: 2015, genres: ["Thriller", "Mystery"], text: "A commuter sees something from her train.", tags: ["unreliable narrator"]),
        Item(id: "tattoo", title: "The Girl with the Dragon Tattoo", year: 2005, genres: ["Thriller", "Mystery"], text: "A journalist and a hacker investigate.", tags: ["dark", "serial killer"]),
        Item(id: "bigsleep", title: "The Big Sleep", year: 1939, genres: ["Mystery"], text: "A private eye takes a job from a general.", tags: ["noir", "mystery", "short"]),
        Item(id: "hound", title: "The Hound of the Baskervilles", year: 1902, genres: ["Mystery"], text: "A curse on the moors.", tags: ["detective", "classic"]),
        Item(id: "jobs", title: "Steve Jobs", year: 2011, genres: ["Biography"], text: "The life of the founder of Apple.", tags: ["business", "long"]),
        Item(id: "educated", title: "Educated", year: 2018, genres: ["Biography", "Non-fiction"], text: "A woman raised off the grid goes to university.", tags: ["memoir"]),
        Item(id: "sapiens", title: "Sapiens", year: 2011, genres: ["Non-fiction"], text: "A history of humankind.", tags: ["big ideas", "long"]),
        Item(id: "cities", title: "A Tale of Two Cities", year: 1859, genres: ["Historical Fiction"], text: "London and Paris in the Revolution.", tags: ["classic", "long"]),
        Item(id: "hobbit", title: "The Hobbit", year: 1937, genres: ["Fantasy"], text: "A hobbit joins a quest for a dragon's gold.", tags: ["dragons", "quest"]),
        Item(id: "coldblood", title: "In Cold Blood", year: 1966, genres: ["Non-fiction"], text: "A family murdered in Kansas.", tags: ["true crime"]),
    ]

    static let engine: ConversationEngine = {
        var configuration = SyntheticDataset.Configuration()
        (configuration.users, configuration.interactions, configuration.seed) = (200, 2_500, 11)
        let dataset = SyntheticDataset.generate(configuration, catalog: books)
        let data = TrainingData(dataset: dataset)
        return ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: try! ItemKNNModel.fit(data, parameters: ModelParameters(["neighbors": "20"])),
            popularity: try! PopularityModel.fit(data, parameters: ModelParameters())))
    }()

    let reader = RuleInterpreter(catalog: Self.books)

    // MARK: 1. Genre words are the catalog's genres

    /// The catalog's own names in any case, singular or plural, hyphen or not, and the
    /// reader's everyday words for a genre the catalog spells its own way.
    @Test(arguments: [
        ("some sci-fi", "Science Fiction"), ("science fiction please", "Science Fiction"), ("scifi", "Science Fiction"),
        ("Science-Fiction", "Science Fiction"), ("biography", "Biography"), ("Biographies please", "Biography"),
        ("historical fiction", "Historical Fiction"), ("non-fiction", "Non-fiction"), ("nonfiction", "Non-fiction"),
        ("non fiction", "Non-fiction"), ("young adult only", "Young Adult"), ("something for young adults", "Young Adult"),
        ("a whodunit", "Mystery"), ("a good thriller", "Thriller"),
    ])
    func genreWordsAreTheCatalogsGenres(text: String, genre: String) {
        let reading = reader.interpret(text)
        #expect(reading.includeGenres == [genre], "\(text): \(reading.includeGenres)")
        #expect(reading.missingTitles.isEmpty && reading.unreadExclusions.isEmpty && !reading.asksAboutPeople, "\(text): \(reading)")
    }

    /// Turned away, lifted and said inside a request: the same spelling.
    @Test func everyReaderOfGenresSpellsThemAsTheCatalog() {
        #expect(reader.interpret("no sci-fi please").excludeGenres == ["Science Fiction"])
        #expect(reader.interpret("nothing but biographies").includeGenres == ["Biography"])
        let noBiographies = reader.interpret("no biographies")
        #expect(noBiographies.excludeGenres == ["Biography"] && noBiographies.unreadExclusions.isEmpty, "\(noBiographies)")
        #expect(reader.interpret("forget sci-fi").lift.genres == ["Science Fiction"])
        #expect(reader.interpret("non fiction is fine").lift.allowedGenres == ["Non-fiction"])
        #expect(reader.interpret("biograpy").includeGenres == ["Biography"], "a slip in one of the catalog's own names")
        #expect(reader.interpret("I loved biographies").missingTitles.isEmpty, "a genre's name is no book not found")
        let request = reader.reading(of: "a science fiction classic from before 1970")
        #expect(request.constraints.includeGenres == ["Science Fiction"] && request.constraints.maxYear == 1969)
        #expect(Self.books.contains(where: request.admits), "the request's filters leave books to list")
    }

    /// MovieLens 1M spells a genre "Children's", another catalog "Kids" or "Film Noir": the
    /// reader's words for them ("kids", a child's age, "noir") name the catalog's genre.
    @Test(arguments: [["Children's"], ["Kids"], ["Family"]])
    func aChildsGenreIsTheCatalogsSpelling(spelling: [String]) {
        let catalog = [
            Item(id: "1", title: "Toy Story", year: 1995, genres: ["Animation"] + spelling),
            Item(id: "2", title: "Heat", year: 1995, genres: ["Crime", "Film Noir"]),
        ]
        let reader = RuleInterpreter(catalog: catalog)
        #expect(reader.interpret("kids movies").includeGenres == Set(spelling))
        #expect(reader.interpret("something for my 8 year old").includeGenres == Set(spelling))
        #expect(reader.interpret("some noir").includeGenres == ["Film Noir"])
        #expect(reader.interpret("film-noir").includeGenres == ["Film Noir"])
    }

    /// A genre the catalog never had is a wish: met by a tag or description where one says
    /// it, else said once, and the list still comes.
    @Test func aGenreTheCatalogLacksIsAWishNotAnEmptyFilter() {
        let dragons = reader.interpret("something for kids")
        #expect(dragons.includeGenres.isEmpty && dragons.wishes == ["children"], "the tag children: \(dragons)")
        let trueCrime = reader.interpret("true crime")
        #expect(trueCrime.wishes == ["true crime"] && trueCrime.includeGenres.isEmpty, "a tag holding a genre word it lacks is the wish: \(trueCrime)")
        let western = reader.interpret("a western")
        #expect(western.includeGenres.isEmpty && western.wishes == ["western"], "\(western)")
        var session = ChatSession()
        let reply = Self.engine.respond(to: "a western", in: &session)
        #expect(!reply.entries.isEmpty, "\(reply.plainText)")
        #expect(reply.plainText.contains("No film here has “western”"), "\(reply.plainText)")
        #expect(!reply.plainText.contains("Nothing in the catalog fits"))
        #expect(session.constraints.isEmpty)
        let next = Self.engine.more(&session)
        #expect(!next.entries.isEmpty && !next.plainText.contains("western"), "said once: \(next.plainText)")
        // Over a request too.
        let request = reader.reading(of: "a western")
        #expect(request.constraints.isEmpty && request.notes { _ in "" }.contains { $0.contains("“western”") })
    }

    // MARK: 2. A child's age

    @Test func aChildsAgeAsksForWhatTheCatalogHasForChildren() {
        #expect(reader.interpret("Something for my 12 year old").includeGenres == ["Young Adult"], "its genre for 12 and over")
        #expect(reader.interpret("my son is 15").includeGenres == ["Young Adult"])
        #expect(reader.interpret("a teen book").includeGenres == ["Young Adult"], "its genre for teenagers, by their name")
        let young = reader.interpret("something for my 6 year old")
        #expect(young.includeGenres.isEmpty && young.wishes == ["children"], "no children's genre: the tag. \(young)")
        // With no genre and no tag or description for children, the list comes and says so.
        let untagged = Self.books.map { Item(id: $0.id, title: $0.title, year: $0.year, genres: $0.genres.filter { $0 != "Young Adult" }) }
        let plain = RuleInterpreter(catalog: untagged).interpret("a book for kids")
        #expect(plain.includeGenres.isEmpty && plain.wishes == ["kids"], "\(plain)")
        for turn in ["Something for my 12 year old", "a book for kids", "something for my 6 year old"] {
            var session = ChatSession()
            let reply = Self.engine.respond(to: turn, in: &session)
            #expect(!reply.entries.isEmpty && !reply.plainText.contains("Nothing in the catalog fits"), "\(turn): \(reply.plainText)")
        }
    }

    // MARK: 3. Read is seen

    @Test(arguments: [
        "I've read Gone Girl, not that", "I've already read Gone Girl", "already read Gone Girl, something else",
        "I have read Gone Girl", "finished Gone Girl last week", "I've listened to Gone Girl",
    ])
    func readIsSeen(text: String) {
        let reading = reader.interpret(text)
        #expect(reading.mentions.map(\.feeling) == [.seen] && reading.mentions.allSatisfy(\.stated), "\(text): \(reading.mentions)")
    }

    @Test func readAndLovedIsLikedAndReadItAlreadyIsThePick() throws {
        #expect(reader.interpret("I read Dune last year and loved it").mentions.map(\.feeling) == [.liked])
        #expect(reader.interpret("I want to read it").reactions.isEmpty, "the present is no seen")
        let it = reader.interpret("I've read it already")
        #expect(it.reactions == [.seen(position: 1)] && it.placeUnsaid)
        var session = ChatSession()
        _ = Self.engine.respond(to: "a mystery", in: &session)
        let second = session.lastShown[1]
        _ = Self.engine.respond(to: "the second one sounds good", in: &session)
        let first = try #require(session.lastShown.first)
        let reply = Self.engine.respond(to: "I've read it already", in: &session)
        #expect(session.seen.contains(second) && !session.seen.contains(first), "the pick, not the new list's first: \(reply.plainText)")
    }

    // MARK: 4. Tags in the singular or the plural beat film-only rules

    @Test func aTagIsReadInEitherNumberAndBeatsRunningTimes() {
        let short = reader.interpret("something short")
        #expect(short.wishes == ["short"] && !short.asksRunningTime, "\(short)")
        #expect(reader.interpret("nothing too long").avoidedWishes == ["long"])
        #expect(RuleInterpreter(catalog: ChatFixtures.catalog).interpret("something short").asksRunningTime, "no such tag: a running time")
        let killers = reader.interpret("nothing with serial killers")
        #expect(killers.avoidedWishes == ["serial killer"] && killers.unreadExclusions.isEmpty, "\(killers)")
        #expect(reader.interpret("a dragon").wishes == ["dragons"])
        #expect(reader.interpret("no dragons").avoidedWishes == ["dragons"])
    }

    // MARK: 5. A genre's name is no second wish

    @Test func aGenresNameIsNotAlsoAWish() {
        let reading = reader.interpret("a mystery from before 1950")
        #expect(reading.includeGenres == ["Mystery"] && reading.wishes.isEmpty, "\(reading)")
        #expect(SessionRecommender.meets(Self.books[5], wish: "mystery"), "a Mystery meets the wish for mystery")
        var session = ChatSession()
        let reply = Self.engine.respond(to: "a mystery from before 1950", in: &session)
        #expect(!reply.entries.isEmpty && !reply.plainText.contains("leave out"), "\(reply.plainText)")
    }

    // MARK: 6. A name that starts several titles

    @Test func aNameStartingSeveralTitlesIsAskedAbout() throws {
        let reading = reader.interpret("I liked The Girl")
        let mention = try #require(reading.mentions.first)
        #expect(Set(mention.items) == [Int32(6), Int32(7)] && mention.feeling == .liked, "\(reading.mentions)")
        #expect(reader.interpret("I liked the ending").mentions.isEmpty && reader.interpret("I liked the first one").mentions.isEmpty)
        #expect(reader.interpret("I loved the way it ended").mentions.isEmpty, "a name runs to its phrase's end")
        var session = ChatSession()
        let reply = Self.engine.respond(to: "I liked The Girl", in: &session)
        #expect(reply.followUp?.contains("Which one do you mean") == true, "\(reply.plainText)")
        let asked = try #require(session.pendingChoice)
        #expect(Set(asked) == ["train", "tattoo"])
        _ = Self.engine.respond(to: "the second", in: &session)
        #expect(session.liked == [asked[1]])
    }
}
