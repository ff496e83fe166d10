import CuratorChat
import CuratorLLMStage
import Foundation
import Synchronization

/// The read–answer loop around a `Conversation`: the terminal, Ctrl-C, and the commands that
/// belong to the program (saving, the LLM endpoint, prompts, debug, quitting). The turns and
/// the conversation's own commands are the `Conversation`'s; this only renders their events.
final class ChatLoop {
    private var conversation: Conversation
    private let connectAssistant: @Sendable (String?) async throws -> LLMAssistant
    /// The reply being made, which Ctrl-C interrupts.
    private let currentTurn = CurrentTurn()
    private let sessions: SessionStore
    private var session: ChatSession
    private let datasetName: String
    private let modelName: String
    private let reader: LineReader
    private let printer: ChatPrinter
    private var debug = false

    init(conversation: Conversation, connectAssistant: @escaping @Sendable (String?) async throws -> LLMAssistant,
         sessions: SessionStore, session: ChatSession, datasetName: String, modelName: String,
         reader: LineReader, printer: ChatPrinter) {
        self.conversation = conversation
        self.connectAssistant = connectAssistant
        self.sessions = sessions
        self.session = session
        self.datasetName = datasetName
        self.modelName = modelName
        self.reader = reader
        self.printer = printer
    }

    private var assistant: LLMAssistant? {
        get { conversation.assistant }
        set { conversation.assistant = newValue }
    }

