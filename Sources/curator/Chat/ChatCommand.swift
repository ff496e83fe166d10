import ArgumentParser
import CuratorChat
import CuratorCore
import CuratorLLM
import CuratorLLMStage
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

    @OptionGroup var chat: ChatOptions

    @Option(help: ArgumentHelp("Resume the conversation saved under this name (Ctrl-D saves as 'last').", valueName: "name"))
    var resume: String?

    func run() async throws {
        let interactive = Terminal.standardInputIsTTY && Terminal.standardOutputIsTTY
        // On a terminal the prompt comes at once; from a pipe a turn waits, so answers do not depend on timing.
        let setup = try await chat.makeConversation(data, waitForCatalog: !interactive)
        do {
            try await talk(setup, interactive: interactive)
        } catch {
            await setup.words?.stop()
            throw error
        }
        // Nothing may still be embedding when the process exits (see NewUserWordsScorer.stop).
        await setup.words?.stop()
    }

    private func talk(_ setup: ChatOptions.Setup, interactive: Bool) async throws {
        let files = data.datasetState
        let sessions = SessionStore(path: files.sessions)
        var session = ChatSession()
        if let resume {
            guard let saved = try sessions.load(resume) else {
                throw UserError("no saved conversation called '\(resume)' (\(Self.savedNames(try sessions.list())))")
            }
            session = saved
        }
        let loop = ChatLoop(
            conversation: setup.conversation, connectAssistant: setup.connect, sessions: sessions,
            session: session, datasetName: setup.dataset.name, modelName: setup.modelName,
            reader: LineReader(interactive: interactive, historyFile: interactive ? files.chatHistory : nil),
            printer: ChatPrinter(color: Terminal.colorEnabled && interactive))
        try await loop.run()
    }

    /// The most recent saved names, a few of them: a line to read, not a dump.
    static func savedNames(_ saved: [SessionStore.Summary], shown: Int = 8) -> String {
        guard !saved.isEmpty else { return "none saved yet" }
        let names = saved.prefix(shown).map(\.name).joined(separator: ", ")
        return "saved, most recent first: " + names + (saved.count > shown ? " and \(saved.count - shown) more (/load lists them)" : "")
    }
}
