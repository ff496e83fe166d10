import CuratorCore

/// What the engine answers to one turn: a short message, a list, and maybe a question.
public struct ChatReply: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// 1-based position in the list (what `/like 2` refers to).
        public var position: Int
        public var id: String
        public var title: String
        public var year: Int?
        public var genres: [String]
        /// Why it is here, grounded in the session ("Because you liked Heat (1995); dark").
        public var reason: String
        /// The liked item the reason names, if any.
        public var anchorID: String?
        public var score: Float
        public var recallRank: Int
        /// The session's wishes the item meets (what its reason may say it fits).
        public var wishesMet: [String] = []
        /// Whether it was picked from the user's words (no liked film yet).
        public var fromWords = false
        /// Whether it was ranked with the films the list is built on set aside ("something else
        /// entirely"): it came from no film named, and `/why` says so.
        public var setAside = false

        /// "  1. The Fugitive (1993)": the position and the title as people say it.
        public var header: String { "  \(position). \(spokenTitle)" }

        /// "The Fugitive (1993)".
        public var spokenTitle: String { Item.spoken(title) + (year.map { " (\($0))" } ?? "") }

        /// The item and its reason on one line, as the chat writes it on a pipe.
        public var line: String { header + " — " + reason }
    }

    /// What the turn understood or did ("Noted: you liked Heat (1995).").
    public var message: String
    public var entries: [Entry]
    /// The wider candidate pool behind `entries`, best first (what an LLM stage reranks).
    public var candidates: [Entry] = []
    /// A question back when the turn was unclear or a mention ambiguous.
    public var followUp: String?
    /// Remarks on how the answer was made ("LLM step skipped: …").
    public var notes: [String]

    public init(message: String, entries: [Entry] = [], followUp: String? = nil, notes: [String] = []) {
        self.message = message
        self.entries = entries
        self.followUp = followUp
        self.notes = notes
    }

    /// The reply as plain text, as the non-interactive chat prints it (and the OpenAI-compatible
    /// endpoint answers it); `PlainTextLines` gives the same lines from a reply's events.
    public var plainText: String {
        var lines: [String] = []
        if !message.isEmpty { lines.append(message) }
        lines.append(contentsOf: entries.map(\.line))
        if let followUp { lines.append(followUp) }
        lines.append(contentsOf: notes.map(Self.noteLine))
        return lines.joined(separator: "\n")
    }

    /// A note as the plain text shows it: in brackets.
    public static func noteLine(_ note: String) -> String { "(\(note))" }
}
