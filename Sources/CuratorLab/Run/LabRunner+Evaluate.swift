import CuratorCore
import CuratorEval
import CuratorLLM
import CuratorLLMStage

extension LabRunner {
    /// Reranks one user's candidates in one cell (in recall order, then shuffled when the grid
    /// measures position bias) and scores the lists.
    func evaluate(_ user: LabCase, in cell: LabCell, key: String, model: String, labels: LabelCheck) async -> UserResult {
        let request = RerankRequest(
            history: user.history.map { catalog[Int($0)] },
            candidates: user.recall.prefix(cell.candidates).map {
                RerankCandidate(index: $0.item, item: catalog[Int($0.item)], recallScore: $0.score)
            })
        let ledger = PassLedger()
        let reranker = reranker(for: cell, model: model, labels: labels, ledger: ledger)
        let outcome = await reranker.rerank(request)
        let relevant = user.relevant
        let recallOrder = request.candidates.map(\.index)
        var result = UserResult(
            cell: key, user: user.user,
            ndcg10: RankingMetrics.ndcg(outcome.order, relevant: relevant, k: 10),
            hitRate10: RankingMetrics.hitRate(outcome.order, relevant: relevant, k: 10),
            reciprocalRank: RankingMetrics.reciprocalRank(outcome.order, relevant: relevant, k: outcome.order.count),
            recallNDCG10: RankingMetrics.ndcg(recallOrder, relevant: relevant, k: 10),
            recallHitRate10: RankingMetrics.hitRate(recallOrder, relevant: relevant, k: 10),
            recallReciprocalRank: RankingMetrics.reciprocalRank(recallOrder, relevant: relevant, k: recallOrder.count),
            validOutput: outcome.validOutput, fellBack: outcome.fellBackToRecall,
            firstShownPickedFirst: Self.firstShownPickedFirst(outcome, shown: request),
            promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens, requests: outcome.requests,
            latencySeconds: 0, cachedPasses: 0, freshPasses: 0)
        if grid.measurePositionBias {
            var generator = SeededGenerator.stream(grid.seed, user.user)
            var shuffled = request
            shuffled.candidates.shuffle(using: &generator)
            let other = await reranker.rerank(shuffled)
            result.shuffledNDCG10 = RankingMetrics.ndcg(other.order, relevant: relevant, k: 10)
            result.shuffledFirstShownPickedFirst = Self.firstShownPickedFirst(other, shown: shuffled)
            result.promptTokens += other.promptTokens
            result.completionTokens += other.completionTokens
            result.requests += other.requests
        }
        result.ndcg10ByWeight = grid.weights.map { RankingMetrics.ndcg(outcome.reblended(llmWeight: $0).order, relevant: relevant, k: 10) }
        if let phase = user.validation {
            let earlier = RerankRequest(
                history: phase.history.map { catalog[Int($0)] },
                candidates: phase.recall.prefix(cell.candidates).map {
                    RerankCandidate(index: $0.item, item: catalog[Int($0.item)], recallScore: $0.score)
                })
            let judged = await reranker.rerank(earlier)
            result.validationNDCG10ByWeight = grid.weights.map {
                RankingMetrics.ndcg(judged.reblended(llmWeight: $0).order, relevant: phase.relevant, k: 10)
            }
            result.validationRecallNDCG10 = RankingMetrics.ndcg(earlier.candidates.map(\.index), relevant: phase.relevant, k: 10)
            result.validationValidOutput = judged.validOutput
            result.promptTokens += judged.promptTokens
            result.completionTokens += judged.completionTokens
            result.requests += judged.requests
        }
        if explains(user), let first = outcome.items.first {
            await explainFirst(first.index, for: user, into: &result, model: model, endpoint: cell.endpoint, ledger: ledger)
        }
        result.latencySeconds = ledger.seconds
        result.cachedPasses = ledger.cachedPasses
        result.freshPasses = ledger.freshPasses
        return result
    }

    /// Whether `user` is among the first `explainedUsers` of the sample (their order is the cases').
    func explains(_ user: LabCase) -> Bool {
        explainedUsers.contains(user.user)
    }

