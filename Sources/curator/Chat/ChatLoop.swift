import CuratorChat
import CuratorPipeline
import Foundation
import Synchronization

/// The read–answer loop around the engine: slash commands, saving, the LLM step, the terminal.
final class ChatLoop {
    private let engine: ConversationEngine
    /// The LLM step, when one is in use (`/model` changes it).
    private var assistant: LLMAssistant? {
        didSet { turnReader = understanding.turnReader(for: assistant, catalog: engine.catalog) }
    }
    /// When the LLM reads a turn too (JSON schema), merged with the rules' reading.
    private let understanding: ChatOptions.Understanding
    private var turnReader: LLMTurnReader?
    /// A new user's words → scores, until the first like (see `ChatOptions`).
    private let startFromWords: (@Sendable (String) async throws -> [Float])?
    private let connectAssistant: @Sendable (String?) async throws -> LLMAssistant
    /// The turn being generated, which Ctrl-C cancels.
    private let currentTurn = CurrentTurn()
    private let sessions: SessionStore
    private var session: ChatSession
    private let datasetName: String
    private let modelName: String
    private let reader: LineReader
    private let printer: ChatPrinter
    private var debug = false

    init(engine: ConversationEngine, assistant: LLMAssistant?, understanding: ChatOptions.Understanding,
         startFromWords: (@Sendable (String) async throws -> [Float])?,
         connectAssistant: @escaping @Sendable (String?) async throws -> LLMAssistant,
         sessions: SessionStore, session: ChatSession, datasetName: String, modelName: String,
         reader: LineReader, printer: ChatPrinter) {
        self.engine = engine
        self.understanding = understanding
        self.startFromWords = startFromWords
        self.turnReader = understanding.turnReader(for: assistant, catalog: engine.catalog)
        self.assistant = assistant
        self.connectAssistant = connectAssistant
        self.sessions = sessions
        self.session = session
        self.datasetName = datasetName
        self.modelName = modelName
        self.reader = reader
        self.printer = printer
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
            printer.info("Curator on \(datasetName) (\(engine.catalog.count) titles, \(modelName) recall\(llm)). Tell me a film you liked, or what you're in the mood for. /help for commands, Ctrl-D to leave.")
            if !session.turns.isEmpty { printer.info("Resumed: \(session.liked.count) liked, \(session.turns.count) turns. /history shows them.") }
        }
        while let line = await reader.next(prompt: reader.interactive ? printer.bold("you› ") : "") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text.hasPrefix("/") {
                if try await !command(text) { break }
                continue
            }
            await turn(text)
        }
        try sessions.save(session, as: "last")
        if reader.interactive { printer.info("Saved as 'last' (curator chat --resume last). Bye.") }
    }

    /// Answers one turn: the engine's list at once without an LLM; with one, the reranked
    /// list item by item with explanations streaming, or the engine's list when it fails.
    private func turn(_ text: String) async {
        let start = ContinuousClock.now
        var understanding = engine.interpreter.interpret(text)
        var readingNote: String?
        if let turnReader, self.understanding.asksLLM(after: understanding) {
            let task = Task { try await turnReader.read(text) }
            currentTurn.set { task.cancel() }
            do { understanding = understanding.merged(with: try await task.value) } catch {
                readingNote = "LLM reading skipped (\(String(describing: error).prefix(80))): understood by the rules"
            }
            currentTurn.set(nil)
        }
        var starting: [Float]?
        if let startFromWords, session.liked.isEmpty, !understanding.mentions.contains(where: { $0.feeling == .liked }) {
            starting = try? await startFromWords((session.turns.map(\.user) + [text]).joined(separator: ". "))
        }
        var reply = engine.respond(to: text, understood: understanding, in: &session, startingScores: starting)
        if let readingNote { reply.notes.append(readingNote) }
        guard let assistant, !reply.entries.isEmpty else {
            printer.reply(reply)
            if debug { printDebug(reply, seconds: (ContinuousClock.now - start).seconds, trace: nil) }
            return
        }
        await refine(reply, with: assistant, request: text, start: start)
    }

    private func refine(_ reply: ChatReply, with assistant: LLMAssistant, request: String?, start: ContinuousClock.Instant) async {
        if !reply.message.isEmpty { Terminal.out(reply.message) }
        let streaming = StreamingReplyPrinter(printer: printer)
        let snapshot = session, listSize = engine.listSize
        let task = Task {
            await assistant.refine(
                reply, session: snapshot, request: request, listSize: listSize,
                onRanked: { streaming.ranked($0) }, onText: { streaming.text($0, $1) })
        }
        currentTurn.set { task.cancel() }
        let (refined, trace) = await task.value
        currentTurn.set(nil)
        engine.remember(refined.entries, in: &session)
        if !session.turns.isEmpty { session.turns[session.turns.count - 1].reply = refined.plainText }
        streaming.finish(refined)
        if debug {
            let first = streaming.firstItemAt.map { ($0 - start).seconds }
            printDebug(refined, seconds: (ContinuousClock.now - start).seconds, trace: trace, firstItem: first)
        }
    }

    /// Runs a slash command; returns false when the conversation should end.
    private func command(_ text: String) async throws -> Bool {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first?.lowercased() ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        let position = argument.flatMap(Int.init)
        switch name {
        case "help", "?":
            printer.info(Self.help)
        case "like", "dislike":
            guard let position else { printer.info("usage: /\(name) N (a position in the last list)"); break }
            await show(engine.react(name == "like" ? .liked : .disliked, position: position, in: &session))
        case "why":
            printer.info(engine.why(position: position ?? 1, in: session))
        case "more":
            await show(engine.more(&session))
        case "constraints":
            printer.info("Constraints: \(session.constraints.summary)")
        case "reset":
            session = ChatSession()
            printer.info("Starting over: no likes, no constraints.")
        case "history":
            printer.info(history())
        case "save":
            let label = argument ?? "last"
            try sessions.save(session, as: label)
            printer.info("Saved as '\(label)'.")
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

    private func history() -> String {
        var lines = ["Liked: " + (session.liked.isEmpty ? "none" : session.liked.joined(separator: ", "))]
        if !session.disliked.isEmpty { lines.append("Not for you: " + session.disliked.joined(separator: ", ")) }
        if !session.seen.isEmpty { lines.append("Seen: " + session.seen.joined(separator: ", ")) }
        lines.append("Constraints: \(session.constraints.summary)")
        for turn in session.turns.suffix(10) { lines.append("you› \(turn.user)") }
        return lines.joined(separator: "\n")
    }

    /// Shows a reply from a command (`/more`, `/like`): through the LLM step when there is one.
    private func show(_ reply: ChatReply) async {
        guard let assistant, !reply.entries.isEmpty else { return printer.reply(reply) }
        await refine(reply, with: assistant, request: nil, start: .now)
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

    private func printDebug(_ reply: ChatReply, seconds: Double, trace: LLMAssistant.Trace?, firstItem: Double? = nil) {
        var lines = [String(format: "turn took %.1f ms; recall %@ over %d liked", seconds * 1000, modelName, session.liked.count)]
        if let firstItem { lines.append(String(format: "first item on screen after %.0f ms", firstItem * 1000)) }
        if let trace {
            lines.append(String(format: "LLM rerank %.0f ms, %d prompt + %d generated tokens, template #%@%@", trace.rerankSeconds * 1000,
                                trace.promptTokens, trace.completionTokens, trace.templateHash, trace.skipped.map { ", skipped: \($0)" } ?? ""))
            if let decider = trace.decider { lines.append(decider) }
            lines.append("explanations: \(trace.llmExplanations) from the LLM, \(trace.groundedExplanations) grounded, \(trace.rejected.count) LLM sentences failed the faithfulness check")
        }
        for entry in reply.entries {
            lines.append(String(format: "  %d. %@ score %.3f, recall rank %d, anchor %@", entry.position, entry.id, entry.score, entry.recallRank, entry.anchorID ?? "-"))
        }
        printer.info(lines.joined(separator: "\n"))
    }

    static let help = """
        Talk freely: "I loved Heat and Se7en", "something darker but not horror", "nothing before 1990",
        "something for kids", "not that one", "more like the second".
        /like N, /dislike N   react to item N of the last list
        /why N                why item N is there
        /more                 more items, skipping those shown
        /constraints          the filters and moods in force
        /reset                start over
        /history              what you liked, disliked and said
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
