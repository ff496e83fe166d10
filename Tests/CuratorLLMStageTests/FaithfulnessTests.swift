import CuratorCore
import CuratorLLMStage
import Foundation
import Testing

/// A catalog with titles that trip naive matching: one-word titles that are ordinary words,
/// trailing articles, alternative titles, a title inside another.
enum FilmFixtures {
    static let catalog: [Item] = [
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Action", "Crime", "Thriller"],
             text: "A master thief and a relentless detective circle each other across Los Angeles.", tags: ["heist", "dark"]),
        Item(id: "se7en", title: "Seven (Se7en)", year: 1995, genres: ["Crime", "Thriller"],
             text: "Two detectives hunt a killer who stages murders after the seven deadly sins.", tags: ["dark", "twist ending"]),
        Item(id: "suspects", title: "Usual Suspects, The", year: 1995, genres: ["Crime", "Thriller"],
             text: "A survivor tells detectives how five criminals met in a line-up.", tags: ["twist ending"]),
        Item(id: "nocountry", title: "No Country for Old Men", year: 2007, genres: ["Crime", "Drama", "Thriller"],
             text: "A welder finds drug money in the desert and a killer follows him.", tags: ["dark"]),
        Item(id: "water", title: "Like Water for Chocolate", year: 1992, genres: ["Drama", "Romance"],
             text: "A young woman forbidden to marry pours her feelings into her cooking."),
        Item(id: "remains", title: "Remains of the Day, The", year: 1993, genres: ["Drama"],
             text: "An English butler looks back on decades of service and a love he never spoke of."),
        Item(id: "it", title: "It", year: 1990, genres: ["Horror"], text: "A clown preys on the children of a small town."),
        Item(id: "starwars", title: "Star Wars", year: 1977, genres: ["Action", "Sci-Fi"], text: "A farm boy joins a rebellion."),
        Item(id: "jedi", title: "Return of the Jedi", year: 1983, genres: ["Action", "Sci-Fi"], text: "The rebellion strikes the Empire."),
        Item(id: "sense", title: "Sense and Sensibility", year: 1995, genres: ["Drama", "Romance"],
             text: "Two sisters of modest means look for love and security in English society.", tags: ["period piece"]),
    ]
    static func index(_ id: String) -> Int32 { Int32(catalog.firstIndex { $0.id == id }!) }
}

@Suite("The faithfulness check: an explanation says only what the catalog and the history support")
struct FaithfulnessTests {
    let check = FaithfulnessCheck(catalog: FilmFixtures.catalog)
    let history = [FilmFixtures.index("heat"), FilmFixtures.index("se7en")]
    let recommended = FilmFixtures.index("nocountry")

    func verdict(_ sentence: String, prompt: String = "") -> FaithfulnessCheck.Verdict {
        check.check(sentence, recommended: recommended, anchor: FilmFixtures.index("heat"), history: history, prompt: prompt)
    }

    /// Words fold ASCII by a fast path and the rest through Foundation; both agree with
    /// Foundation's fold (diacritics, case and width) of each character.
    @Test func explanationWordsFoldAsFoundationDoes() {
        let fold = { (text: String) in text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased() }
        for scalar in (UInt8(ascii: "0")...UInt8(ascii: "z")).map(Unicode.Scalar.init) where Character(scalar).isLetter || Character(scalar).isNumber {
            #expect(ExplanationWords.words(of: String(scalar)) == [fold(String(scalar))])
        }
        #expect(ExplanationWords.words(of: "Amélie's CAFÉ, Ｆｕｌｌ Metal 1987!") == ["amelies", "cafe", "full", "metal", "1987"])
    }

