import ArgumentParser
import CuratorChat
import CuratorCore
import CuratorEval
import Foundation

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

    @Option(help: ArgumentHelp("One turn per line (default: conversation.txt in the --data folder, as examples/movies has).", valueName: "file"))
    var script: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let path = script ?? URL(fileURLWithPath: data.data).appendingPathComponent("conversation.txt").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw UserError("\(path): no such script; give one with --script FILE (one turn per line)")
        }
        let turns = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let setup = try await chat.makeConversation(data, waitForCatalog: true)
        // Turns are timed once the catalog's embeddings are ready (start-up is not a turn).
        try await setup.words?.prepared()
        let conversation = setup.conversation
        var session = ChatSession()
        var firstItem: [Double] = [], whole: [Double] = [], understanding: [Double] = [], recall: [Double] = []
        var skipped = 0, tokens = 0, llmReadTurns = 0
        for (index, turn) in turns.enumerated() {
            // Timed where the chat prints: from handing the line over to the event's arrival
            // (the turn's own timings start inside its task, a thread hop later).
            let entered = ContinuousClock.now
            var shown: Double?, finished: Conversation.Outcome?
            for await event in conversation.respond(to: turn, in: session) {
                switch event {
                case .ranked: shown = shown ?? (ContinuousClock.now - entered).seconds
                case .finished(let outcome): finished = outcome
                default: break
                }
            }
            guard let outcome = finished else { break }
            session = outcome.session
            let timings = outcome.timings
            if let shown, timings.firstItemSeconds != nil { firstItem.append(shown) }
            whole.append((ContinuousClock.now - entered).seconds)
            understanding.append(timings.understandingSeconds)
            recall.append(timings.recallSeconds)
            if outcome.understood?.readByLLM == true { llmReadTurns += 1 }
            if outcome.fallbacks.contains(where: { $0.step == .rerank }) { skipped += 1 }
            tokens += timings.promptTokens + timings.completionTokens
            Terminal.err(Terminal.dim(String(format: "turn %d/%d: first item %@, whole answer %.3fs (rules' reading %.3fs, words %@, recall %.3fs)",
                                             index + 1, turns.count, shown.map { String(format: "%.3fs", $0) } ?? "-",
                                             whole.last ?? 0, timings.understandingSeconds,
                                             timings.wordsSeconds.map { String(format: "%.3fs", $0) } ?? "-", timings.recallSeconds)))
        }
        if json {
            return try Terminal.json(encoding: Figures(
                turns: turns.count, llm: chat.llm.description, strategy: chat.strategy.rawValue, candidates: chat.candidates,
                understanding: chat.understanding.rawValue, firstItem: firstItem, answer: whole, reading: understanding, recall: recall,
                llmSkippedTurns: skipped, llmTokens: tokens, llmReadTurns: llmReadTurns))
        }
        var table = TextTable("measure", "p50 s", "p95 s")
        table.add(["Enter → first item", String(format: "%.3f", Self.percentile(firstItem, 50)), String(format: "%.3f", Self.percentile(firstItem, 95))])
        table.add(["rules' reading", String(format: "%.3f", Self.percentile(understanding, 50)), String(format: "%.3f", Self.percentile(understanding, 95))])
        table.add(["engine (recall, filters)", String(format: "%.3f", Self.percentile(recall, 50)), String(format: "%.3f", Self.percentile(recall, 95))])
        table.add(["Enter → whole answer", String(format: "%.3f", Self.percentile(whole, 50)), String(format: "%.3f", Self.percentile(whole, 95))])
        Terminal.out("\(turns.count) turns, LLM \(chat.llm)" + (chat.llm == .none ? "" : " (\(chat.strategy.rawValue), \(chat.candidates) candidates; understanding \(chat.understanding.rawValue), \(llmReadTurns) turns read by the LLM; \(skipped) turns fell back to recall; \(tokens) tokens)"))
        Terminal.out(table.render())
    }

    /// `--json`: the setup, p50 and p95 (seconds) of each measure, and the LLM's share.
    struct Figures: Encodable {
        var turns: Int
        var llm: String
        var strategy: String
        var candidates: Int
        var understanding: String
        var firstItemP50, firstItemP95, answerP50, answerP95, readingP50, readingP95, recallP50, recallP95: Double
        var llmSkippedTurns: Int
        var llmTokens: Int
        var llmReadTurns: Int

        enum CodingKeys: String, CodingKey {
            case turns, llm, strategy, candidates, understanding
            case firstItemP50 = "first_item_p50_s", firstItemP95 = "first_item_p95_s"
            case answerP50 = "answer_p50_s", answerP95 = "answer_p95_s"
            case readingP50 = "reading_p50_s", readingP95 = "reading_p95_s"
            case recallP50 = "recall_p50_s", recallP95 = "recall_p95_s"
            case llmSkippedTurns = "llm_skipped_turns", llmTokens = "llm_tokens", llmReadTurns = "llm_read_turns"
        }

        init(turns: Int, llm: String, strategy: String, candidates: Int, understanding: String, firstItem: [Double], answer: [Double],
             reading: [Double], recall: [Double], llmSkippedTurns: Int, llmTokens: Int, llmReadTurns: Int) {
            (self.turns, self.llm, self.strategy, self.candidates, self.understanding) = (turns, llm, strategy, candidates, understanding)
            (firstItemP50, firstItemP95) = (BenchChatCommand.percentile(firstItem, 50), BenchChatCommand.percentile(firstItem, 95))
            (answerP50, answerP95) = (BenchChatCommand.percentile(answer, 50), BenchChatCommand.percentile(answer, 95))
            (readingP50, readingP95) = (BenchChatCommand.percentile(reading, 50), BenchChatCommand.percentile(reading, 95))
            (recallP50, recallP95) = (BenchChatCommand.percentile(recall, 50), BenchChatCommand.percentile(recall, 95))
            (self.llmSkippedTurns, self.llmTokens, self.llmReadTurns) = (llmSkippedTurns, llmTokens, llmReadTurns)
        }
    }

    /// Nearest-rank percentile, `p` in percent.
    static func percentile(_ values: [Double], _ p: Double) -> Double { Percentile.nearestRank(values, p / 100) }
}
