/// A reply's plain text (`ChatReply.plainText`, what the chat prints on a pipe) line by line as
/// its events arrive, for an edge that streams text: each item's line goes out with its final
/// reason. All the lines of a reply, joined by newlines, are its `plainText`.
public struct PlainTextLines: Sendable {
    private var entries: [ChatReply.Entry] = []

    public init() {}

    /// The lines `event` completes (none for most events).
    public mutating func lines(for event: Conversation.Event) -> [String] {
        switch event {
        case .understood(let understood): return understood.message.isEmpty ? [] : [understood.message]
        case .ranked(let entries):
            self.entries = entries
            return []
        case .explanation(let position, let text, _):
            guard var entry = entries.first(where: { $0.position == position }) else { return [] }
            entry.reason = text
            return [entry.line]
        case .followUp(let text), .message(let text): return [text]
        case .note(let text): return [ChatReply.noteLine(text)]
        case .fallback(let fallback): return [ChatReply.noteLine(fallback.message)]
        case .explanationDelta, .timings, .finished: return []
        }
    }
}
