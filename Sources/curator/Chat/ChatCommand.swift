import ArgumentParser
import CuratorChat
import CuratorCore
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

    func validate() throws {
        _ = try RecallModelRegistry.modelType(named: model)
        guard (1...20).contains(k) else { throw ValidationError("-k must be between 1 and 20") }
    }

    func run() async throws {
        let dataset = try data.load()
        let store = ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
        let recall = try loadOrFit(model, store: store, dataset: dataset)
        let popularity = try PopularityModel.fit(TrainingData(dataset: dataset), parameters: ModelParameters())
        var engine = ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: recall, popularity: popularity))
        engine.listSize = k
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
            engine: engine, sessions: sessions, session: session, datasetName: dataset.name, modelName: model,
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
