extension Conversation {
    /// One step of a reply, in the order a terminal prints it:
    /// `understood` → `ranked` → (`explanationDelta`… → `explanation`)… → `followUp` →
    /// `fallback`/`note` → `timings` → `finished` (always last, exactly once).
    /// A command that answers in words (`/why 2`, `/reset`) gives `message` instead of a list.
    public enum Event: Sendable, Equatable {
        /// What the turn understood and noted.
        case understood(Understood)
        /// The list in its final order, at once (before any LLM explanation is written).
        case ranked([ChatReply.Entry])
        /// A piece of the explanation of the item at `position` (1-based), as it is written.
        case explanationDelta(position: Int, text: String)
        /// The final reason of the item at `position` (1-based); one per listed item, in order.
        case explanation(position: Int, text: String, anchorID: String?)
        /// A question back (which film was meant, or what the user would like).
        case followUp(String)
        /// An answer in words, outside a list (`/why`, `/constraints`, `/reset`).
        case message(String)
        /// A remark on how the answer was made ("picked from your words; …").
        case note(String)
        /// A step that was skipped, and why; the answer went on without it.
        case fallback(Fallback)
        /// How long the turn and its parts took.
        case timings(Timings)
        /// The whole reply and the session after it: store this session for the next turn.
        case finished(Outcome)
    }

    /// What a turn understood: the film mentions linked to catalog items, the constraints it
    /// read, and the line that notes them ("Noted: you liked Heat (1995).").
    public struct Understood: Sendable, Equatable {
        /// "Noted: …" / "Looking for: …" (empty when there is nothing to note).
        public var message: String
        /// Each film mention, with the items it may mean.
        public var mentions: [Mention]
        /// Reactions to the last list ("not that one", "more like the second").
        public var reactions: [TurnUnderstanding.Reaction]
        /// The constraints this turn asked for (genres, years, moods), before they join the session's.
        public var constraints: Constraints
        /// The constraints in force after the turn.
        public var inForce: Constraints
        /// Whether an LLM's reading was merged with the rules'.
        public var readByLLM: Bool

        public init(message: String, mentions: [Mention] = [], reactions: [TurnUnderstanding.Reaction] = [],
                    constraints: Constraints = Constraints(), inForce: Constraints = Constraints(), readByLLM: Bool = false) {
            self.message = message
            self.mentions = mentions
            self.reactions = reactions
            self.constraints = constraints
            self.inForce = inForce
            self.readByLLM = readByLLM
        }
    }

    /// A film mention in the user's words, linked to the catalog.
    public struct Mention: Sendable, Equatable, Codable {
        /// The words that named it, as matched.
        public var text: String
        public var feeling: ChatSession.Feeling
        /// External ids of the items it may mean: one when linked, several when the turn asks back.
        public var itemIDs: [String]
        /// Whether the words said the feeling; false for a film named with none ("what about
        /// Titanic?"): one to find more like, not a like.
        public var stated: Bool

        public init(text: String, feeling: ChatSession.Feeling, itemIDs: [String], stated: Bool = true) {
            self.text = text
            self.feeling = feeling
            self.itemIDs = itemIDs
            self.stated = stated
        }

        /// Reads mentions written before `stated` existed too (their feeling was said).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            text = try container.decode(String.self, forKey: .text)
            feeling = try container.decode(ChatSession.Feeling.self, forKey: .feeling)
            itemIDs = try container.decode([String].self, forKey: .itemIDs)
            stated = try container.decodeIfPresent(Bool.self, forKey: .stated) ?? true
        }

        /// Whether the mention names one item.
        public var isLinked: Bool { itemIDs.count == 1 }
    }

    /// A step of the turn that did not happen, and why.
    public struct Fallback: Sendable, Equatable, Codable {
        public enum Step: String, Sendable, Codable {
            /// The LLM's reading of the turn: understood by the rules alone.
            case reading
            /// The user's words as a starting point (text embeddings): popularity instead.
            case words
            /// The LLM rerank: the list is in recall order.
            case rerank
            /// The LLM explanations: the remaining reasons come from recall.
            case explanations
        }

        public var step: Step
        /// What went wrong (the error, "interrupted", …).
        public var reason: String

        /// A reason short enough for a note: cut at a word (never "server unreac…"), and a
        /// model's answer that did not fit its form not quoted.
        public static func brief(_ reason: String) -> String {
            if reason.hasPrefix(LLMTurnReaderError.lead) { return "the model's answer did not fit the reading's form" }
            guard reason.count > 140 else { return reason }
            let cut = reason.prefix(137)
            return String(cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut) + "…"
        }
        /// The line shown to the user, also kept in the reply's notes.
        public var message: String

        public init(step: Step, reason: String, message: String) {
            self.step = step
            self.reason = reason
            self.message = message
        }
    }

    /// How long a turn took, and what its LLM work cost.
    public struct Timings: Sendable, Equatable, Codable {
        /// From the turn's start to the list (`ranked`); nil when the turn listed nothing.
        public var firstItemSeconds: Double?
        /// From the turn's start to its end.
        public var totalSeconds: Double = 0
        /// The rules' reading of the turn (titles, feelings, constraints).
        public var understandingSeconds: Double = 0
        /// The LLM reading of the turn (when asked).
        public var readingSeconds: Double?
        /// The user's words embedded into starting scores (when used).
        public var wordsSeconds: Double?
        /// The engine's answer: recall, filters and wishes, the session's update.
        public var recallSeconds: Double = 0
        /// The LLM rerank, and the explanations after it (when an LLM refined the list).
        public var rerankSeconds: Double?
        public var explanationSeconds: Double?
        public var promptTokens = 0
        public var completionTokens = 0
        /// What decided the LLM's weight and explanations (its calibration record, or none).
        public var decider: String?
        /// Explanations by source, and the LLM sentences the faithfulness check turned down.
        public var llmExplanations = 0
        public var groundedExplanations = 0
        public var rejectedExplanations = 0
        /// The rerank template's hash (empty without an LLM).
        public var templateHash = ""

        public init() {}
    }

    /// A finished reply and the session after it.
    public struct Outcome: Sendable, Equatable {
        /// The reply as shown, in its final order, with final reasons and all notes.
        public var reply: ChatReply
        /// The session after the turn: keep it for the next one.
        public var session: ChatSession
        /// What the turn understood (nil for a command that answers in words).
        public var understood: Understood?
        public var fallbacks: [Fallback]
        public var timings: Timings
    }
}
