import CuratorCore
import CuratorLLM
@testable import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Testing

/// What the bundled Gemma 3 270M wrote for ml-100k items (`curator items enhance --min-item
/// 100`, temperature 0), with the item it was asked about: the check refuses what says nothing
/// and keeps what names something, whether or not it is true (it cannot know that).
@Suite("Enhanced text check: the bundled model's degenerate descriptions are refused")
struct EnhancedTextCheckTests {
    static func item(_ title: String, _ year: Int, _ genres: [String]) -> Item {
        Item(id: title, title: title, year: year, genres: genres)
    }

    static let refused: [(Item, String, String)] = [
        (item("Truth About Cats & Dogs, The", 1996, ["Comedy", "Romance"]), "The audience is the audience", "talks about the answer"),
        (item("Star Trek VI: The Undiscovered Country", 1991, ["Action", "Adventure", "Sci-Fi"]),
         "The audience is the audience. It is the audience that is the audience. It is a 1991 movie. It is a 1991 movie.", "talks about the answer"),
        (item("Twister", 1996, ["Action", "Adventure", "Thriller"]),
         "The description is a short summary of the movie. It is written in English, and it is not a movie. It is a movie. It is a movie.", "talks about the answer"),
        (item("Rock, The", 1996, ["Action", "Adventure", "Thriller"]),
         "This is a movie about a boy who is a rock star. He is a rock star because he is a rock star. He is a rock star because a", "repeats itself"),
        (item("Rumble in the Bronx", 1995, ["Action", "Adventure", "Crime"]),
         "The Bronx is a city of immigrants, and the Bronx is a city of immigrants. The", "repeats itself"),
        (item("Time to Kill, A", 1996, ["Drama"]), "A (1996) is a drama about a (1996) is a drama about a (1996) is a", "repeats itself"),
        (item("Seven (Se7en)", 1995, ["Crime", "Thriller"]),
         "Seven (Se7en) (1995) is a crime thriller about a group of teenagers who are in a car accident. The movie is about the effects of a car accident on teenagers. The movie is about the effects of a car accident on teenagers.",
         "repeats itself"),
        (item("Mr. Smith Goes to Washington", 1939, ["Drama"]), "Mr. Smith Goes to Washington", "restates the title"),
        (item("Bridge on the River Kwai, The", 1957, ["Drama", "War"]), "Bridge on the River Kwai, The (1957)", "restates the title"),
        (item("Men in Black", 1997, ["Action", "Adventure", "Comedy", "Sci-Fi"]), "Men in Black (1997)", "restates the title"),
        (item("Wizard of Oz, The", 1939, ["Adventure", "Children's", "Drama", "Musical"]), "The story of the Wizard of Oz", "nothing concrete"),
        (item("Godfather: Part II, The", 1974, ["Action", "Crime", "Drama"]), "The Godfather: Part II", "restates the title"),
    ]

    @Test func whatSaysNothingIsRefusedWithItsReason() {
        let check = EnhancedTextCheck()
        for (item, description, kind) in Self.refused {
            #expect(check.refusal(description, of: item)?.kind == kind, "\(item.title): \(description)")
        }
    }

    /// Concrete, if not true: the Titanic's sinking ship is right, Jackie Brown's serial killer
    /// is not. Refusing falsehood needs knowledge the check does not have.
    @Test func whatNamesSomethingIsKept() {
        let check = EnhancedTextCheck()
        let kept: [(Item, String)] = [
            (Self.item("Titanic", 1997, ["Action", "Drama", "Romance"]), "The movie is about a ship that is sinking"),
            (Self.item("Jackie Brown", 1997, ["Crime", "Drama"]), "A 1997 crime drama about a young woman who is a victim of a serial killer"),
            (Self.item("Conspiracy Theory", 1997, ["Action", "Mystery", "Romance", "Thriller"]),
             "This movie is about a conspiracy theory that is being used to spread the truth about the world"),
            (Self.item("Emma", 1996, ["Drama", "Romance"]),
             "Emma is a 19-year-old girl who is a student at a boarding school in the United States. She is a very shy girl who is very good at school."),
            (Self.item("Fugitive, The", 1993, ["Action", "Thriller"]), "A surgeon wrongly convicted of his wife's murder escapes and hunts the one-armed killer."),
        ]
        for (item, description) in kept {
            #expect(check.refusal(description, of: item) == nil, "\(item.title): \(description)")
        }
    }

    @Test func themesAndAudiencesThatSayNothingAreDropped() {
        let check = EnhancedTextCheck()
        let godfather = Self.item("Godfather: Part II, The", 1974, ["Action", "Crime", "Drama"])
        for theme in ["the audience is the audience. the theme", "the godfather", "the godfather: part ii", "1", "a", "audience",
                      "the movie is about a boy who is a rock-n", "description"] {
            #expect(!check.keeps(theme, of: godfather), "\(theme)")
        }
        for theme in ["crime", "family", "drug addiction", "sexual exploitation"] {
            #expect(check.keeps(theme, of: godfather), "\(theme)")
        }
        let opus = Self.item("Mr. Holland's Opus", 1995, ["Drama"])
        for audience in ["1", "The audience is the audience", "Mr. Holland's Opus", "The audience", String(repeating: "0", count: 60)] {
            #expect(!check.keeps(audience, of: opus, maximumWords: 12), "\(audience)")
        }
        for audience in ["adults", "children", "people who are interested in conspiracy theories"] {
            #expect(check.keeps(audience, of: opus, maximumWords: 12), "\(audience)")
        }
    }

    @Test func aRunStoresTheKeptAnswersAndCountsRefusalsByReason() async throws {
        let catalog = [Self.refused[0].0, Self.refused[3].0, Self.item("Titanic", 1997, ["Action", "Drama", "Romance"])]
        let answers = [
            "Truth About": #"{"description":"The audience is the audience","themes":["the audience is the audience"],"audience":"The audience is the audience"}"#,
            "Rock, The": #"{"description":"He is a rock star because he is a rock star. He is a rock star because he is a rock star.","themes":[],"audience":"adults"}"#,
            "Titanic": #"{"description":"The movie is about a ship that is sinking","themes":["action","Titanic","1"],"audience":"Titanic"}"#,
        ]
        let server = try PipelineFixtures.server { request in
            let body = String(decoding: request.body, as: UTF8.self)
            return PipelineFixtures.chatAnswer(answers.first { body.contains($0.key) }?.value ?? "{}")
        }
        let folder = TemporaryDirectory()
        let store = EnhancedItemStore(datasetFolder: folder.path)
        let enhancer = Enhancer(client: PipelineFixtures.client(server), prompts: try PipelineFixtures.prompts(), cache: try .inMemory(), modelName: "m")
        let summary = try await ItemEnhancement(enhancer: enhancer, store: store).run(catalog: catalog, progress: SilentProgress())
        #expect(summary.written == 1 && summary.refused == 2 && summary.failed == 0)
        #expect(summary.refusals == ["talks about the answer": 1, "repeats itself": 1])
        let titanic = try #require(try store.load()["Titanic"])
        #expect(titanic.themes == ["action"], "the title and a number are not themes")
        #expect(titanic.audience.isEmpty, "the title is not an audience")
    }
}
