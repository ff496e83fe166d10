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
            for: try LLMConnection.configuration(endpoint: llm.endpoint), stateRoot: data.stateDirectory.root)
        if let notice = configuration.deciderNotice { Terminal.err(Terminal.dim(notice)) }
        // With the rerank off and grounded explanations, the LLM has nothing to do: no server
        // is reached (or started) for it.
        let needsLLM = configuration.llmWeight > 0 || configuration.explanations == .llm
        // The request's one deadline counts from here: reaching the server (a health probe of
        // up to 5 s against one that hangs) is part of its LLM work.
        let budget = TurnBudget(limit: configuration.deadline)
        let (client, server) = needsLLM
            ? try await LLMConnection.connect(endpoint: llm.endpoint) : (LLMClient(configuration: try LLMConnection.configuration(endpoint: llm.endpoint)), nil)
        defer { if let server { Task { await server.stop() } } }
        let llmStage = LLMStage(client: client, prompts: try stage.library(), configuration: configuration)
        let catalog = dataset.catalog
        let json = self.json
        // Each item is printed once its explanation has passed the check (explanations are
        // gathered whole, checked, then released), so nothing unchecked reaches the screen.
        let shownItems = Mutex<[RerankedItem]>([])
        let printed = PrintedPositions()
        // The stage says "because you liked X": X among the films this user rated well.
        let liked = context.user.map { dataset.likedItems().liked(context.history, by: $0) } ?? context.history
        let result = await llmStage.run(
            history: liked, recall: recall, catalog: catalog, count: k, anchorModel: recommender, budget: budget,
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
            return try Terminal.json(encoding: LLMReport(
                model: model, dataset: dataset.name, user: user, result: result, shown: shown, catalog: dataset.catalog, configuration: configuration))
        }
        for (position, item) in shown.enumerated() where printed.claim(position) { Terminal.out(header(item, catalog: catalog)) }
        if let stopped = result.stopped { Terminal.err(Terminal.dim("LLM work stopped early: \(stopped)")) }
        let rejected = result.explanations.count { $0.rejectedSentence != nil }
        if rejected > 0 {
            Terminal.err(Terminal.dim(FaithfulnessCheck.note(rejected: rejected)))
        }
    }

    private func header(_ item: RerankedItem, catalog: [Item]) -> String {
        let llmRank = item.llmRank.map { String($0) } ?? "-"
        return String(format: "%5d %6d %4@  ", item.finalRank, item.recallRank, llmRank) + catalog[Int(item.index)].spokenDisplayTitle
            + Terminal.dim("  [\(item.id)]")
    }

}

/// `recommend --llm --json`: the shown items with their three ranks and explanations, and
/// what the stage did (strategy, tokens, latency, the calibration that decided its settings).
struct LLMReport: Encodable {
    var model: String
    var dataset: String
    var user: String?
    var strategy: String
    var items: [Entry]
    var fellBackToRecall: Bool
    var warnings: [String]
    var rerankTemplateHash: String
    var explainTemplateHash: String?
    var promptTokens: Int
    var completionTokens: Int
    var latencySeconds: Double
    var llmWeight: Double
    var explanations: String
    var calibration: Calibration
    var rejectedExplanations: Int
    var llmStopped: String?

    struct Entry: Encodable {
        var id: String
        var title: String
        var year: Int?
        var genres: [String]
        var recallRank: Int
        var llmRank: Int?
        var finalRank: Int
        var recallScore: Double
        var llmScore: Double?
        var finalScore: Double
        var explanation: String?
        var explanationSource: String?
        var anchorID: String?

        enum CodingKeys: String, CodingKey {
            case id, title, year, genres, recallRank, llmRank, finalRank, recallScore, llmScore, finalScore
            case explanation, explanationSource, anchorID = "anchorId"
        }
    }

    /// Which calibration record decided the stage's settings (`record: null` when none did).
    struct Calibration: Encodable {
        var decider: LLMStageConfiguration.Decider?

        enum CodingKeys: String, CodingKey { case endpoint, model, record }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch decider {
            case .noRecord(let key):
                try container.encode(key.endpoint, forKey: .endpoint)
                try container.encode(key.model, forKey: .model)
                try container.encodeNil(forKey: .record)
            case .record(let key, let date):
                try container.encode(key.endpoint, forKey: .endpoint)
                try container.encode(key.model, forKey: .model)
                try container.encode(ISO8601DateFormatter().string(from: date), forKey: .record)
            case nil:
                try container.encodeNil(forKey: .record)
            }
        }
    }

    init(model: String, dataset: String, user: String?, result: StageResult, shown: [RerankedItem], catalog: [Item],
         configuration: LLMStageConfiguration) {
        let explanations = result.explanations, outcome = result.outcome
        self.model = model
        self.dataset = dataset
        self.user = user
        items = shown.enumerated().map { position, item in
            let catalogItem = catalog[Int(item.index)]
            let explanation = position < explanations.count ? explanations[position] : nil
            return Entry(
                id: item.id, title: catalogItem.title, year: catalogItem.year, genres: catalogItem.genres,
                recallRank: item.recallRank, llmRank: item.llmRank, finalRank: item.finalRank,
                recallScore: item.recallScore, llmScore: item.llmScore, finalScore: item.finalScore,
                explanation: explanation?.text, explanationSource: explanation?.source.rawValue,
                anchorID: explanation.flatMap { $0.anchorID.isEmpty ? nil : $0.anchorID })
        }
        strategy = outcome.strategy
        fellBackToRecall = outcome.fellBackToRecall
        warnings = outcome.warnings
        rerankTemplateHash = outcome.templateHash
        explainTemplateHash = explanations.first(where: { !$0.templateHash.isEmpty })?.templateHash
        promptTokens = outcome.promptTokens
        completionTokens = outcome.completionTokens
        latencySeconds = outcome.latencySeconds
        llmWeight = configuration.llmWeight
        self.explanations = configuration.explanations.rawValue
        calibration = Calibration(decider: configuration.decider)
        rejectedExplanations = explanations.count { $0.rejectedSentence != nil }
        llmStopped = result.stopped
    }
}

/// Which list positions already had their line printed (written from the streaming callback).
final class PrintedPositions: Sendable {
    private let positions = Mutex<Set<Int>>([])
    /// Marks `position` printed; returns whether it was not yet.
    func claim(_ position: Int) -> Bool { positions.withLock { $0.insert(position).inserted } }
    func contains(_ position: Int) -> Bool { positions.withLock { $0.contains(position) } }
}
