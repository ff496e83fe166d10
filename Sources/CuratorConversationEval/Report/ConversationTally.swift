import CuratorChat
import CuratorCore
import CuratorEval

/// Running sums of one arm (a chat, or a baseline) over the simulated users.
struct ConversationTally {
    let name: String
    let kind: ConversationReport.Arm.Kind
    var hitTurns: [Int?] = []
    var recallAt10 = 0.0, recallAt50 = 0.0
    var named = 0, linked = 0, correct = 0, feelingRight = 0, ambiguous = 0
    var revealed = 0, understood = 0
    var latencies: [Double] = []
    var leakRejections = 0
    var examples: [ConversationReport.DialogueExample] = []
    var misses: [ConversationReport.Miss] = []

    init(name: String, kind: ConversationReport.Arm.Kind) {
        self.name = name
        self.kind = kind
    }

    /// Adds a chat's conversation: success, rankings, linking against what the user named,
    /// constraints against what the user revealed, latency.
    mutating func add(_ dialogue: Dialogue, world: SimulatorCatalog, keepExample: Int) {
        hitTurns.append(dialogue.hitTurn)
        leakRejections += dialogue.leakRejections
        if let last = dialogue.steps.last?.observation {
            recallAt10 += RankingMetrics.recall(last.ranking, relevant: [dialogue.target], k: 10)
            recallAt50 += RankingMetrics.recall(last.ranking, relevant: [dialogue.target], k: 50)
        }
        for step in dialogue.steps {
            let observation = step.observation
            latencies.append(observation.seconds)
            ambiguous += observation.ambiguous
            named += step.turn.named.count
            linked += observation.linked.count
            var unmatched = step.turn.named
            for link in observation.linked {
                if let match = unmatched.firstIndex(where: { $0.item == link.item }) {
                    correct += 1
                    if unmatched[match].feeling == link.feeling { feelingRight += 1 }
                    else { note(.wrongFeeling, step, expected: unmatched[match], got: link, world) }
                    unmatched.remove(at: match)
                } else {
                    note(.wrongItem, step, expected: nil, got: link, world)
                }
            }
            for missed in unmatched { note(.missed, step, expected: missed, got: nil, world) }
            if let fact = step.turn.revealed, let isUnderstood = Self.understood(fact, observation.constraints, world) {
                revealed += 1
                if isUnderstood { understood += 1 }
            }
        }
        if examples.count < keepExample { examples.append(.init(dialogue, world: world)) }
    }

    /// Adds a baseline's outcome.
    mutating func add(_ outcome: BaselineConversation.Outcome) {
        hitTurns.append(outcome.hitTurn)
        recallAt10 += RankingMetrics.recall(outcome.lastRanking, relevant: [outcome.target], k: 10)
        recallAt50 += RankingMetrics.recall(outcome.lastRanking, relevant: [outcome.target], k: 50)
    }

    /// Whether the chat's constraints after a turn hold a revealed fact: the genre among the
    /// wanted ones (and not excluded); the whole decade inside a year range bounded on at
    /// least one side; the tag among the wishes. Nil for a close film (graded as linking).
    static func understood(_ fact: SimulatedUser.Fact, _ constraints: Constraints, _ world: SimulatorCatalog) -> Bool? {
        switch fact {
        case .genre(let genre):
            return constraints.includeGenres.contains(genre) && !constraints.excludeGenres.contains(genre)
        case .decade(let start):
            guard constraints.minYear != nil || constraints.maxYear != nil else { return false }
            return (constraints.minYear ?? .min) <= start && (constraints.maxYear ?? .max) >= start + 9
        case .tag(let tag):
            return constraints.wishes.contains { Typing.fold($0) == Typing.fold(tag) }
        case .similarFilm:
            return nil
        }
    }

    private mutating func note(
        _ kind: ConversationReport.Miss.Kind, _ step: Dialogue.Step, expected: SimulatedUser.Named?, got: TurnObservation.Linked?,
        _ world: SimulatorCatalog
    ) {
        guard misses.count < 40 else { return }
        misses.append(ConversationReport.Miss(
            kind: kind, turn: step.turn.text, typed: expected?.typed,
            expected: expected.map { world.catalog[Int($0.item)].displayTitle }, expectedFeeling: expected?.feeling,
            linked: got.map { world.catalog[Int($0.item)].displayTitle }, linkedFeeling: got?.feeling))
    }

    func arm(turns: Int, budgets: [Int]) -> ConversationReport.Arm {
        let n = Double(max(hitTurns.count, 1))
        var success: [String: Double] = [:]
        for budget in budgets { success[String(budget)] = Double(hitTurns.count { ($0 ?? .max) <= budget }) / n }
        let averageTurns = Double(hitTurns.reduce(0) { $0 + ($1 ?? turns + 1) }) / n
        return ConversationReport.Arm(
            name: name, kind: kind, users: hitTurns.count, successWithin: success, averageTurns: averageTurns,
            recallAt10: recallAt10 / n, recallAt50: recallAt50 / n)
    }

    func understanding() -> ConversationReport.Understanding {
        func share(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
        return ConversationReport.Understanding(
            system: name, turns: latencies.count, mentions: named, linked: linked, correct: correct,
            linkingPrecision: share(correct, linked), linkingRecall: share(correct, named), feelingAccuracy: share(feelingRight, correct),
            ambiguous: ambiguous, constraintsRevealed: revealed, constraintsUnderstood: understood,
            constraintAccuracy: share(understood, revealed),
            latencyP50Milliseconds: Percentile.nearestRank(latencies, 0.5) * 1000,
            latencyP95Milliseconds: Percentile.nearestRank(latencies, 0.95) * 1000, leakGuardRejections: leakRejections)
    }
}