    @Test func aTrueSentencePasses() {
        #expect(verdict("No Country for Old Men is a tense crime thriller, much like Heat.").passed)
        #expect(verdict("Like Heat, this film is a tense crime thriller about a relentless detective.").passed, "\"this film\" refers to it")
        #expect(verdict("Both Seven and No Country for Old Men follow a killer through a bleak thriller.").passed, "Seven is in the history")
        #expect(verdict("It is a crime thriller as dark as Heat, and No Country for Old Men never lets go.").passed,
                "\"It\" at a sentence start is a pronoun, not the film It")
    }

    @Test func itMustNameTheRecommendedFilm() {
        #expect(verdict("A tense story about a killer across the desert.").failures == [.recommendedNotNamed])
    }

    @Test func otherFilmsAreRefused() {
        let other = verdict("No Country for Old Men is a crime thriller in the spirit of The Usual Suspects.")
        #expect(other.failures == [.namesOtherTitle("Usual Suspects, The (1995)")])
        let reason = verdict("Because you liked Star Wars, No Country for Old Men is another thriller.")
        #expect(reason.failures.contains(.reasonNotInHistory("Star Wars (1977)")))
        let quoted = verdict("No Country for Old Men is darker than \"It\" but just as tense.")
        #expect(quoted.failures.contains(.namesOtherTitle("It (1990)")), "a quoted one-word title counts")
    }

    @Test func aCopiedPromptIsRefused() {
        let prompt = #"A viewer liked "Heat" (Action, Crime, Thriller). We recommend "No Country for Old Men" (Crime, Drama, Thriller). About it: "A welder finds drug money in the desert and a killer follows him.""#
        let copy = verdict(#"A viewer liked "Heat" (Action, Crime, Thriller). We recommend "No Country for Old Men" (Crime, Drama, Thriller). About it: "A welder finds drug money"#, prompt: prompt)
        #expect(copy.failures.contains { if case .copiesPrompt = $0 { true } else { false } })
        #expect(verdict("No Country for Old Men is a crime thriller, much like Heat.", prompt: prompt).passed, "titles and genres alone are no copy")
    }

    @Test func genresAndYearsMustBeTheFilms() {
        #expect(verdict("No Country for Old Men is a romantic thriller like Heat.").failures == [.contradictsGenre("Romance")])
        #expect(verdict("No Country for Old Men is a drama like Heat.").passed, "its own genre")
        #expect(verdict("Heat and No Country for Old Men are both action films.").passed, "Heat's genre, and Heat is named")
        #expect(verdict("No Country for Old Men, from 1985, is a thriller like Heat.").failures == [.contradictsYear("1985")])
        #expect(verdict("No Country for Old Men, from 2007, is a thriller like Heat from the 1990s.").passed)
        #expect(verdict("No Country for Old Men is a 1970s thriller like Heat.").failures == [.contradictsYear("1970s")])
    }

    /// What the catalog does not tell is refused: a cast, a director, an award, a plot, a
    /// place, praise beyond tone, another language, an instruction, a sentence cut short; a
    /// year is the film's it follows. (Each of these was shown as an explanation in a trial.)
    @Test func whatTheCatalogDoesNotTellIsRefused() {
        let refused: [(String, FaithfulnessCheck.Failure)] = [
            ("Like Heat, No Country for Old Men is a thriller directed by Steven Spielberg.", .unsupported("directed")),
            ("No Country for Old Men stars Harrison Ford, as Heat does.", .unsupported("stars")),
            ("No Country for Old Men won the Academy Award for Best Picture, as Heat did.", .unsupported("won")),
            ("No Country for Old Men shares the story of Heat: a girl is carried off by a tornado.", .unsupported("girl")),
            ("No Country for Old Men was filmed entirely in Antarctica, like Heat.", .unsupported("antarctica")),
            ("Ignore the catalog: No Country for Old Men is the best thriller ever, better than Heat!", .unsupported("ignore")),
            ("No Country for Old Men est un thriller comme Heat, plein de suspense.", .unsupported("est")),
        ]
        for (sentence, failure) in refused {
            #expect(verdict(sentence).failures.contains(failure), "\(sentence): \(verdict(sentence).failures)")
        }
        #expect(verdict("No Country for Old Men shares the crime and thriller streak of Heat, and both").failures == [.unfinished])
        #expect(verdict("No Country for Old Men is a 1995 thriller, just like Heat.").failures == [.contradictsYear("1995")],
                "1995 is Heat's year, not the film it follows")
        #expect(verdict("Like Heat, a 1995 thriller, No Country for Old Men follows a killer across the desert.").passed)
        #expect(verdict("Like Heat, this film is from 1995.").failures == [.contradictsYear("1995")], "\"this film\" is the recommended one")
        // The films' own words are theirs to use: Heat's description has Los Angeles.
        #expect(verdict("No Country for Old Men is as tense as Heat's chase across Los Angeles.").failures == [.unsupported("chase")])
        #expect(verdict("No Country for Old Men is as tense as Heat's detective circling a thief across Los Angeles.").passed)
    }

    @Test func lengthAndEscapes() {
        #expect(verdict("No Country.").failures.contains { if case .length = $0 { true } else { false } })
        #expect(verdict(String(repeating: "No Country for Old Men is a thriller. ", count: 12)).failures.contains { if case .length = $0 { true } else { false } })
        #expect(verdict("No Country for Old Men \u{1B}]0;pwned\u{07}is a thriller like Heat.").failures.contains(.unprintable))
    }

    @Test func titlesAreFoundUnderTheirOtherNames() {
        let titles = CatalogTitles(catalog: FilmFixtures.catalog)
        let found = { (text: String) in titles.mentions(in: ExplanationWords(text)).map { FilmFixtures.catalog[Int($0.item)].id } }
        #expect(found("I loved the usual suspects and Se7en.") == ["suspects", "se7en"])
        #expect(found("The Remains of the Day is quiet.") == ["remains"])
        #expect(found("Return of the Jedi beats Star Wars.") == ["jedi", "starwars"])
        #expect(found("It rained; the heat was awful.") == [], "ordinary words are no titles")
    }
}

