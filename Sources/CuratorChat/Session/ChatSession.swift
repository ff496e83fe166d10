/// What the conversation has established so far. Items are kept by external id, so a saved
/// session still means the same films after the models are refitted.
public struct ChatSession: Sendable, Codable, Equatable {
    /// Liked items, in the order the user mentioned them (sequence models read this order).
    public var liked: [String] = []
    public var disliked: [String] = []
    /// Items the user has seen, without saying whether they liked them.
    public var seen: [String] = []
    public var constraints = Constraints()
    /// The last list shown, best first (what "the second" and "not that one" refer to).
    public var lastShown: [String] = []
    /// Everything shown in this conversation (what `/more` skips).
    public var shown: [String] = []
    /// Items a mention could mean, waiting for the user to pick one.
    public var pendingChoice: [String]?
    /// Whether the pending mention was a like, a dislike or a "seen".
    public var pendingFeeling: Feeling?
    public var turns: [Turn] = []

    public init() {}

    public enum Feeling: String, Sendable, Codable { case liked, disliked, seen }

    public struct Turn: Sendable, Codable, Equatable {
        public var user: String
        public var reply: String
    }

    /// Records a feeling about an item; the latest feeling wins.
    public mutating func record(_ id: String, as feeling: Feeling) {
        liked.removeAll { $0 == id }
        disliked.removeAll { $0 == id }
        seen.removeAll { $0 == id }
        switch feeling {
        case .liked: liked.append(id)
        case .disliked: disliked.append(id)
        case .seen: seen.append(id)
        }
    }

    /// Items never to recommend again in this conversation.
    public var excluded: Set<String> { Set(liked + disliked + seen) }
}

/// Hard filters and soft wishes gathered from the conversation.
public struct Constraints: Sendable, Codable, Equatable {
    /// At least one of these genres (empty: any).
    public var includeGenres: Set<String> = []
    public var excludeGenres: Set<String> = []
    public var minYear: Int?
    public var maxYear: Int?
    /// Moods and themes ("dark", "twist ending"), matched against tags and text.
    public var wishes: [String] = []

    public init() {}

    public var isEmpty: Bool {
        includeGenres.isEmpty && excludeGenres.isEmpty && minYear == nil && maxYear == nil && wishes.isEmpty
    }

    /// One line for `/constraints` and replies: "no Horror; from 1990; dark".
    public var summary: String {
        var parts: [String] = []
        if !includeGenres.isEmpty { parts.append(includeGenres.sorted().joined(separator: " or ")) }
        if !excludeGenres.isEmpty { parts.append("no " + excludeGenres.sorted().joined(separator: ", no ")) }
        switch (minYear, maxYear) {
        case let (min?, max?): parts.append("\(min)–\(max)")
        case let (min?, nil): parts.append("from \(min)")
        case let (nil, max?): parts.append("up to \(max)")
        default: break
        }
        parts.append(contentsOf: wishes)
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }
}
