@testable import CuratorConversationEval
import CuratorCore
import Testing

/// The simulated user: its leak guard, its seeding, what it records.
@Suite("Simulated user")
struct SimulatedUserTests {
    static let catalog = SpokenTitlesTests.catalog
    static let world = SimulatorCatalog(catalog: catalog, popularity: catalog.indices.map { 100 - $0 })

    static func index(_ title: String) -> Int32 { Int32(catalog.firstIndex { $0.title == title }!) }

    @Test func theGuardCatchesFullPartialAliasAndNearMissTitles() {
        let wonka = Self.world.leakGuard(for: Self.index("Willy Wonka & the Chocolate Factory"))
        #expect(wonka.leaks("I loved Willy Wonka & the Chocolate Factory"))
        #expect(wonka.leaks("something like willy wonka"), "a partial title")
        #expect(wonka.leaks("the chocolate factory one"))
        #expect(wonka.leaks("that wonka film"), "a distinctive word alone")
        #expect(wonka.leaks("that wonkka film"), "a near miss of it")
        #expect(!wonka.leaks("I loved the fugitive and heat"))
        #expect(!wonka.leaks("a comedy from the 70s"), "little words are no title")

        let dieHard = Self.world.leakGuard(for: Self.index("Die Hard"))
        #expect(dieHard.leaks("die hard 2 was great"), "a sequel's title holds the target's")
        #expect(dieHard.leaks("Die Hard: With a Vengeance"))
        #expect(!dieHard.leaks("with a vengeance was great"))

        let seven = Self.world.leakGuard(for: Self.index("Seven (a.k.a. Se7en)"))
        #expect(seven.leaks("something like se7en"), "an a.k.a. title")
        #expect(seven.leaks("seven"))

        let pans = Self.world.leakGuard(for: Self.index("Pan's Labyrinth (Laberinto del fauno, El)"))
        #expect(pans.leaks("el laberinto del fauno"), "the original-language title")
        #expect(pans.leaks("pans labyrinth"))

        let rings = Self.world.leakGuard(for: Self.index("Lord of the Rings: The Return of the King, The"))
        #expect(rings.leaks("return of the king"), "a subtitle")
        #expect(rings.leaks("lord of the rings"), "a main title")
    }

    /// Every film as the target of every user the fixture has: no turn the user types holds
    /// the target's title, whatever the chat shows (here: its neighbours in the catalog).
    @Test func noTurnEverGivesTheTargetAway() {
        for target in Self.catalog.indices.map(Int32.init) {
            let history = Self.catalog.indices.map(Int32.init).filter { $0 != target }
            let ratings = history.map { Float(1 + Int($0) % 5) }
            let profile = SimulatedUser.Profile(user: Int(target), history: history, ratings: ratings, target: target)
            var user = SimulatedUser(profile: profile, world: Self.world, seed: 3)
            let anatomy = TitleAnatomy(Self.catalog[Int(target)].title)
            let forbidden = ([anatomy.main, anatomy.short, anatomy.subtitle].compactMap { $0 } + anatomy.alternates)
                .map(Typing.words).filter { !$0.allSatisfy(LeakGuard.littleWords.contains) }
            var turns = [user.opening]
            for step in 0..<6 {
                let shown = (1...5).map { Int32((Int(target) + step * 5 + $0) % Self.catalog.count) }.filter { $0 != target }
                turns.append(user.next(after: shown))
            }
            for turn in turns {
                let words = Typing.words(turn.text)
                for title in forbidden {
                    #expect(!Typing.contains(words, run: title), "\(turn.text) names \(Self.catalog[Int(target)].title)")
                }
                #expect(!turn.named.contains { $0.item == target })
            }
        }
    }

    @Test func theSameSeedGivesTheSameDialogueAndAnotherSeedAnother() {
        let target = Self.index("Heat")
        let history = [Self.index("Die Hard"), Self.index("Fugitive, The"), Self.index("Alien"), Self.index("Godfather, The"), Self.index("Toy Story")]
        let profile = SimulatedUser.Profile(user: 9, history: history, ratings: [5, 4, 2, 5, 1], target: target)
        func dialogue(_ seed: UInt64) -> [SimulatedUser.Turn] {
            var user = SimulatedUser(profile: profile, world: Self.world, seed: seed)
            var turns = [user.opening]
            for _ in 0..<4 { turns.append(user.next(after: [Self.index("Rock, The"), Self.index("Casablanca")])) }
            return turns
        }
        #expect(dialogue(11) == dialogue(11))
        let others = (12..<20).map { dialogue($0) }
        #expect(others.contains { $0 != dialogue(11) })
    }

    @Test func theOpeningNamesLikedFilmsAndLowRatedOnesAsDislikes() {
        let history = [Self.index("Die Hard"), Self.index("Fugitive, The"), Self.index("Alien"), Self.index("Godfather, The"), Self.index("Toy Story")]
        let ratings: [Float] = [5, 4, 1, 5, 3]
        var sawDislike = false
        for seed in 0..<40 as Range<UInt64> {
            let profile = SimulatedUser.Profile(user: 1, history: history, ratings: ratings, target: Self.index("Heat"))
            let user = SimulatedUser(profile: profile, world: Self.world, seed: seed)
            let opening = user.opening
            #expect((1...4).contains(opening.named.count))
            for named in opening.named {
                let rating = ratings[history.firstIndex(of: named.item)!]
                #expect(named.feeling == (rating >= 4 ? .liked : .disliked))
                #expect(rating != 3, "lukewarm films are not named")
                if !named.typo { #expect(Typing.fold(opening.text).contains(Typing.fold(named.typed))) }
            }
            sawDislike = sawDislike || opening.named.contains { $0.feeling == .disliked }
        }
        #expect(sawDislike)
    }

    @Test func laterTurnsRevealTrueFactsAboutTheTarget() {
        let target = Self.index("Seven (a.k.a. Se7en)")
        var catalog = Self.catalog
        catalog[Int(target)].tags = ["dark", "twist ending"]
        let world = SimulatorCatalog(catalog: catalog, popularity: catalog.indices.map { 100 - $0 })
        let history = [Self.index("Heat"), Self.index("Fugitive, The"), Self.index("Godfather, The"), Self.index("Shining, The")]
        let profile = SimulatedUser.Profile(user: 4, history: history, ratings: nil, target: target)
        var user = SimulatedUser(profile: profile, world: world, seed: 5)
        #expect(!user.facts.isEmpty)
        for fact in user.facts {
            switch fact {
            case .genre(let genre): #expect(catalog[Int(target)].genres.contains(genre))
            case .decade(let start): #expect(start == 1990)
            case .tag(let tag): #expect(catalog[Int(target)].tags.contains(tag))
            case .similarFilm(let film): #expect(history.contains(film) && world.genreSimilarity(film, target) > 0)
            }
        }
        for fact in user.facts {
            let turn = user.next(after: [Self.index("Casablanca")])
            #expect(turn.revealed == fact)
        }
    }
}
