@testable import CuratorChat
import CuratorCore
import CuratorRecall
import Testing

/// Another person's rewatch or feeling is theirs, however the person is named ("dad", "my old
/// man", "my best friend", "Sarah", "the kids") and whatever pronoun speaks of them after it;
/// and a count of viewings ("a hundred times", "umpteen times") is never a film's name nor a wish.
@Suite("Others' feelings and counts of viewings")
struct OthersFeelingTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: [
        "my dad loves Heat, he has seen it a hundred times", "dad loves Heat, he's seen it a million times",
        "my old man watched Heat over and over", "my best friend loves Alien, she quotes it word for word",
        "Sarah has seen Alien twice", "my neighbour adores Up, watched it a hundred times", "my dad loves Heat, watched a hundred times",
        "My little brother rewatched Alien a thousand times", "Mum hates Heat, she fell asleep",
        "my son is obsessed with Toy Story, he watches it over and over", "my dad swears by Heat",
    ])
    func anotherPersonsFeelingIsTheirs(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.count == 1, "\(text): \(reading.mentions)")
        #expect(reading.mentions.allSatisfy { $0.holder != nil && $0.contextOnly }, "\(text): \(reading.mentions)")
        #expect(reading.missingTitles.isEmpty, "\(text): \(reading.missingTitles)")
        // Nothing of it is a wish: the list is not searched by "loves", "hundred" or the person.
        #expect(interpreter.searchWords(in: text, reading: reading) == nil, "\(text): \(String(describing: interpreter.searchWords(in: text, reading: reading)))")
    }

    @Test(arguments: [
        ("my best friend loves Alien", "your best friend"), ("Sarah hates Heat", "Sarah"), ("dad loved Heat", "your dad"),
        ("my old man loves Heat", "your old man"), ("the kids adored Up", "the kids"),
    ])
    func thePersonIsNamedAsSaid(text: String, holder: String) {
        #expect(interpreter.interpret(text).mentions.first?.holder == holder, "\(text)")
    }

    /// The user's own feeling stays the user's, and nobody in particular is no one else.
    @Test(arguments: ["I loved Heat, my dad has seen it a hundred times", "everyone loves Heat", "I watched Heat a million times",
                      "loved heat, watched it umpteen times"])
    func theUsersOwnStaysTheirs(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.first?.holder == nil && reading.mentions.first?.feeling == .liked, "\(text): \(reading.mentions)")
        #expect(reading.missingTitles.isEmpty, "\(text): \(reading.missingTitles)")
    }

    @Test(arguments: [
        (["saw", "a", "hundred", "times"], ["a hundred times"]), (["like", "5", "times"], ["like 5 times"]),
        (["watched", "it", "umpteen", "times"], ["umpteen times"]), (["fast", "times"], []), (["over", "and", "over"], ["over and over"]),
    ])
    func countsOfViewingsAreFound(tokens: [String], counts: [String]) {
        #expect(Feelings.viewingCounts(in: tokens) == counts)
    }
}

/// Mood words reach the catalog's own tags when it has them ("gentle and warm", "feeling low,
/// cheer me up" are feel-good), and are said plainly when it has nothing to meet them; a state
/// of the user's ("feeling low", "i'm a bit down") asks for what lifts it, not a film of that mood.
@Suite("Moods and states")
struct MoodWordTests {
    /// Tags, no descriptions: `ChatFixtures` tags Amélie "feel-good" and several films "dark".
    let tagged = RuleInterpreter(catalog: ChatFixtures.catalog)
    /// Titles, years and genres only, as MovieLens 100K.
    let bare = RuleInterpreter(catalog: ChatFixtures.catalog.map { Item(id: $0.id, title: $0.title, year: $0.year, genres: $0.genres) })

    static let lifting = [
        "something gentle and warm", "I'm feeling low, cheer me up", "something comforting", "feeling a bit down",
        "had a rough day, something to make me smile", "something cosy", "uplifting please", "something light", "i'm so stressed, something soothing",
    ]

    @Test(arguments: lifting)
    func aLiftingMoodIsTheCatalogsFeelGoodTag(text: String) {
        let reading = tagged.interpret(text)
        #expect(reading.wishes == ["feel-good"], "\(text): \(reading.wishes)")
        #expect(reading.unmatchedWishes.isEmpty && reading.missingTitles.isEmpty && !reading.asksAboutPeople, "\(text): \(reading)")
        #expect(reading.mentions.isEmpty && reading.reactions.isEmpty && !reading.passedOver, "\(text): \(reading)")
    }

    @Test(arguments: lifting)
    func withNothingToMeetItTheMoodIsSaidAndLeansToLightGenres(text: String) {
        let reading = bare.interpret(text)
        #expect(reading.wishes.isEmpty && !reading.unmatchedWishes.isEmpty, "\(text): \(reading)")
        #expect(reading.missingTitles.isEmpty && !reading.asksAboutPeople, "\(text): \(reading)")
        #expect(bare.moodLeans(reading).allSatisfy { $0.genres.contains("comedy") }, "\(text): \(bare.moodLeans(reading))")
        #expect(ReadingNotes.notes(of: reading, title: { _ in "" }).contains { $0.contains("can't apply") }, "\(text)")
    }

    /// A state is the user's, a mood wished for is the film's: "in the mood for something sad" is sad.
    @Test func aMoodWishedForIsNoState() {
        #expect(bare.moodLeans(bare.interpret("I'm in the mood for something sad")).map(\.genres) == [["drama", "romance"]])
        #expect(tagged.interpret("i'm down for a comedy").unmatchedWishes.isEmpty)
        #expect(tagged.interpret("i'm down for a comedy").includeGenres == ["Comedy"])
    }

