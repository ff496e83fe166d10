import CuratorCore
import Foundation

/// A way to order recall candidates with a language model.
///
/// Strategies implement `judge` (one pass over the candidates presented in a given order);
/// `rerank` adds what every strategy shares: timing, validation into a permutation, the
/// fall-back to the recall order when the pass fails, and the blend with recall scores.
public protocol Reranker: Sendable {
    /// The strategy's name (`verbalizer`, `listwise`, `bootstrap`).
    var name: String { get }

    /// Scores the candidates presented in `order`.
    /// - Parameters:
    ///   - request: the user and the candidates (in recall order).
    ///   - order: a permutation of `request.candidates.indices`: the order the prompt lists them in.
    /// - Returns: scores indexed like `request.candidates`, never like `order`.
    /// - Throws: `RerankError` or `LLMError` when the pass gives nothing usable.
    func judge(_ request: RerankRequest, order: [Int]) async throws -> Judgement
}

/// The rerank strategies, as `--strategy` names them.
public enum RerankStrategy: String, Sendable, CaseIterable, Codable {
    case verbalizer, listwise, bootstrap
}

extension Reranker {
    /// Reranks `request.candidates`; never fails: a failed pass leaves the recall order and says so.
    /// - Parameters:
    ///   - request: the user and the candidates.
    ///   - llmWeight: 1 orders by the LLM alone, 0 by recall alone; between, min–max normalised
    ///     scores are blended.
    ///   - budget: the turn's LLM deadline, when the pass is part of one (the pass is cut when it passes).
    public func rerank(_ request: RerankRequest, llmWeight: Double = 1, budget: TurnBudget? = nil) async -> RerankOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let judgement: Judgement
        var failure: String?
        do {
            let order = Array(request.candidates.indices)
            if let budget {
                judgement = try await budget.run { try await self.judge(request, order: order) }
            } else {
                judgement = try await judge(request, order: order)
            }
        } catch {
            failure = "\(error)"
            judgement = Judgement(scores: Array(repeating: nil, count: request.candidates.count), templateHash: "")
        }
        var outcome = RerankOutcome.assemble(
            strategy: name, candidates: request.candidates, judgement: judgement, llmWeight: llmWeight)
        if let failure {
            outcome.fellBackToRecall = true
            outcome.warnings = ["the LLM pass failed, recall order kept: \(failure)"]
        }
        outcome.latencySeconds = (clock.now - start).seconds
        return outcome
    }
}
