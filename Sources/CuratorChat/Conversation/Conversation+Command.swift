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
        /// Puts back the likes, dislikes and constraints as they were before the last turn
        /// that changed them ("undo", "scrap that", "forget what I just said").
        case undo
        /// What the conversation understands and the commands (`Conversation.help`).
        case help

        /// The names `init(parsing:)` knows, for help texts.
        public static let names = ["like", "dislike", "more", "why", "constraints", "reset", "history", "undo", "help"]

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
            case "undo": self = .undo
            case "help", "?": self = .help
            default: return nil
            }
        }
    }
}

extension Conversation.Command {
    /// A command said as words, without its slash, when the whole turn is nothing else:
    /// "more", "more please", "show me more", "five more", "another 5", "like 3", "dislike 2",
    /// "hate 2", "dont like 1", "why 4", "start over", "let's start again", "clear everything",
    /// "new conversation". The reader would not catch them ("I didn't catch a film or a
    /// preference there"), or would take their words for wishes ("five").
    public init?(saying text: String) {
        let words = TextNormalizer.tokens(text)
        if Self.asksForMore(words) {
            self = .more
            return
        }
        // "help" would otherwise be searched for as words (a trial got three films for it).
        if Self.helpSaid.contains(words) {
            self = .help
            return
        }
        if Self.startsOver(words) {
            self = .reset
            return
        }
        if Self.undoes(words) {
            self = .undo
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

    /// Words that may stand around "more" without changing it ("could you show me 5 more options please").
    private static let aroundMore: Set<String> = [
        "please", "pls", "ok", "okay", "show", "give", "me", "us", "some", "a", "few", "couple", "of", "options", "picks",
        "suggestions", "recommendations", "films", "movies", "ones", "titles", "ideas", "can", "could", "you", "i", "have",
        "get", "any", "lets", "see", "list", "yes", "sure", "then",
    ]

    /// "more", "five more", "another 5", "next", "more please": the next list (how many it
    /// shows is the conversation's list size; a count is never a wish). "Something else",
    /// "anything different", "other options" too: other films, nothing more asked (a trial's
    /// "something else" had been a film missing and a person's name).
    static func asksForMore(_ words: [String]) -> Bool {
        let rest = words.filter { !aroundMore.contains($0) && !(Int(TextNormalizer.titleForm($0)).map { (1...20).contains($0) } ?? false) }
        return ["more"] == rest || ["another"] == rest || ["next"] == rest || ["next", "list"] == rest
            || !rest.isEmpty && rest.count <= 3 && rest.allSatisfy(otherThanShown.contains) && rest.contains { !["something", "anything"].contains($0) }
    }

    /// Words asking for films other than the ones shown ("something else", "other options").
    private static let otherThanShown: Set<String> = ["else", "different", "other", "others", "alternatives", "instead", "something", "anything"]

    /// Words that may stand around starting over ("ok, can we start over please").
    private static let aroundReset: Set<String> = [
        "ok", "okay", "please", "pls", "lets", "let", "us", "can", "could", "we", "i", "id", "want", "wanna", "to", "like",
        "just", "so", "alright", "right", "hmm", "actually", "a", "the", "and", "shall", "now", "well", "yes", "yeah", "you",
        "me", "said", "told", "ive", "of", "it", "this", "that", "from", "clean", "new", "all",
    ]
    private static let starting: Set<String> = ["start", "begin", "restart", "reset", "started"]
    private static let anew: Set<String> = ["over", "again", "afresh", "fresh", "anew", "scratch"]
    private static let clearing: Set<String> = ["clear", "wipe", "forget", "erase", "reset", "scrap"]
    private static let wholeConversation: Set<String> = ["everything", "slate", "conversation", "chat", "session", "history", "all"]

    /// Words that take back what was just said ("scrap", "forget"), and the words that say it
    /// was the last thing ("that", "what i just said"). A stranger's "actually scrap that" had
    /// been read as words to search, its turn's likes left in force.
    private static let undoVerbs: Set<String> = [
        "undo", "scrap", "scratch", "cancel", "forget", "ignore", "disregard", "delete", "strike", "retract", "revert", "nevermind",
    ]
    private static let pointingBack: Set<String> = ["that", "it", "this", "last", "said", "wrote", "typed", "told", "previous"]
    private static let aroundUndo: Set<String> = [
        "ok", "okay", "oh", "no", "nope", "wait", "sorry", "oops", "actually", "please", "pls", "just", "what", "i", "you", "can",
        "could", "lets", "let", "us", "the", "thing", "one", "turn", "message", "bit", "part", "my", "answer", "step", "hmm", "um",
        "so", "well", "on", "second", "thought", "thoughts", "about", "mind", "never", "id", "ive", "me", "do", "an", "go", "back",
        "take", "a", "to", "before", "earlier", "now", "and", "all", "of",
    ]

    /// "undo", "actually scrap that", "forget what I just said", "scratch that", "take that
    /// back", "never mind that": the same as `/undo`. Words that take back, pointing at the
    /// last thing said ("undo" and "revert" need nothing more), and nothing else.
    static func undoes(_ words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= 9, words.allSatisfy({ aroundUndo.contains($0) || undoVerbs.contains($0) || pointingBack.contains($0) })
        else { return false }
        // "scrap that one", "delete the last one": a listed film, taken away by the list's reading.
        if words.contains("one"), !words.contains("undo") { return false }
        let said = Set(words)
        let takes = !said.isDisjoint(with: undoVerbs) || said.isSuperset(of: ["take", "back"]) || said.isSuperset(of: ["never", "mind"])
            || words == ["go", "back"]
        return takes && (!said.isDisjoint(with: ["undo", "revert"]) || !said.isDisjoint(with: pointingBack) || words == ["go", "back"])
    }

    /// "start over", "let's start again", "reset", "clear everything", "new conversation",
    /// "forget everything I said", "clean slate": the same as `/reset`.
    static func startsOver(_ words: [String]) -> Bool {
        let said = Set(words)
        let known = aroundReset.union(starting).union(anew).union(clearing).union(wholeConversation)
        guard !words.isEmpty, words.count <= 8, words.allSatisfy(known.contains) else { return false }
        return words.filter { !aroundReset.contains($0) } == ["restart"] || words.filter { !aroundReset.contains($0) } == ["reset"]
            || !said.isDisjoint(with: starting) && !said.isDisjoint(with: anew)
            || !said.isDisjoint(with: clearing) && !said.isDisjoint(with: wholeConversation)
            || said.contains("new") && !said.isDisjoint(with: ["conversation", "chat", "session", "start"])
            || said.isSuperset(of: ["clean", "slate"])
    }
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
        /undo                 take back the last turn's likes and constraints
        """
}
