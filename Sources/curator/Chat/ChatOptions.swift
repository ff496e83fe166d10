import ArgumentParser
import CuratorChat
import CuratorColdStart
import CuratorCore
import CuratorLLMStage
import CuratorRecall
import Foundation

/// How a conversation is set up; shared by `chat` and `bench chat`.
struct ChatOptions: ParsableArguments {
    @Option(help: "The recall model: \(RecallModelRegistry.kinds.joined(separator: ", ")) (default: \(ConversationSettings.chosenModel), chosen by the conversation benchmark).")
    var model: String?

    /// The recall model the chat uses for `dataset`: `--model`, else the benchmark's choice.
    func recallModel(for dataset: Dataset) -> String { settings.recallModel(for: dataset) }

    /// The chat's recall model for a catalog of `itemCount` items when none is named.
    static func defaultModel(itemCount: Int) -> String { ConversationSettings.defaultModel(itemCount: itemCount) }

    @Option(name: .short, parsing: .unconditional, help: "Items per answer.")
    var k = 5

    @Option(help: LLMChoice.help())
    var llm: LLMChoice = .none

    @Option(help: "How the LLM reranks: verbalizer (one pass, letter log-probs), listwise (JSON order), bootstrap (shuffled rounds).")
    var strategy: RerankStrategy = .verbalizer

    @Option(help: "Candidates the LLM reranks each turn: more gives the LLM more say but a slower first item (measured on 2 cores with the local model: 5 → first item p50 0.57 s; at most 26).")
    var candidates = 5

    @Option(help: "How turns are read with an LLM: auto (the rules, and the LLM's JSON-schema reading of a turn the rules understood nothing of), llm (every turn read by the LLM too; slower first item), or rules (never the LLM). The LLM's reading is kept where the user's words support it and merged with the rules'.")
    var understanding: Conversation.Reading = .auto

    @Option(name: .customLong("llm-weight"), help: "The rerank's say, 0 (recall order; the LLM is not asked to rerank) to 1 (the LLM's order) (default: the calibration record of the endpoint and model, else 0).")
    var llmWeight: Double?

    @Option(help: ArgumentHelp("Who writes explanations: llm (each checked for faithfulness before it is shown, a failing one replaced) or grounded (composed from catalog facts) (default: the calibration record, else grounded).", valueName: "llm|grounded"))
    var explanations: ExplanationSource?

    @Option(help: ArgumentHelp("One deadline in seconds for all the LLM work of a turn; what is left when it passes falls back to recall and grounded explanations.", valueName: "seconds"))
    var deadline = 5.0

    @Option(help: ArgumentHelp("Prompt templates folder (default: $CURATOR_PROMPTS, else the package's prompts/).", valueName: "dir"))
    var prompts: String?

    func validate() throws {
        if let model { _ = try RecallModelRegistry.modelType(named: model) }
        guard (1...20).contains(k) else { throw ValidationError("-k must be between 1 and 20") }
        guard (k...26).contains(candidates) else { throw ValidationError("--candidates must be between -k (\(k)) and 26") }
        if let llmWeight, !(0...1).contains(llmWeight) { throw ValidationError("--llm-weight must be between 0 and 1") }
        guard deadline > 0 else { throw ValidationError("--deadline must be positive") }
    }

    /// The conversation (engine, LLM step when asked for, words start) and how to reach another LLM later.
    struct Setup {
        var dataset: Dataset
        /// The recall model in use (`--model`, else the default for this catalog).
        var modelName: String
        var conversation: Conversation
        var connect: @Sendable (String?) async throws -> LLMAssistant
        /// The words start, its catalog embeddings on the way (nil without an embedding model).
        var words: NewUserWordsScorer?
    }

    /// The flags as the library's conversation settings.
    var settings: ConversationSettings {
        var settings = ConversationSettings()
        settings.model = model
        settings.listSize = k
        settings.candidates = candidates
        settings.strategy = strategy
        settings.reading = understanding
        settings.llmWeight = llmWeight
        settings.explanations = explanations
        settings.deadline = .milliseconds(Int(deadline * 1000))
        settings.promptsFolder = ProcessEnvironment.promptsFolder(prompts)
        return settings
    }

    /// - Parameter waitForCatalog: a turn that starts from the user's words waits for the
    ///   catalog's embeddings (being made in the background) rather than starting from popularity.
    func makeConversation(_ data: DataOptions, waitForCatalog: Bool) async throws -> Setup {
        let dataset = try data.load()
        let store = ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
        let settings = settings
        let trained = try settings.recall(dataset: dataset, models: store, progress: TerminalProgress())
        // Items added with `items add` join the catalog as `recommend` places them: named by
        // title, filtered, and recommended through their stand-ins (the chat had never seen them).
        // Placing them needs the text-embedding model: without it the chat goes on over the
        // dataset's own items and says so (it had refused to start).
        let onboarded: OnboardedSetup?
        do {
            onboarded = try await OnboardedSetup.ifAny(
                dataset, counts: dataset.itemInteractionCounts(), model: trained, data: data, embedding: try EmbeddingOptions.parse([]))
        } catch {
            Terminal.err(Terminal.dim("The items added with `items add` are left out of this chat: \(error)"))
            onboarded = nil
        }
        let served = onboarded?.extended ?? dataset
        let recall = onboarded?.recall ?? trained
        let engine = try settings.engine(dataset: served, recall: recall)
        let stateRoot = data.stateDirectory.root
        let connect: @Sendable (String?) async throws -> LLMAssistant = { endpoint in
            let (client, _) = try await LLMConnection.connect(endpoint: endpoint)
            let (assistant, notice) = try settings.assistant(client: client, dataset: served, recall: recall, stateRoot: stateRoot)
            if let notice { Terminal.err(Terminal.dim(notice)) }
            return assistant
        }
        let assistant = llm == .none ? nil : try await connect(llm.endpoint)
        let words = wordsScorer(dataset, onboarded: onboarded?.records ?? [], data: data)
        var startFromWords: (@Sendable (String) async throws -> [Float])?
        if let words {
            startFromWords = { text in try await words.scores(for: text, waiting: waitForCatalog) }
        }
        let conversation = Conversation(engine: engine, assistant: assistant, reading: understanding, startFromWords: startFromWords)
        return Setup(dataset: served, modelName: settings.recallModel(for: dataset), conversation: conversation, connect: connect, words: words)
    }

    /// A new user's words → scores through the cold-start path (text similarity mixed with
    /// popularity), when the embedding model is installed; otherwise the chat starts from
    /// popularity as before. The catalog is embedded (or read from the cache) in the
    /// background, so the chat starts at once; a turn before that is done waits for it when
    /// `waitForCatalog`, else starts from popularity and says so.
    /// `onboarded` items are scored after the catalog's, as the engine's catalog lists them.
    private func wordsScorer(_ dataset: Dataset, onboarded: [OnboardedItemStore.Record], data: DataOptions) -> NewUserWordsScorer? {
        guard let embedding = try? EmbeddingOptions.parse([]), let embedder = try? embedding.make() else { return nil }
        return NewUserWordsScorer(embedder: embedder, dataset: dataset, onboarded: onboarded) {
            try await embedding.catalogEmbeddings(dataset, data: data, embedder: embedder, report: false)
        }
    }
}

extension Conversation.Reading: ExpressibleByArgument {}
