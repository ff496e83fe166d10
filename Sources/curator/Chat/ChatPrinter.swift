import CuratorChat
import Foundation

/// Writes replies: titles in bold and reasons dimmed on a terminal, plain text otherwise.
struct ChatPrinter {
    let color: Bool

    func reply(_ reply: ChatReply) {
        guard color else { return Terminal.out(reply.plainText + "\n") }
        var lines: [String] = []
        if !reply.message.isEmpty { lines.append(reply.message) }
        for entry in reply.entries {
            let year = entry.year.map { " (\($0))" } ?? ""
            lines.append("  \(entry.position). " + bold(entry.title + year) + dim("  " + entry.reason))
        }
        if let followUp = reply.followUp { lines.append(followUp) }
        lines.append(contentsOf: reply.notes.map { dim("(\($0))") })
        Terminal.out(lines.joined(separator: "\n") + "\n")
    }

    func info(_ text: String) { Terminal.out(color ? dim(text) : text) }

    func bold(_ text: String) -> String { color ? Terminal.bold(text) : text }
    func dim(_ text: String) -> String { color ? Terminal.dim(text) : text }
}
