import CuratorChat
import CuratorCore
import Foundation

/// How the chat's text looks: titles in bold and reasons dimmed on a terminal, plain text otherwise.
struct ChatPrinter {
    let color: Bool

    /// One item on one line, its reason beside it ("  1. Heat (1995) — Because you liked …").
    func line(_ entry: ChatReply.Entry) -> String {
        color ? header(entry) + dim("  " + entry.reason) : entry.line
    }

    /// "  1. Heat (1995)", the title in bold.
    func header(_ entry: ChatReply.Entry) -> String {
        "  \(entry.position). " + bold(entry.spokenTitle)
    }

    /// A remark on how the answer was made, in brackets.
    func note(_ text: String) -> String { dim(ChatReply.noteLine(text)) }

    func info(_ text: String) { Terminal.out(color ? dim(text) : text) }

    func bold(_ text: String) -> String { color ? Terminal.bold(text) : text }
    func dim(_ text: String) -> String { color ? Terminal.dim(text) : text }
}
