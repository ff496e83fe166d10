import ArgumentParser
import CuratorChat
import CuratorColdStart
import CuratorConversationEval
import CuratorCore
import CuratorEval
import CuratorLLMStage
import CuratorRecall
import Foundation

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a model's ranking quality on an offline protocol.",
        discussion: """
        loo (leave-last-out, full ranking): per user, in time order, the last item is the test \
        target and the one before it the validation target. The validation figures come from a \
        model fitted on training only; the test figures from a model fitted on training + \
        validation. Every item the user already has is excluded from the ranking; ties are \
        broken by item id ascending, so figures reproduce exactly.

        cold-items: a seeded share of the items (--cold-fraction, default 10%) is removed from \
        training; for each user who had some of them, the cold items are ranked among all cold \
        items using only the catalog (no interactions with them). Models: \
        \(Self.coldModelNames.joined(separator: ", ")). The text-* models embed each item's \
        title, year, genres and text (see --embedder).

        conversation: simulated users, each seeded with a loo user's history (and ratings) and \
        wanting their held-out item without ever typing its title, talk to the chat (recall \
        --model, default the chat's own, \(ConversationSettings.chosenModel)) for up to --turns turns: turn 1 names \
        films from the history as people type them, each later turn turns the list down and \
        reveals one true thing about the target (a genre, a decade, a tag, a close film). \
        Reports success within 1/3/5 turns (the target among the -k shown), average turns, \
        Recall@10/50 of the last ranking, mention linking precision/recall, feeling and \
        constraint accuracy, per-turn latency; baselines: popularity under the revealed \
        constraints, and the recall model given the whole history at once.

        Examples:
          curator eval --data ../shared/data/ml-100k --protocol loo --model itemknn --params neighbors=50
          curator eval --data ../shared/data/ml-100k --protocol cold-items --model user-genres
          curator eval --data ../shared/data/ml-100k --protocol cold-items --model text-factors
          curator eval --data ../shared/data/ml-100k --protocol conversation --users 500 --turns 5 -k 5 --llm none
          curator eval --data ../shared/data/ml-100k --protocol conversation --phase validation --model sasrec
        """)

    static let coldModelNames = ColdItemBaselines.all.map(\.name) + TextColdScorers.names()

    @OptionGroup var data: DataOptions
    @OptionGroup var embedding: EmbeddingOptions
    @OptionGroup(title: "Conversation") var conversation: ConversationEvalOptions

    @Option(help: "The protocol: loo (leave-last-out, full ranking), cold-items (held-out items ranked from the catalog alone) or conversation (simulated users talking to the chat); see above.")
    var `protocol`: EvaluationProtocol = .loo

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")) (loo; conversation, default the chat's: \(ConversationSettings.chosenModel)); \(Self.coldModelNames.joined(separator: ", ")) (cold-items).")
    var model: String?

    /// The model named, or the chat's (only the conversation protocol runs without --model):
    /// its tuned parameters are looked up under this name (a conversation run without --model
    /// had taken itemknn's tuning for the chat's sknn, and failed on its parameter).
    private var modelName: String { model ?? ConversationSettings.chosenModel }

    @Option(help: ArgumentHelp("Hyper-parameters as name=value pairs (default: the best of `curator tune`, if run).", valueName: "k=v,..."))
    var params: ParameterOption?

    @Flag(help: "Print one JSON object (test metrics at top level, e.g. \"ndcg@10\") instead of a table.")
    var json = false

    @Flag(name: .customLong("test-only"), help: "Skip the validation phase (one fit instead of two).")
    var testOnly = false

    @Option(name: .customLong("cold-fraction"), help: "cold-items: the share of items held out.")
    var coldFraction = 0.1

    @Option(help: "cold-items: the seed that picks the held-out items; conversation: the seed of the users' sample and phrasing.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("loo, model als: evaluate the factors of a Spark job fitted on an export made with --split loo-test (or loo-validation) instead of fitting.", valueName: "dir"))
    var imported: String?

    func validate() throws {
        let unused = conversation.changed
        if self.protocol != .conversation, !unused.isEmpty {
            throw ValidationError("\(unused.joined(separator: ", ")) \(unused.count == 1 ? "is" : "are") for --protocol conversation; --protocol \(self.protocol.name) reports its own cutoffs (@10, @20, …)")
        }
        if imported != nil, self.protocol != .loo || model != ALSModel.kind {
            throw ValidationError("--imported takes --protocol loo --model als")
        }
        guard model != nil || self.protocol == .conversation else {
            let models = self.protocol == .coldItems ? Self.coldModelNames : RecallModelRegistry.kinds
            throw ValidationError("--model is required for --protocol \(self.protocol.name): the model to measure, one of \(models.joined(separator: ", "))")
        }
        switch self.protocol {
        case .loo, .conversation:
            try RecallModelRegistry.validate(kind: modelName, parameters: params?.parameters ?? ModelParameters())
        case .coldItems:
            guard Self.coldModelNames.contains(modelName) else {
                throw ValidationError("unknown cold-items model '\(modelName)' (known: \(Self.coldModelNames.joined(separator: ", ")))")
            }
            guard coldFraction > 0 && coldFraction < 1 else { throw ValidationError("--cold-fraction must be between 0 and 1") }
        }
    }

    /// The cold-items scorer named by `--model` over the text of `items`.
    private func coldScorer(_ dataset: Dataset, items: [Item], label: String = "") async throws -> any ColdItemScorer {
        if let baseline = ColdItemBaselines.all.first(where: { $0.name == modelName }) { return baseline }
        let embeddings = try await embedding.catalogEmbeddings(dataset, items: items, data: data)
        return TextColdScorers.all(embeddings: embeddings, label: label).first { $0.name == modelName + label }!
    }

    /// cold-items: the scorer on the catalog's own text and, when `curator items enhance` wrote
    /// descriptions for items without text, on the enhanced text too, in one run.
    /// `dataset` is loaded without the descriptions: the two catalogs differ only by them.
    private func runColdItems(_ dataset: Dataset) async throws {
        let evaluation = ColdItemsProtocol(dataset: dataset, fraction: coldFraction, seed: seed)
        let plain = dataset.catalog
        let textModel = !ColdItemBaselines.all.contains { $0.name == modelName }
        let enhancedCatalog = EnhancedItemStore.apply(try EnhancedItemStore(datasetFolder: data.stateFolder).load(), to: plain)
        let report = evaluation.run(try await coldScorer(dataset, items: plain), progress: TerminalProgress())
        guard textModel, enhancedCatalog != plain else {
            try json ? Terminal.json(encoding: report) : Terminal.out(report.table())
            return
        }
        let described = zip(plain, enhancedCatalog).filter { $0.text != $1.text }.count
        let withText = evaluation.run(try await coldScorer(dataset, items: enhancedCatalog, label: "-llm"), progress: TerminalProgress())
        if json {
            try Terminal.json(encoding: EnhancedTextComparison(withoutEnhancedText: report, withEnhancedText: withText, describedItems: described))
        } else {
            Terminal.out(report.table())
            Terminal.out("")
            Terminal.out("with the LLM-written descriptions of \(described) items (curator items enhance):")
            Terminal.out(withText.table())
        }
    }

    /// `--json` of cold-items when `curator items enhance` described items: both reports.
    private struct EnhancedTextComparison: Encodable {
        var withoutEnhancedText: EvaluationReport
        var withEnhancedText: EvaluationReport
        var describedItems: Int
    }

    func run() async throws {
        if self.protocol == .coldItems { return try await runColdItems(try data.load(enhanced: false)) }
        let dataset = try data.load()
        let evaluation = LeaveLastOutProtocol(dataset: dataset)
        if let imported {
            let loaded = try SparkALSImport.load(folder: imported, dataset: dataset)
            guard let phase = LeaveLastOutProtocol.Phase(scope: loaded.metadata.export.scope) else {
                throw UserError("\(imported) was fitted on all interactions, test targets included: export with --split loo-test and fit again")
            }
            let report = evaluation.report(fitted: loaded.model, phase: phase, fitSeconds: loaded.metadata.fitSeconds ?? 0, progress: TerminalProgress())
            try json ? Terminal.json(encoding: report) : Terminal.out(report.table())
            return
        }
        var parameters = params?.parameters ?? ModelParameters()
        if params == nil, let tuned = try data.tunedParameters(for: modelName) { parameters = tuned }
        if self.protocol == .conversation {
            return try await runConversation(dataset, model: modelName, parameters: parameters)
        }
        let report = try evaluation.run(
            kind: modelName, parameters: parameters, phases: testOnly ? [.test] : [.validation, .test],
            progress: TerminalProgress())
        try json ? Terminal.json(encoding: report) : Terminal.out(report.table())
    }
}
