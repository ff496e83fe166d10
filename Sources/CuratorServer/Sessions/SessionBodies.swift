import CuratorChat
import Foundation

/// The JSON of the session routes: a turn's reply, its items and what it understood, a
/// session's state, and the server-sent events of a streamed reply.
public enum SessionBodies {
    /// `POST /v1/sessions` → 201.
    public struct Created: Codable, Sendable {
        public var sessionID: String

        enum CodingKeys: String, CodingKey { case sessionID = "session_id" }
    }

    /// An item of a reply's list.
    public struct Item: Codable, Sendable, Equatable {
        public var position: Int
        public var id: String
        public var title: String
        /// The title as the chat says it, with the year: "The Fugitive (1993)".
        public var displayTitle: String
        public var year: Int?
        public var genres: [String]
        public var score: Float
        /// Why it is listed: the final explanation in a whole reply; in the streamed `ranked`
        /// event, the recall (grounded) reason before any LLM text.
        public var reason: String

        enum CodingKeys: String, CodingKey {
            case position, id, title, year, genres, score, reason
            case displayTitle = "display_title"
        }
    }

    public struct Mention: Codable, Sendable {
        public var text: String
        public var feeling: String
        /// Whether the feeling was said ("I loved Heat"), or the film only named ("what about
        /// Heat?": a `liked` feeling that steers the list but is not recorded as a like).
        public var stated: Bool
        public var itemIDs: [String]

        enum CodingKeys: String, CodingKey {
            case text, feeling, stated
            case itemIDs = "item_ids"
        }
    }

    /// Filters and moods, genre sets sorted.
    public struct ConstraintsBody: Codable, Sendable, Equatable {
        public var includeGenres: [String]
        /// Earlier genre groups that still hold (each "at least one of").
        public var heldGenres: [[String]]
        public var excludeGenres: [String]
        public var minYear: Int?
        public var maxYear: Int?
        /// Years turned away inside the range ("anything but the 1980s"): films from them are left out.
        public var excludedYears: [YearSpan]
        public var wishes: [String]
        /// Moods and themes turned away: films that have them are left out.
        public var avoided: [String]
        /// The one line the chat shows ("Comedy; no Horror; from 1990").
        public var summary: String

        enum CodingKeys: String, CodingKey {
            case wishes, avoided, summary
            case includeGenres = "include_genres"
            case heldGenres = "held_genres"
            case excludeGenres = "exclude_genres"
            case minYear = "min_year"
            case maxYear = "max_year"
            case excludedYears = "excluded_years"
        }

        /// Years from one to another, both kept.
        public struct YearSpan: Codable, Sendable, Equatable {
            public var from: Int
            public var to: Int
        }

        init(_ constraints: Constraints) {
            includeGenres = constraints.includeGenres.sorted()
            heldGenres = constraints.heldGenres.map { $0.sorted() }
            excludeGenres = constraints.excludeGenres.sorted()
            minYear = constraints.minYear
            maxYear = constraints.maxYear
            excludedYears = constraints.excludedYears.map { YearSpan(from: $0.lowerBound, to: $0.upperBound) }
            wishes = constraints.wishes
            avoided = constraints.avoided
            summary = constraints.summary
        }
    }

    /// What a turn understood.
    public struct Understood: Codable, Sendable {
        /// "Noted: you liked The Fugitive (1993)." (empty when nothing was noted).
        public var message: String
        public var mentions: [Mention]
        /// What this turn asked for.
        public var constraints: ConstraintsBody
        /// What is in force after it.
        public var inForce: ConstraintsBody
        public var readByLLM: Bool

        enum CodingKeys: String, CodingKey {
            case message, mentions, constraints
            case inForce = "in_force"
            case readByLLM = "read_by_llm"
        }
    }

    /// How long a turn took, in seconds, and what its LLM work cost.
    public struct Timings: Codable, Sendable {
        public var firstItem: Double?
        public var total: Double
        public var understanding: Double
        public var reading: Double?
        public var words: Double?
        public var recall: Double
        public var rerank: Double?
        public var explanations: Double?
        public var promptTokens: Int
        public var completionTokens: Int

        enum CodingKeys: String, CodingKey {
            case total, understanding, reading, words, recall, rerank, explanations
            case firstItem = "first_item"
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }

        init(_ timings: Conversation.Timings) {
            firstItem = timings.firstItemSeconds
            total = timings.totalSeconds
            understanding = timings.understandingSeconds
            reading = timings.readingSeconds
            words = timings.wordsSeconds
            recall = timings.recallSeconds
            rerank = timings.rerankSeconds
            explanations = timings.explanationSeconds
            promptTokens = timings.promptTokens
            completionTokens = timings.completionTokens
        }
    }

    /// A whole reply (`POST /v1/sessions/{id}/turns` without streaming).
    public struct Turn: Codable, Sendable {
        public var sessionID: String
        /// The exchange's number in the session, from 1 (turns and commands).
        public var turn: Int
        /// Nil for a command answered in words (`/why 2`, `/reset`).
        public var understood: Understood?
        public var items: [Item]
        /// An answer in words (`/why 2`), or nil.
        public var message: String?
        public var followUp: String?
        /// Remarks on how the answer was made, the fallbacks' lines among them.
        public var notes: [String]
        public var fallbacks: [Conversation.Fallback]
        public var timings: Timings
        /// The reply as the chat prints it on a pipe.
        public var text: String

