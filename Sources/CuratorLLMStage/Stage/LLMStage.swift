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
    /// 1: order by the LLM alone; 0: by recall alone (and the LLM is not asked); between: a
    /// blend. Products take it from the calibration record (`apply(_:key:)`).
    public var llmWeight = 1.0
    /// How many recent history items the prompts show.
    public var historyLimit = 10
    /// Whether to write explanations.
    public var explain = true
    /// Who writes the explanations: the LLM (each checked, a failing one replaced by a
    /// grounded one) or the code alone.
    public var explanations: ExplanationSource = .llm
    /// One deadline for all the LLM work of a run (rerank and every explanation).
    public var deadline: Duration = .seconds(30)
    /// Let llama.cpp reuse cached prompt prefixes.
    public var cachePrompt = true
    /// What decided the weight and the explanations (`nil`: set by hand).
    public var decider: Decider?

    public init() {}
}

/// The final list: the rerank outcome and an explanation per shown item.
public struct StageResult: Sendable, Codable {
    public var outcome: RerankOutcome
    /// Parallel to the first `count` items of `outcome.items` (empty when explaining is off).
    public var explanations: [Explanation]
    /// Why the stage stopped asking the LLM, when it did (deadline, a failing server).
    public var stopped: String?
}

/// One item to explain, and the facts its grounded explanation rests on.
public struct ExplanationSubject: Sendable, Equatable {
    public var item: Int32
    /// The history item it is tied to (`nil`: none; then it is not sent to the LLM).
    public var anchor: Int32?
    /// Whether the anchor came from the recall signal (rather than shared genres).
    public var fromSignal: Bool
    /// The conversation's wishes the item meets.
    public var wishes: [String]
    /// No anchor, and the list came from the user's words.
    public var fromWords: Bool
    /// The anchor was asked for more like of, not said to be liked ("what about Titanic?").
    public var anchorAsked: Bool

    public init(item: Int32, anchor: Int32?, fromSignal: Bool = true, wishes: [String] = [], fromWords: Bool = false, anchorAsked: Bool = false) {
        self.item = item
        self.anchor = anchor
        self.fromSignal = fromSignal
        self.wishes = wishes
        self.fromWords = fromWords
        self.anchorAsked = anchorAsked
    }
}

