import CuratorCore
import CuratorPipeline
import CuratorRecall
import Foundation
import Synchronization

/// `recommend --llm`: rerank, then print each item with its three ranks and its explanation.
extension RecommendCommand {
    func runLLMStage(recall: [ScoredItem], context: UserContext, dataset: Dataset, recommender: any RecallModel) async throws {
        let (client, server) = try await stage.connect()
        defer { if let server { Task { await server.stop() } } }
        let llmStage = LLMStage(client: client, prompts: try stage.library(), configuration: stage.stageConfiguration)
        let catalog = dataset.catalog
        let request = llmStage.request(history: context.history, recall: recall, catalog: catalog)
        let outcome = await llmStage.reranker().rerank(request, llmWeight: stage.llmWeight)
        for warning in outcome.warnings { Terminal.err("warning: \(warning)") }
        let shown = Array(outcome.items.prefix(k))
        let streaming = !json && Terminal.standardOutputIsTTY
        if !json {
            Terminal.out(Terminal.bold("\(outcome.strategy) rerank of \(request.candidates.count) \(model) candidates")
                + Terminal.dim(String(format: " (%.1f s, %d prompt tokens%@)", outcome.latencySeconds, outcome.promptTokens,
                                      outcome.fellBackToRecall ? ", recall order kept" : "")))
            Terminal.out(Terminal.dim("final recall  llm  item"))
        }
        // Explanations stream under their item on a terminal; otherwise each line comes whole.
        let printedHeader = PrintedPositions()
        let explanations = await llmStage.explain(outcome, history: context.history, catalog: catalog, count: k, anchorModel: recommender) { position, text in
            guard streaming else { return }
            if printedHeader.claim(position) { Terminal.write(header(shown[position], catalog: catalog) + "\n       ") }
            Terminal.write(text)
        }
        if json {
            Terminal.json(try llmJSON(outcome: outcome, shown: shown, explanations: explanations, dataset: dataset))
            return
        }
        for (position, item) in shown.enumerated() {
            if streaming, printedHeader.contains(position) { Terminal.write("\n"); continue }
            Terminal.out(header(item, catalog: catalog))
            if position < explanations.count { Terminal.out("       " + explanations[position].text) }
        }
    }

    private func header(_ item: RerankedItem, catalog: [Item]) -> String {
        let llmRank = item.llmRank.map { String($0) } ?? "-"
        return String(format: "%5d %6d %4@  ", item.finalRank, item.recallRank, llmRank) + catalog[Int(item.index)].displayTitle
            + Terminal.dim("  [\(item.id)]")
    }

    private func llmJSON(outcome: RerankOutcome, shown: [RerankedItem], explanations: [Explanation], dataset: Dataset) throws -> String {
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
                entry["anchor_id"] = explanations[position].anchorID
            }
            return entry
        }
        var object: [String: Any] = [
            "model": model, "dataset": dataset.name, "strategy": outcome.strategy, "items": items,
            "fell_back_to_recall": outcome.fellBackToRecall, "warnings": outcome.warnings,
            "rerank_template_hash": outcome.templateHash, "prompt_tokens": outcome.promptTokens,
            "completion_tokens": outcome.completionTokens, "latency_seconds": outcome.latencySeconds,
        ]
        if let hash = explanations.first?.templateHash { object["explain_template_hash"] = hash }
        if let user { object["user"] = user }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Which list positions already had their line printed (written from the streaming callback).
final class PrintedPositions: Sendable {
    private let positions = Mutex<Set<Int>>([])
    /// Marks `position` printed; returns whether it was not yet.
    func claim(_ position: Int) -> Bool { positions.withLock { $0.insert(position).inserted } }
    func contains(_ position: Int) -> Bool { positions.withLock { $0.contains(position) } }
}
