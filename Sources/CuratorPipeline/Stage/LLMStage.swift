import CuratorCore
import CuratorLLM
import CuratorRecall

/// How the LLM stage runs.
public struct LLMStageConfiguration: Sendable, Equatable {
    /// The rerank strategy.
    public var strategy: RerankStrategy = .verbalizer
    /// The strategy each bootstrap round runs (verbalizer or listwise).
    public var bootstrapBase: RerankStrategy = .verbalizer
    /// Bootstrap rounds (shuffled orders).
    public var bootstrapRounds = 3
    /// Seeds the bootstrap shuffles.
    public var seed: UInt64 = 42
    /// How many recall candidates the LLM reranks (at most 26 for the verbalizer's letters).
    public var candidateCount = 20
    /// 1: order by the LLM alone; 0: by recall alone; between: a blend.
    public var llmWeight = 1.0
    /// How many recent history items the prompts show.
    public var historyLimit = 10
    /// Whether to write explanations.
    public var explain = true
    /// Let llama.cpp reuse cached prompt prefixes.
    public var cachePrompt = true

    public init() {}
}

/// The final list: the rerank outcome and an explanation per shown item.
public struct StageResult: Sendable, Codable {
    public var outcome: RerankOutcome
    /// Parallel to the first `count` items of `outcome.items` (empty when explaining is off).
    public var explanations: [Explanation]
}

/// The LLM stage: recall candidates in, the final explained list out. It degrades to the
/// recall order when the model fails, and says so in the outcome.
public struct LLMStage: Sendable {
    public let client: LLMClient
    public let prompts: PromptLibrary
    public let configuration: LLMStageConfiguration
    let labels: LabelCheck

    public init(client: LLMClient, prompts: PromptLibrary, configuration: LLMStageConfiguration = LLMStageConfiguration()) {
        self.client = client
        self.prompts = prompts
        self.configuration = configuration
        self.labels = LabelCheck(client: client)
    }

    var values: PromptValues { PromptValues(historyLimit: configuration.historyLimit) }

    /// The reranker of `strategy` (default: the configured one).
    public func reranker(_ strategy: RerankStrategy? = nil) -> any Reranker {
        switch strategy ?? configuration.strategy {
        case .verbalizer:
            return VerbalizerReranker(client: client, prompts: prompts, values: values, labels: labels, cachePrompt: configuration.cachePrompt)
        case .listwise:
            return ListwiseReranker(client: client, prompts: prompts, values: values, cachePrompt: configuration.cachePrompt)
        case .bootstrap:
            let base = configuration.bootstrapBase == .bootstrap ? .verbalizer : configuration.bootstrapBase
            return BootstrapReranker(base: reranker(base), rounds: configuration.bootstrapRounds, seed: configuration.seed)
        }
    }

    /// The rerank request for `history` and the recall list (best first), truncated to `candidateCount`.
    public func request(history: [Int32], recall: [ScoredItem], catalog: [Item], chatRequest: String? = nil) -> RerankRequest {
        RerankRequest(
            history: history.map { catalog[Int($0)] },
            candidates: recall.prefix(configuration.candidateCount).map {
                RerankCandidate(index: $0.item, item: catalog[Int($0.item)], recallScore: $0.score)
            },
            chatRequest: chatRequest)
    }

    /// Reranks the recall list and explains the first `count` items.
    /// - Parameters:
    ///   - history: the user's items, oldest first.
    ///   - recall: candidates, best first (more than `candidateCount` are cut).
    ///   - catalog: item metadata by index.
    ///   - count: how many items to explain.
    ///   - anchorModel: the recall model whose signal picks each explanation's anchor.
    ///   - onText: receives (position in the final list, text) as explanations stream.
    public func run(
        history: [Int32], recall: [ScoredItem], catalog: [Item], count: Int, anchorModel: (any RecallModel)? = nil,
        chatRequest: String? = nil, onText: @Sendable (Int, String) -> Void = { _, _ in }
    ) async -> StageResult {
        let request = request(history: history, recall: recall, catalog: catalog, chatRequest: chatRequest)
        let outcome = await reranker().rerank(request, llmWeight: configuration.llmWeight)
        guard configuration.explain else { return StageResult(outcome: outcome, explanations: []) }
        let explanations = await explain(
            outcome, history: history, catalog: catalog, count: count, anchorModel: anchorModel, onText: onText)
        return StageResult(outcome: outcome, explanations: explanations)
    }

    /// Explains the first `count` items of `outcome`, one after the other (so a terminal can
    /// print each item, then stream its explanation).
    /// - Parameter onText: receives (position in the final list, text) as explanations stream.
    public func explain(
        _ outcome: RerankOutcome, history: [Int32], catalog: [Item], count: Int, anchorModel: (any RecallModel)? = nil,
        onText: @Sendable (Int, String) -> Void = { _, _ in }
    ) async -> [Explanation] {
        guard !history.isEmpty else { return [] }
        let shown = outcome.items.prefix(count).map(\.index)
        let anchors = AnchorSelector(model: anchorModel).anchors(history: history, candidates: shown, catalog: catalog)
        let explainer = Explainer(client: client, prompts: prompts, values: values)
        var explanations: [Explanation] = []
        for (position, item) in shown.enumerated() {
            explanations.append(await explainer.explain(
                candidate: catalog[Int(item)], anchor: catalog[Int(anchors[position])], onText: { onText(position, $0) }))
        }
        return explanations
    }
}
