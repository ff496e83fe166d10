import Foundation

extension Conversation {
    /// A command that acts on the conversation itself, the same from a terminal and over HTTP
    /// (`/like 3`, `/more`). Commands about the program (saving, the model, quitting) belong
    /// to the edge that offers them.
    public enum Command: Sendable, Equatable {
        /// Records a like or dislike of the item at a position of the last list (1-based), then answers again.
        case like(Int)
        case dislike(Int)
        /// More items along the same lines, skipping those shown.
        case more
        /// Why the item at a position of the last list is there.
        case why(Int)
        /// The filters and moods in force.
        case constraints
        /// Starts over: no likes, no constraints.
        case reset
        /// What the user liked, disliked and said so far.
        case history
        /// What the conversation understands and the commands (`Conversation.help`).
        case help

        /// The names `init(parsing:)` knows, for help texts.
        public static let names = ["like", "dislike", "more", "why", "constraints", "reset", "history", "help"]

        /// Reads `/like 3`, `/more`, `/why` (the first item)… .
        /// - Returns: nil when `text` is not one of these commands (another edge's, or none).
        /// - Throws: `CommandError` when the command is known but its argument is not a position.
        public init?(parsing text: String) throws(CommandError) {
            guard text.hasPrefix("/") else { return nil }
            let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
            let name = parts.first?.lowercased() ?? ""
            let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
            // Places count from 1: "/like 0" is no place, as "/like abc" is not.
            let position = argument.flatMap(Int.init).flatMap { $0 >= 1 ? $0 : nil }
            switch name {
            case "like", "dislike":
                guard let position else { throw CommandError(message: "usage: /\(name) N (a position in the last list)") }
                self = name == "like" ? .like(position) : .dislike(position)
            case "why":
                if argument != nil && position == nil { throw CommandError(message: "usage: /why N (a position in the last list)") }
                self = .why(position ?? 1)
            case "more": self = .more
            case "constraints": self = .constraints
            case "reset": self = .reset
            case "history": self = .history
            case "help", "?": self = .help
            default: return nil
            }
        }
    }
}

extension Conversation.Command {
    /// A command said as words, without its slash, when the whole turn is nothing else:
    /// "more", "more please", "show me more", "like 3", "dislike 2", "hate 2", "dont like 1",
    /// "why 4". The reader would
    /// not catch them ("I didn't catch a film or a preference there").
    public init?(saying text: String) {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        if Self.moreSaid.contains(words) {
            self = .more
            return
        }
        // "help" would otherwise be searched for as words (a trial got three films for it).
        if Self.helpSaid.contains(words) {
            self = .help
            return
        }
        guard (2...3).contains(words.count), let place = Int(words[words.count - 1]), (1...50).contains(place) else { return nil }
        switch words.dropLast().joined(separator: " ") {
        case "like", "love", "loved", "liked": self = .like(place)
        case "dislike", "hate", "hated", "dont like", "do not", "didnt like", "nope": self = .dislike(place)
        case "why": self = .why(place)
        default: return nil
        }
    }

    private static let helpSaid: [[String]] = [
        ["help"], ["help", "me"], ["help", "please"], ["please", "help"], ["what", "can", "you", "do"], ["what", "can", "i", "say"],
        ["how", "does", "this", "work"], ["how", "do", "i", "use", "this"], ["how", "does", "it", "work"], ["commands"], ["what", "are", "the", "commands"],
    ]

    private static let moreSaid: [[String]] = [["more"], ["more", "please"], ["show", "more"], ["show", "me", "more"], ["next"], ["more", "options"]]
}

extension Conversation {
    /// A known command with an argument it cannot use.
    public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}

extension Conversation {
    /// What the conversation understands, with examples, and its commands: the answer to
    /// `/help` over HTTP and to "help" in words (the terminal adds its own commands).
    public static let help = """
        Talk freely: "I loved Heat and Se7en", "something darker but not horror", "nothing before 1990",
        "something for kids", "not that one", "more like the second", "seen the first one".
        /like N, /dislike N   react to item N of the last list
        /why N                why item N is there
        /more                 more items, skipping those shown
        /constraints          the filters and moods in force
        /reset                start over
        /history              what you liked, disliked and said
        """
}
