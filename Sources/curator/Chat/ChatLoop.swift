import CuratorChat
import Foundation

/// The read–answer loop around the engine: slash commands, saving, and the terminal.
final class ChatLoop {
    private let engine: ConversationEngine
    private let sessions: SessionStore
    private var session: ChatSession
    private let datasetName: String
    private let modelName: String
    private let reader: LineReader
    private let printer: ChatPrinter
    private var debug = false

    init(engine: ConversationEngine, sessions: SessionStore, session: ChatSession, datasetName: String, modelName: String,
         reader: LineReader, printer: ChatPrinter) {
        self.engine = engine
        self.sessions = sessions
        self.session = session
        self.datasetName = datasetName
        self.modelName = modelName
        self.reader = reader
        self.printer = printer
    }

    func run() async throws {
        defer { reader.finish() }
        if reader.interactive {
            printer.info("Curator on \(datasetName) (\(engine.catalog.count) titles, \(modelName) recall). Tell me a film you liked, or what you're in the mood for. /help for commands, Ctrl-D to leave.")
            if !session.turns.isEmpty { printer.info("Resumed: \(session.liked.count) liked, \(session.turns.count) turns. /history shows them.") }
        }
        while let line = await reader.next(prompt: reader.interactive ? printer.bold("you› ") : "") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text.hasPrefix("/") {
                if try !command(text) { break }
                continue
            }
            let clock = ContinuousClock()
            var reply: ChatReply!
            let time = clock.measure { reply = engine.respond(to: text, in: &session) }
            printer.reply(reply)
            if debug { printDebug(reply, seconds: time.seconds) }
        }
        try sessions.save(session, as: "last")
        if reader.interactive { printer.info("Saved as 'last' (curator chat --resume last). Bye.") }
    }

    /// Runs a slash command; returns false when the conversation should end.
    private func command(_ text: String) throws -> Bool {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first?.lowercased() ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        let position = argument.flatMap(Int.init)
        switch name {
        case "help", "?":
            printer.info(Self.help)
        case "like", "dislike":
            guard let position else { printer.info("usage: /\(name) N (a position in the last list)"); break }
            printer.reply(engine.react(name == "like" ? .liked : .disliked, position: position, in: &session))
        case "why":
            printer.info(engine.why(position: position ?? 1, in: session))
        case "more":
            printer.reply(engine.more(&session))
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
        case "model", "prompt":
            printer.info("No LLM in this conversation: answers come from \(modelName) recall and the rules. Start with --llm to use one.")
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

    private func printDebug(_ reply: ChatReply, seconds: Double) {
        var lines = [String(format: "turn took %.1f ms; recall %@ over %d liked", seconds * 1000, modelName, session.liked.count)]
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
