import ArgumentParser
import CuratorChat
import CuratorCore
import CuratorLLM
import CuratorPipeline
import CuratorRecall
import Foundation

struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk about films and get recommendations as the conversation goes.",
        discussion: """
        Tell it what you liked and what you are in the mood for:
          I loved Heat and Se7en, something darker but not horror
          nothing before 1990
          not that one / more like the second
        With --llm local (or a server URL) the LLM reranks each answer's candidates and explains \
        every item from a film you liked, streaming as it writes; if the LLM is slow or down, the \
        answer comes from recall and says so. Ctrl-C stops an answer being written.

        Type /help inside for the commands. On a terminal it has line editing and history; \
        with input from a pipe or file it reads one turn per line and prints plain text:
          printf 'I loved the matrix\\n/more\\n' | curator chat --data examples/movies
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "The recall model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model = "itemknn"

    @Option(help: ArgumentHelp("Resume the conversation saved under this name (Ctrl-D saves as 'last').", valueName: "name"))
    var resume: String?

    @Option(name: .short, help: "Items per answer.")
    var k = 5

    @Option(help: ArgumentHelp("The LLM: none (recall and rules only), local (the local llama.cpp server, started when none runs), or a server URL.", valueName: "none|local|url"))
    var llm = "none"

    @Option(help: "How the LLM reranks: verbalizer (one pass, letter log-probs), listwise (JSON order), bootstrap (shuffled rounds).")
    var strategy: RerankStrategy = .verbalizer

    @Option(help: "Candidates the LLM reranks each turn (more is slower; at most 26).")
    var candidates = 10

    @Option(help: ArgumentHelp("Prompt templates folder (default: $CURATOR_PROMPTS, else the package's prompts/).", valueName: "dir"))
    var prompts: String?

    func validate() throws {
        _ = try RecallModelRegistry.modelType(named: model)
        guard (1...20).contains(k) else { throw ValidationError("-k must be between 1 and 20") }
        guard (k...26).contains(candidates) else { throw ValidationError("--candidates must be between -k (\(k)) and 26") }
        guard llm == "none" || llm == "local" || URL(string: llm)?.host != nil else {
            throw ValidationError("--llm takes none, local or a URL, not '\(llm)'")
        }
    }

    func run() async throws {
        let dataset = try data.load()
        let store = ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
        let recall = try loadOrFit(model, store: store, dataset: dataset)
        let popularity = try PopularityModel.fit(TrainingData(dataset: dataset), parameters: ModelParameters())
        var engine = ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: recall, popularity: popularity))
        engine.listSize = k
        engine.candidatePool = candidates
        var stageConfiguration = LLMStageConfiguration()
        stageConfiguration.strategy = strategy
        stageConfiguration.candidateCount = candidates
        let promptsFolder = prompts
        let connect: @Sendable (String?) async throws -> LLMAssistant = { [stageConfiguration] endpoint in
            let (client, _) = try await LLMConnection.connect(endpoint: endpoint)
            let stage = LLMStage(client: client, prompts: try PromptLibrary.located(explicit: promptsFolder), configuration: stageConfiguration)
            return LLMAssistant(stage: stage, catalog: dataset.catalog, items: dataset.items, anchorModel: recall)
        }
        let assistant = llm == "none" ? nil : try await connect(llm == "local" ? nil : llm)
        let folder = data.stateDirectory.datasetFolder(path: data.data, filter: data.filter)
        let sessions = try SessionStore(path: folder + "/sessions.sqlite")
        var session = ChatSession()
        if let resume {
            guard let saved = try sessions.load(resume) else {
                throw UserError("no saved conversation called '\(resume)' (saved: \(try sessions.list().map(\.name).joined(separator: ", ")))")
            }
            session = saved
        }
        let interactive = Terminal.standardInputIsTTY && Terminal.standardOutputIsTTY
        let loop = ChatLoop(
            engine: engine, assistant: assistant, connectAssistant: connect, sessions: sessions, session: session, datasetName: dataset.name, modelName: model,
            reader: LineReader(interactive: interactive, historyFile: interactive ? folder + "/chat-history" : nil),
            printer: ChatPrinter(color: Terminal.colorEnabled && interactive))
        try await loop.run()
    }

    private func loadOrFit(_ kind: String, store: ModelStore, dataset: Dataset) throws -> any RecallModel {
        do {
            return try store.load(kind)
        } catch let error as ModelFileError where error.reason == .missing || error.reason == .otherDataset {
            let fitted = try RecallModelRegistry.fit(
                kind: kind, parameters: ModelParameters(), data: TrainingData(dataset: dataset), progress: TerminalProgress())
            try store.save(fitted)
            return fitted
        }
    }
}