    @Test(arguments: ["not too heavy", "nothing too heavy please", "something not too bleak"])
    func tooHeavyTurnsDarkAwayAndNamesNoFilm(text: String) {
        let reading = tagged.interpret(text)
        #expect(reading.avoidedWishes == ["dark"] && reading.mentions.isEmpty, "\(text): \(reading)")
    }

    @Test(arguments: ["something bleak", "something heavy", "a grim one"])
    func aHeavyMoodIsDark(text: String) {
        #expect(tagged.interpret(text).wishes == ["dark"], "\(text)")
    }

    /// A word the reader does not know that describes the film wanted is a mood, said when
    /// nothing can meet it: not a person, not a film not found.
    @Test(arguments: ["something mellow", "anything quirky and mellow"])
    func anUnknownDescriptionIsAMood(text: String) {
        let reading = bare.interpret(text)
        #expect(reading.unmatchedWishes.contains("mellow") && reading.missingTitles.isEmpty && !reading.asksAboutPeople, "\(text): \(reading)")
    }
}

/// A liked film named beside a genre steers the list and the genre filters it: each film near
/// the liked one among those the filter lets through is credited to it ("sci-fi like Arrival"
/// had said all but one were there for the filter alone, thrillers filling Arrival's own list).
@Suite("A liked film beside a genre")
struct LikedFilmBesideAGenreTests {
    @Test func aFilmNearTheLikedOneAmongThoseTheFilterLetsThroughIsCreditedToIt() throws {
        let catalog = (0..<300).map { index in
            Item(id: "f\(index)", title: "Film \(index)", year: 2000, genres: index % 4 == 0 ? ["Drama", "Sci-Fi"] : ["Drama", "Thriller"])
        }
        var configuration = SyntheticDataset.Configuration()
        (configuration.users, configuration.interactions, configuration.seed) = (600, 12_000, 11)
        let dataset = SyntheticDataset.generate(configuration, catalog: catalog)
        let data = TrainingData(dataset: dataset)
        let knn = try ItemKNNModel.fit(data, parameters: ModelParameters(["neighbors": "50"]))
        let recommender = SessionRecommender(catalog: dataset.catalog, items: dataset.items, model: knn,
                                             popularity: try PopularityModel.fit(data, parameters: ModelParameters()))
        let sciFi = { (index: Int) in dataset.catalog[index].genres.contains("Sci-Fi") }
        let depth = min(recommender.anchorDepth, max(10, dataset.catalog.count / 20))
        var found = 0
        for liked in dataset.catalog.indices.filter({ !sciFi($0) }).prefix(30).map(Int32.init) {
            let scores = recommender.singleItemScores.scores(for: liked, model: knn)
            for candidate in scores.indices where sciFi(candidate) && scores[candidate] > 0 {
                let above = scores.indices.filter { $0 != Int(liked) && scores[$0] > scores[candidate] }
                // Past the depth of the liked film's own list, within it among sci-fi films.
                guard above.count >= depth, above.filter(sciFi).count < depth else { continue }
                #expect(recommender.anchors(of: [Int32(candidate)], liked: [liked]) == [nil])
                #expect(recommender.anchors(of: [Int32(candidate)], liked: [liked], passing: sciFi) == [liked])
                found += 1
            }
        }
        #expect(found > 0, "the fixture must hold films near the liked ones only among sci-fi")
    }

    @Test(arguments: ["clever sci-fi, loved Alien", "sci-fi like Alien", "I liked Alien, more sci-fi please"])
    func theReplySaysTheLikedFilmAndTheGenre(text: String) {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: text, in: &session)
        #expect(session.steering.contains("alien") && session.constraints.includeGenres == ["Sci-Fi"], "\(text)")
        #expect(reply.message.contains("Alien") && reply.message.contains("Sci-Fi"), "\(reply.message)")
        #expect(reply.entries.allSatisfy { $0.genres.contains("Sci-Fi") }, "\(reply.plainText)")
    }
}

/// The user's own feeling and another person's about the same film are both read: the user's
/// taken, the other's said as theirs ("I loved Heat but my wife hated it" had dropped the wife's,
/// and "I loved Heat, my dad hated it" had made Heat the user's dislike).
@Suite("Two feelings of one film")
struct TwoFeelingsTests {
    let interpreter = RuleInterpreter(catalog: ChatFixtures.catalog)

    @Test(arguments: [
        ("I loved Heat but my wife hated it", ChatSession.Feeling.liked, ChatSession.Feeling.disliked),
        ("my wife loved Heat but I hated it", .disliked, .liked), ("I loved Heat, my dad hated it, so something lighter", .liked, .disliked),
        ("I hated Heat but my sister loved it", .disliked, .liked), ("I loved Heat, she hated it", .liked, .disliked),
    ])
    func theUsersIsTakenAndTheOthersIsTheirs(text: String, yours: ChatSession.Feeling, theirs: ChatSession.Feeling) {
        let reading = interpreter.interpret(text)
        let own = reading.mentions.filter { $0.holder == nil }, other = reading.mentions.filter { $0.holder != nil }
        #expect(own.map(\.feeling) == [yours] && own.allSatisfy { $0.stated && !$0.contextOnly }, "\(text): \(reading.mentions)")
        #expect(other.map(\.feeling) == [theirs] && other.allSatisfy(\.contextOnly), "\(text): \(reading.mentions)")
    }

    @Test func theReplySaysBothTheUsersFirst() {
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "I loved Heat but my wife hated it", in: &session)
        #expect(session.liked == ["heat"] && !session.disliked.contains("heat"))
        let yours = try? #require(reply.message.range(of: "you liked Heat")), wife = reply.message.range(of: "Your wife didn't like Heat")
        #expect(yours != nil && wife != nil && yours!.lowerBound < wife!.lowerBound, "\(reply.message)")
    }
}
