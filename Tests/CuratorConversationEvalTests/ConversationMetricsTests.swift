import CuratorChat
@testable import CuratorConversationEval
import CuratorCore
import Testing

/// The benchmark's figures on cases small enough to check by hand.
@Suite("Conversation metrics")
struct ConversationMetricsTests {
    static let world = SimulatorCatalog(
        catalog: (0..<8).map { Item(id: "\($0)", title: "Film \($0)", year: 1990 + $0, genres: [$0 % 2 == 0 ? "Comedy" : "Drama"]) },
        popularity: [80, 70, 60, 50, 40, 30, 20, 10])

    private func step(_ named: [SimulatedUser.Named], revealed: SimulatedUser.Fact? = nil, linked: [TurnObservation.Linked],
                      constraints: Constraints = Constraints(), shown: [Int32], seconds: Double) -> Dialogue.Step {
        Dialogue.Step(
            turn: SimulatedUser.Turn(text: "…", named: named, revealed: revealed),
            observation: TurnObservation(linked: linked, ambiguous: 0, constraints: constraints, shown: shown, ranking: shown, seconds: seconds))
    }

    private func named(_ item: Int32, _ feeling: SimulatedUser.Feeling) -> SimulatedUser.Named {
        SimulatedUser.Named(item: item, feeling: feeling, typed: "film \(item)", kind: .full, typo: false)
    }

    @Test func successAverageTurnsLinkingFeelingsConstraintsAndLatency() {
        var comedy = Constraints()
        comedy.includeGenres = ["Comedy"]
        var nineties = Constraints()
        nineties.minYear = 1995
        // User A: hit at turn 1. Named 1 (liked) and 2 (disliked); the chat linked 1 liked,
        // 2 liked (wrong feeling) and 3 (not named).
        let a = Dialogue(target: 7, steps: [
            step([named(1, .liked), named(2, .disliked)], linked: [.init(item: 1, feeling: .liked), .init(item: 2, feeling: .liked), .init(item: 3, feeling: .liked)],
                 shown: [7, 0], seconds: 0.010),
        ], leakRejections: 0, listSize: 2)
        // User B: hit at turn 3; a genre understood at turn 2, a decade not at turn 3.
        let b = Dialogue(target: 6, steps: [
            step([named(4, .liked)], linked: [], shown: [0, 1], seconds: 0.020),
            step([], revealed: .genre("Comedy"), linked: [], constraints: comedy, shown: [2, 3], seconds: 0.030),
            step([], revealed: .decade(1990), linked: [], constraints: nineties, shown: [5, 6], seconds: 0.040),
        ], leakRejections: 2, listSize: 2)
        // User C: never (3 turns, so a miss counts as 4).
        let c = Dialogue(target: 5, steps: (0..<3).map { _ in step([], linked: [], shown: [0, 1], seconds: 0.050) }, leakRejections: 0, listSize: 2)
        var tally = ConversationTally(name: "chat", kind: .conversation)
        for dialogue in [a, b, c] { tally.add(dialogue, world: Self.world, keepExample: 1) }
        let arm = tally.arm(turns: 3, budgets: [1, 3])
        #expect(arm.successWithin["1"] == 1.0 / 3)
        #expect(arm.successWithin["3"] == 2.0 / 3)
        #expect(abs(arm.averageTurns - (1 + 3 + 4) / 3.0) < 1e-12)
        #expect(abs(arm.recallAt10 - 2.0 / 3) < 1e-12)
        let understanding = tally.understanding()
        #expect(understanding.mentions == 3 && understanding.linked == 3 && understanding.correct == 2)
        #expect(understanding.linkingPrecision == 2.0 / 3)
        #expect(understanding.linkingRecall == 2.0 / 3)
        #expect(understanding.feelingAccuracy == 0.5)
        #expect(understanding.constraintsRevealed == 2 && understanding.constraintsUnderstood == 1)
        #expect(understanding.constraintAccuracy == 0.5, "'from 1995' does not hold the whole 90s")
        #expect(abs(understanding.latencyP50Milliseconds - 40) < 1e-9, "nearest rank of 7 turns: the 4th")
        #expect(abs(understanding.latencyP95Milliseconds - 50) < 1e-9)
        #expect(understanding.leakGuardRejections == 2)
        #expect(tally.misses.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.missed, .wrongFeeling, .wrongItem])
    }

    @Test func aDecadeIsHeldWhenTheRangeCoversItAndIsBounded() {
        var constraints = Constraints()
        #expect(ConversationTally.understood(.decade(1980), constraints, Self.world) == false)
        constraints.minYear = 1980
        #expect(ConversationTally.understood(.decade(1980), constraints, Self.world) == true)
        constraints.maxYear = 1985
        #expect(ConversationTally.understood(.decade(1980), constraints, Self.world) == false)
        constraints.maxYear = 1989
        #expect(ConversationTally.understood(.decade(1980), constraints, Self.world) == true)
        #expect(ConversationTally.understood(.similarFilm(1), constraints, Self.world) == nil)
    }

    @Test func popularityBaselineFollowsTheRevealedConstraints() throws {
        // Target 6 (Comedy, 1996). Popularity order 0…7. The user named 0 in turn 1; turn 2
        // says Comedy: the comedies not yet shown, by popularity, are 4, 6.
        let profile = SimulatedUser.Profile(user: 0, history: [0, 1], ratings: nil, target: 6)
        let user = try #require((1...50 as ClosedRange<UInt64>).lazy.map { SimulatedUser(profile: profile, world: Self.world, seed: $0) }
            .first { $0.facts.first == .genre("Comedy") })
        let baseline = BaselineConversation(user: user, world: Self.world, turns: 3, listSize: 2)
        let outcome = baseline.run(order: [0, 1, 2, 3, 4, 5, 6, 7], excluding: [])
        #expect(outcome.hitTurn == 2)
        #expect(outcome.lastRanking == [4, 6])
        let one = baseline.oneList(order: [5, 6, 7], excluding: [5])
        #expect(one.hitTurn == 1 && one.lastRanking == [6, 7])
    }
}
