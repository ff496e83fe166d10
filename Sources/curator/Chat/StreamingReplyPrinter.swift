import CuratorChat
import Foundation
import Synchronization

/// Prints a reply whose order and explanations arrive over time: each item's line as soon as
/// the order is known and its explanation streams in, word by word, beneath it.
final class StreamingReplyPrinter: Sendable {
    private struct State {
        var entries: [ChatReply.Entry] = []
        /// The item whose explanation is being written (-1: none yet).
        var current = -1
        var firstItemAt: ContinuousClock.Instant?
        var midLine = false
    }

    private let printer: ChatPrinter
    private let state = Mutex(State())

    init(printer: ChatPrinter) { self.printer = printer }

    /// When the first item reached the screen.
    var firstItemAt: ContinuousClock.Instant? { state.withLock { $0.firstItemAt } }

    /// The final order is known: the first item goes on screen now.
    func ranked(_ entries: [ChatReply.Entry]) {
        state.withLock { s in
            s.entries = entries
            if !entries.isEmpty { advance(to: 0, &s) }
        }
    }

    /// A piece of the explanation of the item at `position` (0-based).
    func text(_ position: Int, _ piece: String) {
        state.withLock { s in
            if position != s.current { advance(to: position, &s) }
            write(piece)
            s.midLine = true
        }
    }

    /// The reply is complete: items without a streamed explanation get their reason.
    func finish(_ reply: ChatReply) {
        state.withLock { s in
            s.entries = reply.entries
            if s.current < 0 { advance(to: 0, &s) }
            if s.midLine { write("\n"); s.midLine = false }
            // The current item's text was streamed; later items never started: print them whole.
            for position in (s.current + 1)..<max(s.current + 1, s.entries.count) {
                header(s.entries[position])
                write("     " + printer.dim(s.entries[position].reason) + "\n")
            }
            s.current = s.entries.count
        }
        if let followUp = reply.followUp { Terminal.out(followUp) }
        for note in reply.notes { Terminal.out(printer.dim("(\(note))")) }
        Terminal.out("")
    }

    private func advance(to position: Int, _ s: inout State) {
        if s.midLine { write("\n"); s.midLine = false }
        while s.current < position && s.current + 1 < s.entries.count {
            s.current += 1
            if s.current < position {  // skipped: no text came for it
                header(s.entries[s.current])
                write("     " + printer.dim(s.entries[s.current].reason) + "\n")
            } else {
                header(s.entries[s.current])
                write("     ")
            }
        }
        if s.firstItemAt == nil { s.firstItemAt = .now }
    }

    private func header(_ entry: ChatReply.Entry) {
        let year = entry.year.map { " (\($0))" } ?? ""
        write("  \(entry.position). " + printer.bold(entry.title + year) + "\n")
    }

    private func write(_ text: String) {
        Terminal.write(text)
    }
}
