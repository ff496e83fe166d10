import CuratorCore

/// One candidate's place in each ordering.
public struct RerankedItem: Sendable, Codable, Equatable {
    /// Dense item index.
    public var index: Int32
    /// External id.
    public var id: String
    /// 1-based rank in the recall order.
    public var recallRank: Int
    /// 1-based rank by the LLM's score alone (`nil` when the LLM pass failed).
    public var llmRank: Int?
    /// 1-based rank in the final order.
    public var finalRank: Int
    public var recallScore: Double
    /// The LLM's score (a probability for the verbalizer, a position score for listwise).
    public var llmScore: Double?
    /// The blended score the final order sorts by.
    public var finalScore: Double
}

/// The result of reranking: the final order, how each candidate got there, and what it cost.
public struct RerankOutcome: Sendable, Codable {
    public var strategy: String
    /// The candidates in the final order.
    public var items: [RerankedItem]
    /// Whether the recall order was kept because the LLM gave nothing usable.
    public var fellBackToRecall: Bool
    /// What went wrong or was repaired, for the user and the logs.
    public var warnings: [String]
    /// The hash of the template that produced the prompt(s).
    public var templateHash: String
    public var promptTokens: Int
    public var completionTokens: Int
    /// LLM requests made.
    public var requests: Int
    /// Wall time of the whole rerank.
    public var latencySeconds: Double

    /// Whether the model's output was usable as it came (no fall-back, nothing repaired).
    public var validOutput: Bool { !fellBackToRecall && warnings.isEmpty }

    /// Item indices in the final order.
    public var order: [Int32] { items.map(\.index) }

    /// Validates a judgement into a permutation of `candidates` and blends it with recall.
    ///
    /// Candidates without an LLM score go after every scored one, in recall order (missing
    /// candidates are appended in recall order). Ties keep the recall order.
    static func assemble(strategy: String, candidates: [RerankCandidate], judgement: Judgement, llmWeight: Double) -> RerankOutcome {
        let n = candidates.count
        let recall = candidates.map { Double($0.recallScore) }
        let scored = judgement.scores.indices.filter { judgement.scores[$0] != nil }
        // LLM order: scored candidates by score, then the unscored in recall order.
        let llmOrder = scored.sorted { judgement.scores[$0]! != judgement.scores[$1]! ? judgement.scores[$0]! > judgement.scores[$1]! : $0 < $1 }
            + (0..<n).filter { judgement.scores[$0] == nil }
        var llmRank = [Int?](repeating: nil, count: n)
        if !scored.isEmpty { for (rank, index) in llmOrder.enumerated() { llmRank[index] = rank + 1 } }
        // Blend on min–max normalised scales; an unscored candidate counts as the lowest LLM score.
        let recallNorm = normalise(recall)
        let llmValues = (0..<n).map { judgement.scores[$0] ?? -.infinity }
        let llmFloor = scored.map { judgement.scores[$0]! }.min() ?? 0
        let llmNorm = normalise(llmValues.map { $0 == -.infinity ? llmFloor : $0 })
        let weight = scored.isEmpty ? 0 : min(max(llmWeight, 0), 1)
        let final = (0..<n).map { weight * llmNorm[$0] + (1 - weight) * recallNorm[$0] }
        let finalOrder = (0..<n).sorted { a, b in
            if final[a] != final[b] { return final[a] > final[b] }
            if let ra = llmRank[a], let rb = llmRank[b], weight > 0, ra != rb { return ra < rb }
            return a < b
        }
        let items = finalOrder.enumerated().map { rank, index in
            RerankedItem(
                index: candidates[index].index, id: candidates[index].item.id, recallRank: index + 1, llmRank: llmRank[index],
                finalRank: rank + 1, recallScore: recall[index], llmScore: judgement.scores[index], finalScore: final[index])
        }
        var warnings = judgement.warnings
        if scored.isEmpty, n > 0 { warnings.append("the LLM scored no candidate: recall order kept") }
        return RerankOutcome(
            strategy: strategy, items: items, fellBackToRecall: scored.isEmpty && n > 0, warnings: warnings,
            templateHash: judgement.templateHash, promptTokens: judgement.promptTokens,
            completionTokens: judgement.completionTokens, requests: judgement.requests, latencySeconds: 0)
    }

    /// `values` mapped onto 0...1 (all zero when they are all equal).
    static func normalise(_ values: [Double]) -> [Double] {
        guard let low = values.min(), let high = values.max(), high > low else { return values.map { _ in 0 } }
        return values.map { ($0 - low) / (high - low) }
    }
}

extension RerankOutcome {
    /// The same LLM scores blended with recall at another weight (the prompt lab sweeps
    /// weights this way, from one pass). A pass that fell back stays in recall order.
    public func reblended(llmWeight: Double) -> RerankOutcome {
        let byRecall = items.sorted { $0.recallRank < $1.recallRank }
        let candidates = byRecall.map { RerankCandidate(index: $0.index, item: .placeholder(id: $0.id), recallScore: Float($0.recallScore)) }
        var judgement = Judgement(scores: byRecall.map(\.llmScore), templateHash: templateHash)
        judgement.warnings = warnings
        var outcome = Self.assemble(strategy: strategy, candidates: candidates, judgement: judgement, llmWeight: llmWeight)
        outcome.fellBackToRecall = fellBackToRecall
        outcome.warnings = warnings
        outcome.promptTokens = promptTokens
        outcome.completionTokens = completionTokens
        outcome.requests = requests
        outcome.latencySeconds = latencySeconds
        return outcome
    }
}