/// The LLM stage: recall candidates in, the final explained list out. Every caller
/// (`recommend --llm`, the chat's `LLMAssistant`, benchmarks) goes through `run`. It degrades
/// to the recall order when the model fails or the deadline passes, and says so; no sentence
/// of the model is shown before `FaithfulnessCheck` passed it.
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

    /// Reranks the recall list and explains the first `count` items: the one entry of the stage.
    /// - Parameters:
    ///   - history: the user's items, oldest first.
    ///   - recall: candidates, best first (more than `candidateCount` are cut).
    ///   - catalog: item metadata by index.
    ///   - count: how many items to explain.
    ///   - anchorModel: the recall model whose signal picks each explanation's anchor.
    ///   - chatRequest: the user's words this turn, if any.
    ///   - subjects: what to explain instead of anchors chosen here (the chat passes its own,
    ///     with the wishes each item meets); by item.
    ///   - budget: the turn's deadline (default: a new one of `configuration.deadline`).
    ///   - grounded: the grounded explainer of `catalog`, when the caller holds one: it reads every
    ///     description once, which a conversation should not redo each turn.
    ///   - onRanked: the final order, before any explanation.
    ///   - onText: (position in the final list, shown text), once per item, after its check.
    public func run(
        history: [Int32], recall: [ScoredItem], catalog: [Item], count: Int, anchorModel: (any RecallModel)? = nil,
        chatRequest: String? = nil, subjects: [Int32: ExplanationSubject] = [:], budget: TurnBudget? = nil,
        grounded: GroundedExplainer? = nil,
        onRanked: @Sendable (RerankOutcome) -> Void = { _ in }, onText: @Sendable (Int, String) -> Void = { _, _ in }
    ) async -> StageResult {
        let budget = budget ?? TurnBudget(limit: configuration.deadline)
        let request = request(history: history, recall: recall, catalog: catalog, chatRequest: chatRequest)
        let outcome: RerankOutcome
        if configuration.llmWeight <= 0 {
            outcome = RerankOutcome.recallOrder(request.candidates)
        } else {
            outcome = await reranker().rerank(request, llmWeight: configuration.llmWeight, budget: budget)
        }
        onRanked(outcome)
        guard configuration.explain, !history.isEmpty else { return StageResult(outcome: outcome, explanations: [], stopped: budget.stopped) }
        let shown = outcome.items.prefix(count).map(\.index)
        let chosen = self.subjects(for: shown, history: history, catalog: catalog, anchorModel: anchorModel)
        let explanations = await explain(shown.enumerated().map { subjects[$1] ?? chosen[$0] }, history: history, catalog: catalog,
                                         budget: budget, grounded: grounded, onText: onText)
        return StageResult(outcome: outcome, explanations: explanations, stopped: budget.stopped)
    }

    /// The subjects of `items` by the one anchor rule (`AnchorSelector`): the recall signal's
    /// anchor, else the history item sharing the most genres.
    public func subjects(for items: [Int32], history: [Int32], catalog: [Item], anchorModel: (any RecallModel)?) -> [ExplanationSubject] {
        let selector = AnchorSelector(model: anchorModel)
        let signal = selector.signalAnchors(history: history, candidates: items)
        let anchors = selector.anchors(history: history, candidates: items, catalog: catalog)
        return items.indices.map { ExplanationSubject(item: items[$0], anchor: anchors[$0], fromSignal: signal[$0] != nil) }
    }

    /// Explains `subjects` one after the other: with the LLM when configured (each sentence
    /// checked before it is passed on), else, or when the check fails or the budget is spent,
    /// with a grounded one.
    /// - Parameter onText: (position, shown text) once per subject, in order.
    public func explain(
        _ subjects: [ExplanationSubject], history: [Int32], catalog: [Item], budget: TurnBudget? = nil,
        grounded: GroundedExplainer? = nil, onText: @Sendable (Int, String) -> Void = { _, _ in }
    ) async -> [Explanation] {
        let budget = budget ?? TurnBudget(limit: configuration.deadline)
        let grounded = grounded ?? GroundedExplainer(catalog: catalog)
        let explainer = Explainer(client: client, prompts: prompts, values: values)
        let check = configuration.explanations == .llm ? FaithfulnessCheck(catalog: catalog) : nil
        var explanations: [Explanation] = []
        for (position, subject) in subjects.enumerated() {
            var explanation = grounded.explain(
                candidate: subject.item, anchor: subject.anchor, fromSignal: subject.fromSignal, wishes: subject.wishes,
                fromWords: subject.fromWords, anchorAsked: subject.anchorAsked)
            if let check, let anchor = subject.anchor {
                if let stopped = budget.stopped {
                    explanation.warning = "not asked: \(stopped)"
                } else if Task.isCancelled {
                    explanation.warning = "not asked: interrupted"
                } else {
                    explanation = await self.explain(
                        subject, anchor: anchor, fallback: explanation, explainer: explainer, check: check, history: history,
                        catalog: catalog, budget: budget)
                }
            }
            onText(position, explanation.text)
            explanations.append(explanation)
        }
        return explanations
    }

    /// The LLM's explanation of one subject if it passes the check, else `fallback` saying why.
    func explain(
        _ subject: ExplanationSubject, anchor: Int32, fallback: Explanation, explainer: Explainer, check: FaithfulnessCheck,
        history: [Int32], catalog: [Item], budget: TurnBudget
    ) async -> Explanation {
        var result = fallback
        do {
            let candidate = catalog[Int(subject.item)], anchorItem = catalog[Int(anchor)]
            let draft = try await budget.run { try await explainer.draft(candidate: candidate, anchor: anchorItem) }
            result.templateHash = draft.templateHash
            let verdict = check.check(draft.sentence, recommended: subject.item, anchor: anchor, history: history, prompt: draft.prompt)
            result.verdict = verdict
            if verdict.passed {
                result.sentence = draft.sentence
                result.text = "\(GroundedExplainer.lead(anchor: anchorItem, asked: subject.anchorAsked)): \(draft.sentence)"
                result.source = .llm
            } else {
                result.rejectedSentence = draft.sentence
                result.warning = "the LLM's sentence failed the check (\(verdict.failures.map(\.description).joined(separator: "; ")))"
            }
        } catch {
            result.warning = "no LLM explanation: \(error)"
        }
        return result
    }
}

extension RerankOutcome {
    /// The recall order as an outcome (the stage with the rerank off: no LLM asked).
    static func recallOrder(_ candidates: [RerankCandidate]) -> RerankOutcome {
        var outcome = assemble(
            strategy: "recall", candidates: candidates,
            judgement: Judgement(scores: Array(repeating: nil, count: candidates.count), templateHash: ""), llmWeight: 0)
        outcome.fellBackToRecall = false
        outcome.warnings = []
        return outcome
    }
}
