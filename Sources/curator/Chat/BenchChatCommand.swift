import ArgumentParser
import CuratorChat
import CuratorCore
import Foundation
import Synchronization

struct BenchChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Time a scripted conversation: from Enter to the first recommended item, and to the whole answer.",
        discussion: """
        Runs each line of the script as a turn, as the chat would (with --llm local, the \
        LLM step included), and prints p50/p95 of the time to the first item and to the full \
        answer (explanations included).

        Example:
          curator bench chat --data examples/movies --llm local
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var chat: ChatOptions

    @Option(help: ArgumentHelp("One turn per line (default: examples/movies/conversation.txt beside --data).", valueName: "file"))
    var script: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let path = script ?? URL(fileURLWithPath: data.data).appendingPathComponent("conversation.txt").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw UserError("\(path): no such script") }
        let turns = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let conversation = try await chat.makeConversation(data)
        let turnReader = chat.understanding.turnReader(for: conversation.assistant, catalog: conversation.dataset.catalog)
        var session = ChatSession()
        var firstItem: [Double] = [], whole: [Double] = [], skipped = 0, tokens = 0, llmReadTurns = 0
        for (index, turn) in turns.enumerated() {
            let start = ContinuousClock.now
            var understanding = conversation.engine.interpreter.interpret(turn)
            if let turnReader, chat.understanding.asksLLM(after: understanding), let read = try? await turnReader.read(turn) {
                understanding = understanding.merged(with: read)
                llmReadTurns += 1
            }
            var reply = conversation.engine.respond(to: turn, understood: understanding, in: &session)
            var first = reply.entries.isEmpty ? nil : (ContinuousClock.now - start).seconds
            if let assistant = conversation.assistant, !reply.entries.isEmpty {
                let ranked = Mutex<Double?>(nil)
                let (refined, trace) = await assistant.refine(reply, session: session, request: turn, listSize: conversation.engine.listSize,
                    onRanked: { _ in ranked.withLock { $0 = (ContinuousClock.now - start).seconds } })
                reply = refined
                first = ranked.withLock { $0 }
                if trace.skipped != nil { skipped += 1 }
                tokens += trace.promptTokens + trace.completionTokens
                conversation.engine.remember(refined.entries, in: &session)
            }
            let total = (ContinuousClock.now - start).seconds
            if let first { firstItem.append(first) }
            whole.append(total)
            Terminal.err(Terminal.dim(String(format: "turn %d/%d: first item %@, whole answer %.2fs", index + 1, turns.count,
                                             first.map { String(format: "%.2fs", $0) } ?? "-", total)))
        }
        let figures: [String: Any] = [
            "turns": turns.count, "llm": chat.llm, "strategy": chat.strategy.rawValue, "candidates": chat.candidates,
            "first_item_p50_s": Self.percentile(firstItem, 50), "first_item_p95_s": Self.percentile(firstItem, 95),
            "answer_p50_s": Self.percentile(whole, 50), "answer_p95_s": Self.percentile(whole, 95),
            "llm_skipped_turns": skipped, "llm_tokens": tokens, "understanding": chat.understanding.rawValue, "llm_read_turns": llmReadTurns,
        ]
        if json {
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
            return Terminal.out(String(decoding: data, as: UTF8.self))
        }
        var table = TextTable("measure", "p50 s", "p95 s")
        table.add(["Enter → first item", String(format: "%.3f", Self.percentile(firstItem, 50)), String(format: "%.3f", Self.percentile(firstItem, 95))])
        table.add(["Enter → whole answer", String(format: "%.3f", Self.percentile(whole, 50)), String(format: "%.3f", Self.percentile(whole, 95))])
        Terminal.out("\(turns.count) turns, LLM \(chat.llm)" + (chat.llm == "none" ? "" : " (\(chat.strategy.rawValue), \(chat.candidates) candidates; understanding \(chat.understanding.rawValue), \(llmReadTurns) turns read by the LLM; \(skipped) turns fell back to recall; \(tokens) tokens)"))
        Terminal.out(table.render())
    }

    /// Nearest-rank percentile.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
    }
}