        enum CodingKeys: String, CodingKey {
            case turn, understood, items, message, notes, fallbacks, timings, text
            case sessionID = "session_id"
            case followUp = "follow_up"
        }

        /// Writes `understood`, `message` and `follow_up` as null when absent, so every key is there.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sessionID, forKey: .sessionID)
            try container.encode(turn, forKey: .turn)
            try container.encode(understood, forKey: .understood)
            try container.encode(items, forKey: .items)
            try container.encode(message, forKey: .message)
            try container.encode(followUp, forKey: .followUp)
            try container.encode(notes, forKey: .notes)
            try container.encode(fallbacks, forKey: .fallbacks)
            try container.encode(timings, forKey: .timings)
            try container.encode(text, forKey: .text)
        }
    }

    /// `GET /v1/sessions/{id}`.
    public struct State: Codable, Sendable {
        public var sessionID: String?
        public var user: String?
        public var liked: [String]
        /// Films named without a feeling ("more like Heat"): the list follows them, they are not likes.
        public var moreLike: [String]
        public var disliked: [String]
        public var seen: [String]
        public var constraints: ConstraintsBody
        public var shown: [String]
        /// The last list, best first (what "the second" refers to).
        public var lastShown: [String]
        /// Exchanges so far (turns and commands).
        public var turns: Int

        enum CodingKeys: String, CodingKey {
            case user, liked, disliked, seen, constraints, shown, turns
            case moreLike = "more_like"
            case sessionID = "session_id"
            case lastShown = "last_shown"
        }

        init(id: String?, _ held: HeldSession) {
            sessionID = id
            user = held.user
            liked = held.session.liked
            moreLike = held.session.moreLike
            disliked = held.session.disliked
            seen = held.session.seen
            constraints = ConstraintsBody(held.session.constraints)
            shown = held.session.shown
            lastShown = held.session.lastShown
            turns = held.exchanges
        }
    }

    /// `{"text": …}`: a follow-up, message or note event.
    public struct Text: Codable, Sendable { public var text: String }

    /// `{"position", "text"}`: an explanation or a piece of one.
    public struct Explanation: Codable, Sendable {
        public var position: Int
        public var text: String
    }

    public struct Ranked: Codable, Sendable { public var items: [Item] }

    public struct Done: Codable, Sendable { public var turn: Int }

    /// A conversation event as a server-sent event (`event: name`, `data: one-line JSON`); nil
    /// for `finished`, which becomes `done` once the session is stored.
    static func frame(_ event: Conversation.Event) throws -> String? {
        switch event {
        case .understood(let understood): try EventStream.frame("understood", Understood(understood))
        case .ranked(let entries): try EventStream.frame("ranked", Ranked(items: entries.map(Item.init)))
        case .explanationDelta(let position, let text): try EventStream.frame("explanation_delta", Explanation(position: position, text: text))
        case .explanation(let position, let text, _): try EventStream.frame("explanation", Explanation(position: position, text: text))
        case .followUp(let text): try EventStream.frame("follow_up", Text(text: text))
        case .message(let text): try EventStream.frame("message", Text(text: text))
        case .note(let text): try EventStream.frame("note", Text(text: text))
        case .fallback(let fallback): try EventStream.frame("fallback", fallback)
        case .timings(let timings): try EventStream.frame("timings", Timings(timings))
        case .finished: nil
        }
    }
}

// The bodies' inits from the conversation's types live in extensions, so each keeps its
// memberwise init too (the JSON writer's tests build them field by field).
extension SessionBodies.Item {
    init(_ entry: ChatReply.Entry) {
        position = entry.position
        id = entry.id
        title = entry.title
        displayTitle = entry.spokenTitle
        year = entry.year
        genres = entry.genres
        score = entry.score.isFinite ? entry.score : 0
        reason = entry.reason
    }
}

extension SessionBodies.Understood {
    init(_ understood: Conversation.Understood) {
        message = understood.message
        mentions = understood.mentions.map {
            SessionBodies.Mention(text: $0.text, feeling: $0.feeling.rawValue, stated: $0.stated, itemIDs: $0.itemIDs)
        }
        constraints = SessionBodies.ConstraintsBody(understood.constraints)
        inForce = SessionBodies.ConstraintsBody(understood.inForce)
        readByLLM = understood.readByLLM
    }
}

extension SessionBodies.Turn {
    init(_ result: ConversationService.TurnResult) {
        let outcome = result.outcome
        sessionID = result.sessionID
        turn = result.turn
        understood = outcome.understood.map(SessionBodies.Understood.init)
        items = outcome.reply.entries.map(SessionBodies.Item.init)
        message = outcome.understood == nil ? outcome.reply.message : nil
        followUp = outcome.reply.followUp
        notes = outcome.reply.notes
        fallbacks = outcome.fallbacks
        timings = SessionBodies.Timings(outcome.timings)
        text = outcome.reply.plainText
    }
}
