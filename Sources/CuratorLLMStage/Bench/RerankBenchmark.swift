import CuratorCore
import CuratorLLM
import CuratorRecall
import Foundation

/// Measures the rerank strategies on held-out users: ranking quality against the recall-only
/// list, valid-output rate, latency and tokens; and the verbalizer's cost against a
/// prompt-only request of the same prompt (one pass, no log-probabilities).
public struct RerankBenchmark: Sendable {
    /// One evaluated user: history, recall candidates (best first) and the held-out item.
    public struct UserCase: Sendable {
        public var history: [Int32]
        public var recall: [ScoredItem]
        public var target: Int32
        public init(history: [Int32], recall: [ScoredItem], target: Int32) {
            self.history = history
            self.recall = recall
            self.target = target
        }
    }

    /// The figures of one strategy.
    public struct StrategyResult: Sendable, Codable {
        public var strategy: String
        public var users: Int
        /// NDCG@10 of the reranked list and of the recall-only list, same users and candidates.
        public var ndcg10: Double
        public var recallNDCG10: Double
        /// Share of users whose answer was usable as it came / fell back to recall.
        public var validOutputRate: Double
        public var fallBackRate: Double
        public var latencyP50Seconds: Double
        public var latencyP95Seconds: Double
        public var promptTokensPerUser: Double
        public var completionTokensPerUser: Double
        public var requestsPerUser: Double
    }

    /// The verbalizer beside a prompt-only request of the same prompt.
    public struct PassCost: Sendable, Codable {
        public var pairs: Int
        public var verbalizerP50Seconds: Double
        public var promptOnlyP50Seconds: Double
        /// Median over users of verbalizer ÷ prompt-only latency (each pair measured back to back).
        public var medianRatio: Double
    }

    public let stage: LLMStage
    public let catalog: [Item]

    public init(stage: LLMStage, catalog: [Item]) {
        self.stage = stage
        self.catalog = catalog
    }

    /// Runs `strategy` over `cases`; `progress` receives (done, total).
    public func measure(_ strategy: RerankStrategy, cases: [UserCase], progress: @Sendable (Int, Int) -> Void = { _, _ in }) async -> StrategyResult {
        let reranker = stage.reranker(strategy)
        var ndcg = 0.0, recallNDCG = 0.0, valid = 0, fellBack = 0, prompt = 0, completion = 0, requests = 0
        var latencies: [Double] = []
        for (done, user) in cases.enumerated() {
            let request = stage.request(history: user.history, recall: user.recall, catalog: catalog)
            let outcome = await reranker.rerank(request, llmWeight: stage.configuration.llmWeight)
            ndcg += RankingMetrics.ndcg(outcome.order, relevant: [user.target], k: 10)
            recallNDCG += RankingMetrics.ndcg(request.candidates.map(\.index), relevant: [user.target], k: 10)
            valid += outcome.validOutput ? 1 : 0
            fellBack += outcome.fellBackToRecall ? 1 : 0
            prompt += outcome.promptTokens
            completion += outcome.completionTokens
            requests += outcome.requests
            latencies.append(outcome.latencySeconds)
            progress(done + 1, cases.count)
        }
        let n = Double(max(cases.count, 1))
        return StrategyResult(
            strategy: reranker.name, users: cases.count, ndcg10: ndcg / n, recallNDCG10: recallNDCG / n,
            validOutputRate: Double(valid) / n, fallBackRate: Double(fellBack) / n,
            latencyP50Seconds: Self.quantile(latencies, 0.5), latencyP95Seconds: Self.quantile(latencies, 0.95),
            promptTokensPerUser: Double(prompt) / n, completionTokensPerUser: Double(completion) / n, requestsPerUser: Double(requests) / n)
    }

    /// The verbalizer pass against the same prompt sent with one token and no log-probabilities,
    /// each pair back to back, prompt caching off for both.
    /// - Throws: `LLMError` or `PromptError` when the prompt-only request fails.
    public func passCost(cases: [UserCase]) async throws -> PassCost {
        let verbalizer = VerbalizerReranker(client: stage.client, prompts: stage.prompts, values: PromptValues(historyLimit: stage.configuration.historyLimit), cachePrompt: false)
        var ratios: [Double] = [], verbalizerTimes: [Double] = [], promptTimes: [Double] = []
        let clock = ContinuousClock()
        for user in cases {
            let request = stage.request(history: user.history, recall: user.recall, catalog: catalog)
            let outcome = await verbalizer.rerank(request)
            let rendered = try verbalizer.prompt(request, order: Array(request.candidates.indices))
            let start = clock.now
            _ = try await stage.client.chat([.user(rendered.text)], options: GenerationOptions(maxTokens: 1, temperature: 0, extra: ["cache_prompt": false]))
            let promptOnly = (clock.now - start).seconds
            guard !outcome.fellBackToRecall else { continue }
            verbalizerTimes.append(outcome.latencySeconds)
            promptTimes.append(promptOnly)
            ratios.append(outcome.latencySeconds / promptOnly)
        }
        return PassCost(pairs: ratios.count, verbalizerP50Seconds: Self.quantile(verbalizerTimes, 0.5),
                        promptOnlyP50Seconds: Self.quantile(promptTimes, 0.5), medianRatio: Self.quantile(ratios, 0.5))
    }

    /// The `q` quantile (nearest rank) of `values`; 0 when empty, as JSON has no NaN.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        values.isEmpty ? 0 : Percentile.nearestRank(values, q)
    }
}