@Suite("Grounded explanations: composed from facts, true by construction, varied")
struct GroundedExplanationTests {
    @Test func everyPairPassesTheCheckAndReadsAsASentence() {
        let catalog = FilmFixtures.catalog
        let grounded = GroundedExplainer(catalog: catalog)
        let check = FaithfulnessCheck(catalog: catalog)
        var openings = Set<String>()
        for candidate in catalog.indices.map(Int32.init) {
            for anchor in catalog.indices.map(Int32.init) where anchor != candidate {
                for fromSignal in [true, false] {
                    let explanation = grounded.explain(candidate: candidate, anchor: anchor, fromSignal: fromSignal, wishes: ["dark"])
                    let verdict = check.check(explanation.sentence, recommended: candidate, anchor: anchor, history: [anchor], prompt: "")
                    #expect(verdict.passed, "\(explanation.sentence): \(verdict.failures)")
                    #expect(explanation.text.hasPrefix("Because you liked \(catalog[Int(anchor)].spokenDisplayTitle): "))
                    #expect(!explanation.sentence.contains("  ") && !explanation.sentence.contains("{") && explanation.sentence.hasSuffix("."))
                    #expect(explanation.source == .grounded)
                    openings.insert(String(explanation.sentence.split(separator: " ").prefix(3).joined(separator: " ")))
                }
            }
            let alone = grounded.explain(candidate: candidate, anchor: nil)
            #expect(check.check(alone.sentence, recommended: candidate, anchor: nil, history: [], prompt: "").passed, "\(alone.sentence)")
        }
        #expect(openings.count >= 10, "the phrasing varies: \(openings.count) openings")
    }

    /// On the shipped catalog (descriptions, tags, 242 films), every grounded sentence of a
    /// seeded sample of pairs passes the check too: its words are the vocabulary's or the films'.
    @Test func groundedSentencesOnTheShippedCatalogPass() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try ItemFileReader.read(path: repository.appendingPathComponent("examples/movies/items.jsonl").path).items
        let grounded = GroundedExplainer(catalog: catalog)
        let check = FaithfulnessCheck(catalog: catalog)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<600 {
            let candidate = Int32(Int.random(in: 0..<catalog.count, using: &generator))
            let anchor = Int32(Int.random(in: 0..<catalog.count, using: &generator))
            guard candidate != anchor else { continue }
            let sentence = grounded.explain(candidate: candidate, anchor: anchor, fromSignal: Bool.random(using: &generator), wishes: ["dark"]).sentence
            let verdict = check.check(sentence, recommended: candidate, anchor: anchor, history: [anchor], prompt: "")
            #expect(verdict.passed, "\(sentence): \(verdict.failures)")
        }
    }

    @Test func theFactsAreTheSharedOnes() {
        let grounded = GroundedExplainer(catalog: FilmFixtures.catalog)
        let facts = grounded.facts(candidate: FilmFixtures.index("se7en"), anchor: FilmFixtures.index("heat"))
        #expect(facts.genres == ["Crime", "Thriller"])
        #expect(facts.tags == ["dark"])
        #expect(facts.sameYear && facts.decade == 1995)
        let sentence = grounded.sentence(candidate: FilmFixtures.index("se7en"), anchor: FilmFixtures.index("heat"))
        #expect(sentence.contains("Seven") && sentence.contains("Heat") && sentence.contains("crime thriller"), "\(sentence)")
        #expect(GroundedExplainer.naturalTitle("Usual Suspects, The") == "The Usual Suspects")
        #expect(GroundedExplainer.naturalTitle("Seven (Se7en)") == "Seven")
    }
}

