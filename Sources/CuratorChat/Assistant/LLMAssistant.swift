import CuratorCore
import CuratorLLM
import CuratorPipeline
import CuratorRecall

/// Puts the LLM stage into a conversation: reranks a reply's candidate pool for the session's
/// liked films and the user's words, and streams a grounded explanation under each item.
/// Whatever goes wrong (the server is down, slow, or answers nonsense, or the user presses
/// Ctrl-C), the reply keeps its recall order and says the LLM step was skipped.
public struct LLMAssistant: Sendable {
    public var stage: LLMStage
    public let catalog: [Item]
    public let items: IDMap
    /// The recall model whose item–item signal picks each explanation's anchor.
    public let anchorModel: any RecallModel

    public init(stage: LLMStage, catalog: [Item], items: IDMap, anchorModel: any RecallModel) {
        self.stage = stage
        self.catalog = catalog
        self.items = items
        self.anchorModel = anchorModel
    }

    /// What happened to a reply in the LLM stage, for `/debug` and benchmarks.
    public struct Trace: Sendable {
        public var rerankSeconds: Double = 0
        public var promptTokens = 0
        public var completionTokens = 0
        public var skipped: String?
        public var templateHash = ""
    }

    /// Reranks and explains `reply`.
    /// - Parameters:
    ///   - request: the user's words this turn (the prompt's chat request).
    ///   - onRanked: called once the final order is known, before any explanation.
    ///   - onText: (position in the list, text) as explanations stream.
    /// - Returns: the reply in its final order with explanations as reasons, and a trace.
    public func refine(
        _ reply: ChatReply, session: ChatSession, request: String?, listSize: Int,
        onRanked: @Sendable ([ChatReply.Entry]) -> Void = { _ in },
        onText: @Sendable (Int, String) -> Void = { _, _ in }
    ) async -> (ChatReply, Trace) {
        var reply = reply, trace = Trace()
        let pool = reply.candidates.isEmpty ? reply.entries : reply.candidates
        guard !pool.isEmpty else { return (reply, trace) }
        let history = session.liked.compactMap(items.index(of:))
        let recall = pool.compactMap { entry in items.index(of: entry.id).map { ScoredItem(item: $0, score: entry.score) } }
        let rerankRequest = stage.request(history: history, recall: recall, catalog: catalog, chatRequest: request)
        let outcome = await stage.reranker().rerank(rerankRequest, llmWeight: stage.configuration.llmWeight)
        trace.rerankSeconds = outcome.latencySeconds
        trace.promptTokens = outcome.promptTokens
        trace.completionTokens = outcome.completionTokens
        trace.templateHash = outcome.templateHash
        if Task.isCancelled {
            trace.skipped = "interrupted"
            reply.notes.append("LLM step interrupted: the list is in recall order")
            onRanked(reply.entries)
            return (reply, trace)
        }
        if outcome.fellBackToRecall {
            trace.skipped = outcome.warnings.first ?? "the LLM gave no usable answer"
            reply.notes.append("LLM step skipped (\(Self.short(trace.skipped!))): the list is in recall order")
            onRanked(reply.entries)
            return (reply, trace)
        }
        let byID = Dictionary(pool.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        reply.entries = outcome.items.prefix(listSize).enumerated().compactMap { position, ranked in
            guard var entry = byID[ranked.id] else { return nil }
            entry.position = position + 1
            return entry
        }
        onRanked(reply.entries)
        guard stage.configuration.explain, !history.isEmpty else { return (reply, trace) }
        let explanations = await stage.explain(
            outcome, history: history, catalog: catalog, count: reply.entries.count, anchorModel: anchorModel, onText: onText)
        for (index, explanation) in explanations.enumerated() where index < reply.entries.count {
            reply.entries[index].reason = explanation.text
            reply.entries[index].anchorID = explanation.anchorID
        }
        if Task.isCancelled { reply.notes.append("explanations interrupted") }
        return (reply, trace)
    }

    private static func short(_ text: String) -> String {
        text.count > 90 ? String(text.prefix(87)) + "…" : text
    }
}
