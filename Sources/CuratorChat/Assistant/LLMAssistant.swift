import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorRecall
import Synchronization

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
    /// The catalog's grounded explainer, read once for the conversation, not each turn.
    let grounded: GroundedExplainer

    public init(stage: LLMStage, catalog: [Item], items: IDMap, anchorModel: any RecallModel) {
        self.stage = stage
        self.catalog = catalog
        self.items = items
        self.anchorModel = anchorModel
        grounded = GroundedExplainer(catalog: catalog)
    }

    /// What happened to a reply in the LLM stage, for `/debug` and benchmarks.
    public struct Trace: Sendable {
        public var rerankSeconds: Double = 0
        public var promptTokens = 0
        public var completionTokens = 0
        public var skipped: String?
        public var templateHash = ""
        /// What decided the weight and the explanations (the calibration record, or none).
        public var decider: String?
        /// Explanations by source, and LLM sentences the faithfulness check turned down.
        public var llmExplanations = 0
        public var groundedExplanations = 0
        public var rejected: [String] = []
    }

    /// Reranks and explains `reply` through `LLMStage.run`.
    /// - Parameters:
    ///   - request: the user's words this turn (the prompt's chat request).
    ///   - budget: the turn's LLM deadline (default: the stage's `deadline` from now); pass the
    ///     one the turn's reading used, so the turn has one deadline in all.
    ///   - onRanked: called once the final order is known, before any explanation.
    ///   - onText: (position in the list, text) once per item, after the text passed the
    ///     faithfulness check (explanations are gathered whole, checked, then released).
    /// - Returns: the reply in its final order with explanations as reasons, and a trace.
    public func refine(
        _ reply: ChatReply, session: ChatSession, request: String?, listSize: Int, budget: TurnBudget? = nil,
        onRanked: @Sendable ([ChatReply.Entry]) -> Void = { _ in },
        onText: @Sendable (Int, String) -> Void = { _, _ in }
    ) async -> (ChatReply, Trace) {
        var reply = reply, trace = Trace()
        trace.decider = stage.configuration.deciderNotice
        let pool = reply.candidates.isEmpty ? reply.entries : reply.candidates
        guard !pool.isEmpty else { return (reply, trace) }
        let configuration = stage.configuration
        // Nothing for the LLM to do: the engine's list and its grounded reasons stand.
        if configuration.llmWeight <= 0 && (configuration.explanations == .grounded || !configuration.explain) {
            onRanked(reply.entries)
            for (position, entry) in reply.entries.enumerated() { onText(position, entry.reason) }
            return (reply, trace)
        }
        let history = session.steering.compactMap(items.index(of:))
        let liked = Set(session.liked)
        let recall = pool.compactMap { entry in items.index(of: entry.id).map { ScoredItem(item: $0, score: entry.score) } }
        var subjects: [Int32: ExplanationSubject] = [:]
        for entry in pool {
            guard let index = items.index(of: entry.id) else { continue }
            subjects[index] = ExplanationSubject(
                item: index, anchor: entry.anchorID.flatMap(items.index(of:)), wishes: entry.wishesMet, fromWords: entry.fromWords,
                anchorAsked: entry.anchorID.map { !liked.contains($0) } ?? false)
        }
        let byID = Dictionary(pool.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ranked = Mutex<[ChatReply.Entry]>([])
        let recallEntries = reply.entries
        let result = await stage.run(
            history: history, recall: recall, catalog: catalog, count: listSize, anchorModel: anchorModel, chatRequest: request,
            subjects: subjects, budget: budget, grounded: grounded,
            onRanked: { outcome in
                let entries = Self.entries(outcome.fellBackToRecall ? recallEntries : outcome.items.map(\.id).compactMap { byID[$0] }, listSize)
                ranked.withLock { $0 = entries }
                onRanked(entries)
            },
            onText: onText)
        let outcome = result.outcome
        trace.rerankSeconds = outcome.latencySeconds
        trace.promptTokens = outcome.promptTokens
        trace.completionTokens = outcome.completionTokens
        trace.templateHash = outcome.templateHash
        reply.entries = ranked.withLock { $0 }
        if Task.isCancelled {
            trace.skipped = "interrupted"
            reply.notes.append("LLM step interrupted" + (outcome.fellBackToRecall ? ": the list is in recall order" : ""))
        } else if outcome.fellBackToRecall {
            trace.skipped = outcome.warnings.first ?? "the LLM gave no usable answer"
            reply.notes.append("LLM step skipped (\(Conversation.Fallback.brief(trace.skipped!))): the list is in recall order")
        }
        if result.explanations.isEmpty {
            // Nothing explained (no liked film yet): each item keeps the engine's grounded reason.
            for (position, entry) in reply.entries.enumerated() { onText(position, entry.reason) }
        }
        for (index, explanation) in result.explanations.enumerated() where index < reply.entries.count {
            reply.entries[index].reason = explanation.text
            reply.entries[index].anchorID = explanation.anchorID.isEmpty ? nil : explanation.anchorID
            if explanation.source == .llm { trace.llmExplanations += 1 } else { trace.groundedExplanations += 1 }
            if let rejected = explanation.rejectedSentence { trace.rejected.append(rejected) }
        }
        if let stopped = result.stopped, !outcome.fellBackToRecall, configuration.explanations == .llm {
            reply.notes.append("LLM explanations cut short (\(Conversation.Fallback.brief(stopped))): the rest are grounded")
        }
        if !trace.rejected.isEmpty { reply.notes.append(FaithfulnessCheck.note(rejected: trace.rejected.count)) }
        return (reply, trace)
    }

    /// The first `count` of `entries`, numbered from 1.
    static func entries(_ entries: [ChatReply.Entry], _ count: Int) -> [ChatReply.Entry] {
        entries.prefix(count).enumerated().map { position, entry in
            var entry = entry
            entry.position = position + 1
            return entry
        }
    }

}
