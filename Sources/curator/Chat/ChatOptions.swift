import ArgumentParser
import CuratorChat
import CuratorColdStart
import CuratorCore
import CuratorPipeline
import CuratorRecall
import Foundation

/// How a conversation is set up; shared by `chat` and `bench chat`.
struct ChatOptions: ParsableArguments {
    @Option(help: "The recall model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model = "itemknn"

    @Option(name: .short, help: "Items per answer.")
    var k = 5

    @Option(help: ArgumentHelp("The LLM: none (recall and rules only), local (the local llama.cpp server, started when none runs), or a server URL.", valueName: "none|local|url"))
    var llm = "none"

    @Option(help: "How the LLM reranks: verbalizer (one pass, letter log-probs), listwise (JSON order), bootstrap (shuffled rounds).")
    var strategy: RerankStrategy = .verbalizer

    @Option(help: "Candidates the LLM reranks each turn: more gives the LLM more say but a slower first item (measured on 2 cores with the local model: 5 → first item p50 0.57 s; at most 26).")
    var candidates = 5

    @Option(help: "How turns are read with an LLM: auto (the rules, and the LLM's JSON-schema reading of a turn the rules understood nothing of), llm (every turn read by the LLM too; slower first item), or rules (never the LLM). The LLM's reading is kept where the user's words support it and merged with the rules'.")
    var understanding: Understanding = .auto

    enum Understanding: String, ExpressibleByArgument, CaseIterable {
        case auto, llm, rules

        /// What reads turns with `assistant`'s LLM, unless turns are read by the rules only.
        func turnReader(for assistant: LLMAssistant?, catalog: [Item]) -> LLMTurnReader? {
            guard self != .rules, let assistant else { return nil }
            return LLMTurnReader(client: assistant.stage.client, prompts: assistant.stage.prompts, catalog: catalog)
        }

        /// Whether the LLM reads a turn the rules read as `ruled`.
        func asksLLM(after ruled: TurnUnderstanding) -> Bool {
            switch self {
            case .auto: ruled.isEmpty
            case .llm: true
            case .rules: false
            }
        }
    }

    @Option(name: .customLong("llm-weight"), help: "The rerank's say, 0 (recall order; the LLM is not asked to rerank) to 1 (the LLM's order) (default: the calibration record of the endpoint and model, else 0).")
    var llmWeight: Double?

    @Option(help: ArgumentHelp("Who writes explanations: llm (each checked for faithfulness before it is shown, a failing one replaced) or grounded (composed from catalog facts) (default: the calibration record, else grounded).", valueName: "llm|grounded"))
    var explanations: ExplanationSource?

    @Option(help: ArgumentHelp("One deadline in seconds for all the LLM work of a turn; what is left when it passes falls back to recall and grounded explanations.", valueName: "seconds"))
    var deadline = 5.0

    @Option(help: ArgumentHelp("Prompt templates folder (default: $CURATOR_PROMPTS, else the package's prompts/).", valueName: "dir"))
    var prompts: String?

    func validate() throws {
        _ = try RecallModelRegistry.modelType(named: model)
        guard (1...20).contains(k) else { throw ValidationError("-k must be between 1 and 20") }
        guard (k...26).contains(candidates) else { throw ValidationError("--candidates must be between -k (\(k)) and 26") }
        if let llmWeight, !(0...1).contains(llmWeight) { throw ValidationError("--llm-weight must be between 0 and 1") }
        guard deadline > 0 else { throw ValidationError("--deadline must be positive") }
        guard llm == "none" || llm == "local" || URL(string: llm)?.host != nil else {
            throw ValidationError("--llm takes none, local or a URL, not '\(llm)'")
        }
    }

    /// The engine, the LLM step (when asked for) and how to reach another LLM later.
    struct Conversation {
        var dataset: Dataset
        var engine: ConversationEngine
        var assistant: LLMAssistant?
        var connect: @Sendable (String?) async throws -> LLMAssistant
        /// Scores for a user with no likes yet, from their words (text embeddings); `nil` when
        /// no embedding model is installed.
        var startFromWords: (@Sendable (String) async throws -> [Float])?
    }

    func makeConversation(_ data: DataOptions) async throws -> Conversation {
        let dataset = try data.load()
        let store = ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
        let recall = try store.loadOrFit(model, dataset: dataset, progress: TerminalProgress())
        let popularity = try PopularityModel.fit(TrainingData(dataset: dataset), parameters: ModelParameters())
        var engine = ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: recall, popularity: popularity))
        engine.listSize = k
        engine.candidatePool = candidates
        var stageConfiguration = LLMStageConfiguration()
        stageConfiguration.strategy = strategy
        stageConfiguration.candidateCount = candidates
        stageConfiguration.deadline = .milliseconds(Int(deadline * 1000))
        let promptsFolder = prompts, stateRoot = data.stateDirectory.root
        let (weight, source, strategyFlag) = (llmWeight, explanations, strategy)
        let connect: @Sendable (String?) async throws -> LLMAssistant = { [stageConfiguration] endpoint in
            let (client, _) = try await LLMConnection.connect(endpoint: endpoint)
            // The calibration record of this endpoint and model decides; flags override it.
            var configuration = stageConfiguration
            let key = CalibrationKey(configuration: client.configuration)
            configuration.apply(try CalibrationStore(stateRoot: stateRoot).record(for: key), key: key)
            configuration.strategy = strategyFlag  // the chat's --strategy (default verbalizer) stays in force
            if let weight { configuration.llmWeight = weight }
            if let source { configuration.explanations = source }
            if let notice = configuration.deciderNotice { Terminal.err(Terminal.dim(notice)) }
            let stage = LLMStage(client: client, prompts: try PromptLibrary.located(explicit: promptsFolder), configuration: configuration)
            return LLMAssistant(stage: stage, catalog: dataset.catalog, items: dataset.items, anchorModel: recall)
        }
        let assistant = llm == "none" ? nil : try await connect(llm == "local" ? nil : llm)
        return Conversation(
            dataset: dataset, engine: engine, assistant: assistant, connect: connect,
            startFromWords: try await wordsToScores(dataset, data: data))
    }

    /// A new user's words → scores through the cold-start path (text similarity mixed with
    /// popularity), when the embedding model is installed; otherwise the chat starts from
    /// popularity as before.
    private func wordsToScores(_ dataset: Dataset, data: DataOptions) async throws -> (@Sendable (String) async throws -> [Float])? {
        guard let embedding = try? EmbeddingOptions.parse([]), let embedder = try? embedding.make() else { return nil }
        let counts = dataset.itemInteractionCounts()
        let embeddings = try await embedding.catalogEmbeddings(dataset, data: data, embedder: embedder)
        let catalog = try OnboardedCatalog(dataset: dataset, catalogEmbeddings: embeddings, records: [], itemCounts: counts)
        let newUsers = NewUserRecommender(catalog: catalog, scorer: nil, itemCounts: counts)
        return { text in newUsers.scores(query: try await embedder.embed([text]), likes: []) }
    }
}
