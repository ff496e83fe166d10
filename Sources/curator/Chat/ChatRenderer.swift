import CuratorChat
import Foundation

/// Writes a reply's events as they arrive, in the chat's layout.
///
/// Without an LLM each item is one line with its reason beside it. With one, an item's line
/// goes on screen as soon as the order is known and its reason comes on the line below:
/// streamed word by word when the LLM writes it, whole when it comes from recall (the LLM
/// step skipped or interrupted), so every item keeps its reason in either case.
/// One renderer serves one reply, from one task.
final class ChatRenderer {
    private let printer: ChatPrinter
    /// Whether reasons go below the items (an LLM is in use) rather than beside them.
    private let streaming: Bool
    private var entries: [ChatReply.Entry] = []
    /// The position whose line was printed last (0: none yet).
    private var current = 0
    /// Positions whose reason is on screen (streamed or whole).
    private var written: Set<Int> = []
    /// A reason is being streamed and its line is not ended yet.
    private var midLine = false
    /// When the first item reached the screen.
    private(set) var firstItemAt: ContinuousClock.Instant?

    init(printer: ChatPrinter, streaming: Bool) {
        self.printer = printer
        self.streaming = streaming
    }

    func render(_ event: Conversation.Event) {
        switch event {
        case .understood(let understood):
            if !understood.message.isEmpty { Terminal.out(understood.message) }
        case .ranked(let entries):
            self.entries = entries
            guard !entries.isEmpty else { break }
            if streaming { move(to: 1) } else { for entry in entries { Terminal.out(printer.line(entry)) } }
            firstItemAt = firstItemAt ?? .now
        case .explanationDelta(let position, let text):
            guard streaming, !text.isEmpty else { break }
            move(to: position)
            if !midLine { Terminal.write("     ") }
            Terminal.write(text)
            midLine = true
            written.insert(position)
        case .explanation(let position, let text, _):
            guard streaming else { break }
            if written.contains(position) {
                if position == current { endLine() }
            } else {
                move(to: position)
                writeReason(text, at: position)
            }
        case .followUp(let text):
            endLine()
            Terminal.out(text)
        case .message(let text):
            endLine()
            printer.info(text)
        case .note(let text):
            endLine()
            Terminal.out(printer.note(text))
        case .fallback(let fallback):
            endLine()
            Terminal.out(printer.note(fallback.message))
        case .timings:
            endLine()
        case .finished(let outcome):
            endLine()
            if outcome.understood != nil { Terminal.out("") }
        }
    }

    /// Prints item lines up to `position`; an item passed over without a streamed reason gets
    /// its recall reason, so no reason goes missing.
    private func move(to position: Int) {
        guard position > current else { return }
        endLine()
        while current < position && current < entries.count {
            if current > 0 && !written.contains(current) { writeReason(entries[current - 1].reason, at: current) }
            current += 1
            Terminal.out(printer.header(entries[current - 1]))
        }
    }

    private func writeReason(_ text: String, at position: Int) {
        Terminal.out("     " + printer.dim(text))
        written.insert(position)
    }

    private func endLine() {
        if midLine {
            Terminal.write("\n")
            midLine = false
        }
    }
}
