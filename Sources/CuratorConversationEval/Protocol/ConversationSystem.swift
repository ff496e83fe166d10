import CuratorChat

/// The chat as the benchmark sees it: a turn of text in, what it understood and showed out.
/// One conversation per simulated user, each from a fresh state.
public protocol ConversationSystem: Sendable {
    associatedtype State: Sendable
    /// A label for reports ("itemknn", "itemknn + LLM rerank").
    var name: String { get }
    /// The state of a new conversation.
    func start() -> State
    /// Answers one turn.
    func answer(_ text: String, in state: inout State) async -> TurnObservation
}

/// What one turn of the chat understood and answered.
public struct TurnObservation: Sendable {
    /// A mention the chat linked to exactly one item, with the feeling it read.
    public struct Linked: Sendable, Equatable {
        public var item: Int32
        public var feeling: SimulatedUser.Feeling

        public init(item: Int32, feeling: SimulatedUser.Feeling) {
            self.item = item
            self.feeling = feeling
        }
    }

    public var linked: [Linked]
    /// Mentions the chat could not settle on one item (it asks back).
    public var ambiguous: Int
    /// The conversation's constraints after the turn.
    public var constraints: Constraints
    /// The list shown, best first.
    public var shown: [Int32]
    /// The ranking behind it (the shown items first), for Recall@10/@50.
    public var ranking: [Int32]
    /// Wall time of the turn.
    public var seconds: Double
    /// Remarks ("LLM step skipped: …").
    public var notes: [String]

    public init(
        linked: [Linked], ambiguous: Int, constraints: Constraints, shown: [Int32], ranking: [Int32], seconds: Double,
        notes: [String] = []
    ) {
        self.linked = linked
        self.ambiguous = ambiguous
        self.constraints = constraints
        self.shown = shown
        self.ranking = ranking
        self.seconds = seconds
        self.notes = notes
    }
}
