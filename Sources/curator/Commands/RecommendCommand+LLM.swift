import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorRecall
import Foundation
import Synchronization

/// `recommend --llm`: rerank, then print each item with its three ranks and its explanation.
extension RecommendCommand {
    func runLLMStage(recall: [ScoredItem], context: UserContext, dataset: Dataset, recommender: any RecallModel) async throws {
        let configuration = try stage.calibratedConfiguration(
            for: try LLMConnection.configuration(endpoint: stage.endpoint), stateRoot: data.stateDirectory.root)
        if let notice = configuration.deciderNotice { Terminal.err(Terminal.dim(notice)) }
        // With the rerank off and grounded explanations, the LLM has nothing to do: no server
        // is reached (or started) for it.
        let needsLLM = configuration.llmWeight > 0 || configuration.explanations == .llm
        // The request's one deadline counts from here: reaching the server (a health probe of
        // up to 5 s against one that hangs) is part of its LLM work.
        let budget = TurnBudget(limit: configuration.deadline)
        let (client, server) = needsLLM
            ? try await stage.connect() : (LLMClient(configuration: try LLMConnection.configuration(endpoint: stage.endpoint)), nil)
        defer { if let server { Task { await server.stop() } } }
        let llmStage = LLMStage(client: client, prompts: try stage.library(), configuration: configuration)
        let catalog = dataset.catalog
        let json = self.json
        // Each item is printed once its explanation has passed the check (explanations are
        // gathered whole, checked, then released), so nothing unchecked reaches the screen.
        let shownItems = Mutex<[RerankedItem]>([])
        let printed = PrintedPositions()
        let result = await llmStage.run(
            history: context.history, recall: recall, catalog: catalog, count: k, anchorModel: recommender, budget: budget,
            onRanked: { outcome in
                shownItems.withLock { $0 = Array(outcome.items.prefix(k)) }
                for warning in outcome.warnings { Terminal.err("warning: \(warning)") }
                guard !json else { return }
                let what = configuration.llmWeight > 0 ? "\(outcome.strategy) rerank (weight \(configuration.llmWeight))" : "recall order (rerank off)"
                Terminal.out(Terminal.bold("\(what) of \(outcome.items.count) \(model) candidates")
                    + Terminal.dim(String(format: " (%.1f s, %d prompt tokens%@)", outcome.latencySeconds, outcome.promptTokens,
                                          outcome.fellBackToRecall ? ", recall order kept" : "")))
                Terminal.out(Terminal.dim("final recall  llm  item"))
            },
            onText: { position, text in
                guard !json, printed.claim(position) else { return }
                let item = shownItems.withLock { $0[position] }
                Terminal.out(header(item, catalog: catalog) + "\n       " + text)
            })
        let shown = Array(result.outcome.items.prefix(k))
        if json {
            Terminal.json(try llmJSON(result: result, shown: shown, dataset: dataset, configuration: configuration))
            return
        }
        for (position, item) in shown.enumerated() where printed.claim(position) { Terminal.out(header(item, catalog: catalog)) }
        if let stopped = result.stopped { Terminal.err(Terminal.dim("LLM work stopped early: \(stopped)")) }
        let rejected = result.explanations.count { $0.rejectedSentence != nil }
        if rejected > 0 {
            Terminal.err(Terminal.dim("\(rejected) LLM explanation(s) failed the faithfulness check: grounded ones shown instead"))
        }
    }

    private func header(_ item: RerankedItem, catalog: [Item]) -> String {
        let llmRank = item.llmRank.map { String($0) } ?? "-"
        return String(format: "%5d %6d %4@  ", item.finalRank, item.recallRank, llmRank) + catalog[Int(item.index)].displayTitle
            + Terminal.dim("  [\(item.id)]")
    }

    private func llmJSON(result: StageResult, shown: [RerankedItem], dataset: Dataset, configuration: LLMStageConfiguration) throws -> String {
        let explanations = result.explanations
        let items: [[String: Any]] = shown.enumerated().map { position, item in
            let catalogItem = dataset.catalog[Int(item.index)]
            var entry: [String: Any] = [
                "id": item.id, "title": catalogItem.title, "genres": catalogItem.genres, "recall_rank": item.recallRank,
                "final_rank": item.finalRank, "recall_score": item.recallScore, "final_score": item.finalScore,
            ]
            if let year = catalogItem.year { entry["year"] = year }
            if let rank = item.llmRank { entry["llm_rank"] = rank }
            if let score = item.llmScore { entry["llm_score"] = score }
            if position < explanations.count {
                entry["explanation"] = explanations[position].text
                entry["explanation_source"] = explanations[position].source.rawValue
                if !explanations[position].anchorID.isEmpty { entry["anchor_id"] = explanations[position].anchorID }
            }
            return entry
        }
        let outcome = result.outcome
        var object: [String: Any] = [
            "model": model, "dataset": dataset.name, "strategy": outcome.strategy, "items": items,
            "fell_back_to_recall": outcome.fellBackToRecall, "warnings": outcome.warnings,
            "rerank_template_hash": outcome.templateHash, "prompt_tokens": outcome.promptTokens,
            "completion_tokens": outcome.completionTokens, "latency_seconds": outcome.latencySeconds,
            "llm_weight": configuration.llmWeight, "explanations": configuration.explanations.rawValue,
            "calibration": Self.deciderJSON(configuration.decider),
            "rejected_explanations": explanations.count { $0.rejectedSentence != nil },
        ]
        if let stopped = result.stopped { object["llm_stopped"] = stopped }
        if let hash = explanations.first(where: { !$0.templateHash.isEmpty })?.templateHash { object["explain_template_hash"] = hash }
        if let user { object["user"] = user }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    /// Which calibration record decided the stage's settings (`record: null` when none did).
    static func deciderJSON(_ decider: LLMStageConfiguration.Decider?) -> [String: Any] {
        switch decider {
        case .noRecord(let key):
            return ["endpoint": key.endpoint, "model": key.model, "record": NSNull()]
        case .record(let key, let date):
            return ["endpoint": key.endpoint, "model": key.model, "record": ISO8601DateFormatter().string(from: date)]
        case nil:
            return ["record": NSNull()]
        }
    }
}

/// Which list positions already had their line printed (written from the streaming callback).
final class PrintedPositions: Sendable {
    private let positions = Mutex<Set<Int>>([])
    /// Marks `position` printed; returns whether it was not yet.
    func claim(_ position: Int) -> Bool { positions.withLock { $0.insert(position).inserted } }
    func contains(_ position: Int) -> Bool { positions.withLock { $0.contains(position) } }
}