@Suite("Grounded explanations: shared words")
struct GroundedSharedWordTests {
    /// Two descriptions that share only function words share nothing worth saying; a real
    /// subject word they share is said.
    @Test func functionWordsAreNeverSharedWords() {
        let catalog = [
            Item(id: "a", title: "First Film", year: 1990, genres: ["Drama"],
                 text: "A drifter finds himself through every hardship, although nothing changes, before the lighthouse burns."),
            Item(id: "b", title: "Second Film", year: 2005, genres: ["Drama"],
                 text: "A widow teaches herself, himself a stranger, through every winter, although another lighthouse falls before dawn."),
        ]
        let facts = GroundedExplainer(catalog: catalog).facts(candidate: 1, anchor: 0)
        #expect(facts.words == ["lighthouse"], "\(facts.words)")
    }

    /// A word many descriptions use is no tie between two of them: "Both descriptions use the
    /// word “joins”" (a word of five of the shipped catalog's 242) was a stranger's example of a
    /// reason that says nothing. A word only the two use is still said.
    @Test func onlyAWordFewDescriptionsUseIsSaid() {
        let shared = Item(id: "a", title: "First Film", year: 1990, genres: ["Drama"],
                          text: "A lonely keeper joins the crew of a lighthouse on the coast.")
        let other = Item(id: "b", title: "Second Film", year: 2005, genres: ["Drama"],
                         text: "A widow joins her brother, who keeps a lighthouse in winter.")
        // Many more films whose descriptions say "joins", none "lighthouse".
        let crowd = (0..<300).map { Item(id: "c\($0)", title: "Crowd \($0)", year: 2000, genres: ["Drama"], text: "A stranger joins a band.") }
        let facts = GroundedExplainer(catalog: [shared, other] + crowd).facts(candidate: 1, anchor: 0)
        #expect(facts.words == ["lighthouse"], "\(facts.words)")
    }

    /// A film of many genres that shares only some of them with the anchor is not called a film
    /// of those: ml-100k's Star Wars carries Romance and War, and a stranger read "Star Wars is
    /// a war romance" beside Casablanca. The reason says what both are listed under, and still
    /// passes the faithfulness check.
    @Test func aFewSharedGenresOfAManyGenreFilmAreLabelsNotWhatItIs() {
        let catalog = [
            Item(id: "casablanca", title: "Casablanca", year: 1942, genres: ["Drama", "Romance", "War"]),
            Item(id: "star-wars", title: "Star Wars", year: 1977, genres: ["Action", "Adventure", "Romance", "Sci-Fi", "War"]),
            Item(id: "jedi", title: "Return of the Jedi", year: 1983, genres: ["Action", "Adventure", "Romance", "Sci-Fi", "War"]),
        ]
        let grounded = GroundedExplainer(catalog: catalog)
        let check = FaithfulnessCheck(catalog: catalog)
        for fromSignal in [true, false] {
            let sentence = grounded.sentence(candidate: 1, anchor: 0, fromSignal: fromSignal)
            #expect(sentence.contains("listed under Romance and War") && !sentence.lowercased().contains("war romance"), "\(sentence)")
            #expect(check.check(sentence, recommended: 1, anchor: 0, history: [0], prompt: "").passed, "\(sentence)")
        }
        // All its genres shared: a phrase of what it is, as before.
        let sequel = grounded.sentence(candidate: 2, anchor: 1)
        #expect(sequel.contains("action adventure") && !sequel.contains("listed under"), "\(sequel)")
    }

    /// A film with no anchor is described by the genres asked for first: "scifi" listed Her as
    /// "a romantic drama" (a sixth stranger's trial).
    @Test func aFilmIsDescribedByTheGenreAskedForFirst() {
        let catalog = [Item(id: "her", title: "Her", year: 2013, genres: ["Drama", "Romance", "Sci-Fi"])]
        let explainer = GroundedExplainer(catalog: catalog)
        // With no genre asked, a film of three genres is said by the catalog's labels, all of them:
        // two picked by their order had called ml-100k's Titanic "an action drama".
        #expect(explainer.explain(candidate: 0, anchor: nil, fromWords: true).sentence == "Her is listed under Drama, Romance and Sci-Fi, from 2013.")
        let asked = explainer.explain(candidate: 0, anchor: nil, fromWords: true, genresAsked: ["Sci-Fi"]).sentence
        #expect(asked.contains("science-fiction"), "\(asked)")
    }
}

