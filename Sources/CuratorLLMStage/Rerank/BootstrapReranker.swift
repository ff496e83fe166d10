import CuratorCore

/// Runs another strategy over several shuffled candidate orders and averages the scores,
/// which reduces position bias (as in LLMRank). The first round uses the recall order.
///
/// Rounds that fail are skipped with a warning; the pass fails only when every round does.
public struct BootstrapReranker: Reranker {
    public let name = RerankStrategy.bootstrap.rawValue
    /// The strategy run in each round.
    public let base: any Reranker
    /// How many orders.
    public let rounds: Int
    /// Seeds the shuffles: the same seed gives the same orders.
    public let seed: UInt64
    /// The most rounds a run may ask for: each is a full LLM request per list, and past a few
    /// dozen the average stops moving.
    public static let maxRounds = 20

    public init(base: any Reranker, rounds: Int = 3, seed: UInt64 = 42) {
        precondition(rounds >= 1, "at least one round")
        self.base = base
        self.rounds = rounds
        self.seed = seed
    }

    /// The presentation orders of `count` candidates: the identity, then seeded shuffles.
    public func orders(count: Int) -> [[Int]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<rounds).map { round in round == 0 ? Array(0..<count) : Array(0..<count).shuffled(using: &generator) }
    }

    public func judge(_ request: RerankRequest, order: [Int]) async throws -> Judgement {
        let n = request.candidates.count
        var sums = [Double](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: n)
        var total = Judgement(scores: Array(repeating: nil, count: n), templateHash: "")
        var failures: [String] = []
        for (round, shuffled) in orders(count: n).enumerated() {
            // The caller's order is the base; each round permutes it.
            let presented = shuffled.map { order[$0] }
            do {
                let judgement = try await base.judge(request, order: presented)
                total.templateHash = judgement.templateHash
                total.promptTokens += judgement.promptTokens
                total.completionTokens += judgement.completionTokens
                total.requests += judgement.requests
                total.warnings += judgement.warnings.map { "round \(round + 1): \($0)" }
                for (index, score) in judgement.scores.enumerated() {
                    if let score {
                        sums[index] += score
                        counts[index] += 1
                    }
                }
            } catch {
                total.requests += 1
                failures.append("round \(round + 1): \(error)")
            }
        }
        guard failures.count < rounds else {
            throw RerankError(strategy: name, message: "every round failed: \(failures.joined(separator: "; "))")
        }
        total.warnings += failures
        // A candidate a round did not score contributes 0 to that round (the lowest score).
        let succeeded = Double(rounds - failures.count)
        total.scores = (0..<n).map { counts[$0] > 0 ? sums[$0] / succeeded : nil }
        return total
    }
}