    func run() async throws {
        defer { reader.finish() }
        // Ctrl-C while an answer is made cancels that answer, not the program.
        signal(SIGINT, SIG_IGN)
        let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupts.setEventHandler { [currentTurn] in currentTurn.cancel() }
        interrupts.resume()
        defer { interrupts.cancel() }
        if reader.interactive {
            let llm = assistant.map { " + LLM \($0.stage.configuration.strategy.rawValue) at \($0.stage.client.configuration.endpoint.absoluteString)" } ?? ""
            printer.info("Curator on \(datasetName) (\(conversation.engine.catalog.count) titles, \(modelName) recall\(llm)). Tell me a film you liked, or what you're in the mood for. /help for commands, Ctrl-D to leave.")
            if !session.turns.isEmpty { printer.info("Resumed: \(session.liked.count) liked, \(session.turns.count) turns. /history shows them.") }
        }
        while let line = await reader.next(prompt: reader.interactive ? printer.bold("you› ") : "") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text.hasPrefix("/") {
                if try await !command(text) { break }
                continue
            }
            await show(conversation.respond(to: text, in: session))
        }
        do { try sessions.save(session, as: "last") } catch {
            printer.info("Could not save the conversation as 'last': \(error)")
            return
        }
        if reader.interactive { printer.info("Saved as 'last' (curator chat --resume last). Bye.") }
    }

    /// Renders a reply as its events arrive and keeps the session it ends with. Ctrl-C
    /// interrupts the LLM work; the reply still ends, in recall order or with what was written.
    private func show(_ reply: Conversation.Reply) async {
        let renderer = ChatRenderer(printer: printer, streaming: assistant != nil)
        let start = ContinuousClock.now
        currentTurn.set { reply.interrupt() }
        defer { currentTurn.set(nil) }
        for await event in reply {
            renderer.render(event)
            guard case .finished(let outcome) = event else { continue }
            session = outcome.session
            if debug && outcome.understood != nil {
                printDebug(outcome, firstItem: renderer.firstItemAt.map { ($0 - start).seconds })
            }
        }
    }

    /// Runs a slash command; returns false when the conversation should end.
    private func command(_ text: String) async throws -> Bool {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first?.lowercased() ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        do throws(Conversation.CommandError) {
            if let command = try Conversation.Command(parsing: text) {
                await show(conversation.perform(command, in: session))
                return true
            }
        } catch {
            printer.info(error.message)
            return true
        }
        switch name {
        case "help", "?":
            printer.info(Self.help)
        case "save":
            let label = argument ?? "last"
            do {
                try sessions.save(session, as: label)
                printer.info("Saved as '\(label)'.")
            } catch {
                printer.info("Could not save as '\(label)': \(error). The conversation goes on; /save again later.")
            }
        case "load":
            guard let argument else {
                printer.info("Saved: " + (try sessions.list().map { "\($0.name) (\($0.turns) turns)" }.joined(separator: ", ")))
                break
            }
            guard let saved = try sessions.load(argument) else { printer.info("No conversation saved as '\(argument)'."); break }
            session = saved
            printer.info("Loaded '\(argument)': \(session.liked.count) liked, \(session.turns.count) turns.")
        case "model":
            await switchModel(argument)
        case "prompt":
            switchPrompt(argument)
        case "debug":
            debug.toggle()
            printer.info("Debug \(debug ? "on" : "off").")
        case "quit", "exit", "bye":
            return false
        default:
            printer.info("Unknown command /\(name). /help lists them.")
        }
        return true
    }

    private func switchModel(_ argument: String?) async {
        guard let argument else {
            guard let assistant else { return printer.info("No LLM: answers come from \(modelName) recall and the rules. /model local or /model URL starts one.") }
            let configuration = assistant.stage.client.configuration
            return printer.info("LLM: \(configuration.model ?? "the server's model") at \(configuration.endpoint.absoluteString), \(assistant.stage.configuration.strategy.rawValue) rerank of \(assistant.stage.configuration.candidateCount) candidates.")
        }
        if argument == "none" || argument == "off" {
            assistant = nil
            return printer.info("LLM off: answers come from recall and the rules.")
        }
        do {
            assistant = try await connectAssistant(argument == "local" ? nil : argument)
            printer.info("LLM: now \(assistant!.stage.client.configuration.endpoint.absoluteString).")
        } catch {
            printer.info("Could not reach that LLM (\(error)); keeping the previous setting.")
        }
    }

    private func switchPrompt(_ argument: String?) {
        guard var current = assistant else { return printer.info("No LLM in use, so no prompts. /model local starts one.") }
        guard let argument else {
            let names = ["rerank-\(current.stage.configuration.strategy == .listwise ? "listwise" : "verbalizer")", "explain"]
            let lines = names.compactMap { name in (try? current.stage.prompts.template(name)).map { "  \(name) v\($0.version) #\($0.hash)" } }
            return printer.info("Rerank strategy \(current.stage.configuration.strategy.rawValue); templates:\n" + lines.joined(separator: "\n") + "\n/prompt verbalizer|listwise|bootstrap switches the strategy, /prompt DIR the template folder.")
        }
        var configuration = current.stage.configuration
        var prompts = current.stage.prompts
        if let strategy = RerankStrategy(rawValue: argument) {
            configuration.strategy = strategy
        } else {
            do { prompts = try PromptLibrary(folder: URL(fileURLWithPath: argument)) } catch {
                return printer.info("Not a strategy (verbalizer, listwise, bootstrap) nor a prompt folder: \(error)")
            }
        }
        current.stage = LLMStage(client: current.stage.client, prompts: prompts, configuration: configuration)
        assistant = current
        printer.info("Rerank: \(configuration.strategy.rawValue), templates from \(prompts.folder.path).")
    }

    private func printDebug(_ outcome: Conversation.Outcome, firstItem: Double?) {
        let timings = outcome.timings
        var lines = [String(format: "turn took %.1f ms (rules' reading %.1f ms, recall %.1f ms); recall %@ over %d liked",
                            timings.totalSeconds * 1000, timings.understandingSeconds * 1000, timings.recallSeconds * 1000,
                            modelName, outcome.session.liked.count)]
        if let firstItem { lines.append(String(format: "first item on screen after %.0f ms", firstItem * 1000)) }
        if let reading = timings.readingSeconds { lines.append(String(format: "LLM reading %.0f ms", reading * 1000)) }
        if let words = timings.wordsSeconds { lines.append(String(format: "words embedded in %.0f ms", words * 1000)) }
        if let rerank = timings.rerankSeconds {
            let skipped = outcome.fallbacks.first { $0.step == .rerank }.map { ", skipped: \($0.reason)" } ?? ""
            lines.append(String(format: "LLM rerank %.0f ms, explanations %.0f ms, %d prompt + %d generated tokens, template #%@%@",
                                rerank * 1000, (timings.explanationSeconds ?? 0) * 1000, timings.promptTokens,
                                timings.completionTokens, timings.templateHash, skipped))
            if let decider = timings.decider { lines.append(decider) }
            lines.append("explanations: \(timings.llmExplanations) from the LLM, \(timings.groundedExplanations) grounded, "
                         + "\(timings.rejectedExplanations) LLM sentences failed the faithfulness check")
        }
        for entry in outcome.reply.entries {
            lines.append(String(format: "  %d. %@ score %.3f, recall rank %d, anchor %@", entry.position, entry.id, entry.score, entry.recallRank, entry.anchorID ?? "-"))
        }
        printer.info(lines.joined(separator: "\n"))
    }

    /// The conversation's help, and the terminal's own commands.
    static let help = Conversation.help + "\n" + """
        /save [name], /load [name]   keep or resume a conversation (Ctrl-D saves as 'last')
        /model, /prompt       the LLM endpoint and prompt template (when an LLM is in use)
        /debug                show candidates, scores and timings
        /quit                 leave (also Ctrl-D)
        """
}

/// How to stop the LLM work under way, shared with the Ctrl-C handler.
final class CurrentTurn: Sendable {
    private let cancelAction = Mutex<(@Sendable () -> Void)?>(nil)

    func set(_ cancel: (@Sendable () -> Void)?) { cancelAction.withLock { $0 = cancel } }

    func cancel() { cancelAction.withLock { $0?() } }
}