    /// The LLM's explanation of `item` for `user` (through the response cache), checked, and
    /// the grounded explanation of the same item checked the same way.
    func explainFirst(_ item: Int32, for user: LabCase, into result: inout UserResult, model: String, endpoint name: String, ledger: PassLedger) async {
        guard !user.history.isEmpty else { return }
        let anchor = user.anchors[item]
            ?? AnchorSelector().anchors(history: user.history, candidates: [item], catalog: catalog)[0]
        let endpoint = grid.endpoints.first { $0.name == name }!
        let explainer = Explainer(client: clients[name]!, prompts: prompts)
        let check = FaithfulnessCheck(catalog: catalog, titles: titles)
        do {
            let rendered = try explainer.prompt(candidate: catalog[Int(item)], anchor: catalog[Int(anchor)])
            let modelKey = "\(endpoint.identity ?? endpoint.url.absoluteString)|\(model)"
            let input = rendered.text + "\n\u{1F}explain maxTokens=\(explainer.maxTokens) temperature=0 seed=0"
            let sentence: String
            if let stored = try cache.value(model: modelKey, templateHash: rendered.templateHash, input: input) {
                sentence = stored
                ledger.add(seconds: 0, cached: true)
            } else {
                let clock = ContinuousClock(), start = clock.now
                sentence = try await explainer.draft(rendered).sentence
                let elapsed = clock.now - start
                ledger.add(seconds: elapsed.seconds, cached: false)
                try cache.store(sentence, model: modelKey, templateHash: rendered.templateHash, input: input)
            }
            let verdict = check.check(sentence, recommended: item, anchor: anchor, history: user.history, prompt: rendered.text)
            result.explanation = sentence
            result.explanationFailures = verdict.failures.map(\.description)
            let grounded = GroundedExplainer(catalog: catalog).sentence(candidate: item, anchor: anchor, fromSignal: user.anchors[item] != nil)
            result.grounded = grounded
            result.groundedPassed = check.check(grounded, recommended: item, anchor: anchor, history: user.history, prompt: rendered.text).passed
        } catch {
            // No sentence (the server failed): not counted either way.
        }
    }

    /// Whether the LLM ranked the first candidate shown first; `nil` when its pass fell back.
    static func firstShownPickedFirst(_ outcome: RerankOutcome, shown request: RerankRequest) -> Bool? {
        guard !outcome.fellBackToRecall, let first = request.candidates.first else { return nil }
        return outcome.items.first { $0.llmRank == 1 }?.index == first.index
    }

    /// The cell's reranker, every pass through the response cache.
    func reranker(for cell: LabCell, model: String, labels: LabelCheck, ledger: PassLedger) -> any Reranker {
        let endpoint = grid.endpoints.first { $0.name == cell.endpoint }!
        let client = clients[cell.endpoint]!
        let template = LabGrid.templateName(variant: cell.variant, strategy: cell.strategy)
        let values = PromptValues()
        let modelKey = "\(endpoint.identity ?? endpoint.url.absoluteString)|\(model)"
        let cached: CachedReranker
        if cell.strategy == .listwise {
            let listwise = ListwiseReranker(client: client, prompts: prompts, values: values, cachePrompt: grid.cachePrompt, template: template)
            cached = CachedReranker(
                base: listwise, cache: cache, modelKey: modelKey,
                parameters: "listwise tokensPerCandidate=\(listwise.tokensPerCandidate) temperature=0 seed=0",
                render: { try listwise.prompt($0, order: $1) }, ledger: ledger)
        } else {
            let verbalizer = VerbalizerReranker(client: client, prompts: prompts, values: values, labels: labels,
                                                cachePrompt: grid.cachePrompt, template: template)
            cached = CachedReranker(
                base: verbalizer, cache: cache, modelKey: modelKey,
                parameters: "verbalizer topLogprobs=\(verbalizer.topLogprobs) maxTokens=1 temperature=0 seed=0",
                render: { try verbalizer.prompt($0, order: $1) }, ledger: ledger)
        }
        guard cell.strategy == .bootstrap else { return cached }
        return BootstrapReranker(base: cached, rounds: grid.bootstrapRounds, seed: grid.seed)
    }
}
