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

    /// The reply as plain text, as the non-interactive chat prints it.
    public var plainText: String {
        var lines: [String] = []
        if !message.isEmpty { lines.append(message) }
        for entry in entries {
            let year = entry.year.map { " (\($0))" } ?? ""
            lines.append("  \(entry.position). \(entry.title)\(year) — \(entry.reason)")
        }
        if let followUp { lines.append(followUp) }
        lines.append(contentsOf: notes.map { "(\($0))" })
        return lines.joined(separator: "\n")
    }
}
