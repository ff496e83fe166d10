import CuratorChat
import CuratorCore

/// The chat's `Conversation` as the benchmark sees it: each turn's events read for what it
/// understood (linked mentions, constraints in force), what it showed and the ranking behind
/// it, and how long the turn took. Whatever `curator chat` does with a turn — the rules, the
/// LLM reading, recall, the rerank — happens here the same way.
public struct ChatConversation: ConversationSystem {
    public let name: String
    public let conversation: Conversation

    /// - Parameters:
    ///   - conversation: the chat; its engine's `candidatePool` is how deep the ranking goes
    ///     (50 gives Recall@50).
    public init(name: String, conversation: Conversation) {
        self.name = name
        self.conversation = conversation
    }

    public func start() -> ChatSession { ChatSession() }

    public func answer(_ text: String, in session: inout ChatSession) async -> TurnObservation {
        let items = conversation.engine.items
        guard let outcome = await conversation.respond(to: text, in: session).outcome() else {
            return TurnObservation(linked: [], ambiguous: 0, constraints: session.constraints, shown: [], ranking: [], seconds: 0,
                                   notes: ["the reply ended before it finished"])
        }
        session = outcome.session
        let reply = outcome.reply
        let shown = reply.entries.compactMap { items.index(of: $0.id) }
        let pool = (reply.candidates.isEmpty ? reply.entries : reply.candidates).compactMap { items.index(of: $0.id) }
        let mentions = outcome.understood?.mentions ?? []
        let linked = mentions.filter(\.isLinked).compactMap { mention in
            items.index(of: mention.itemIDs[0]).map { TurnObservation.Linked(item: $0, feeling: Self.feeling(mention.feeling)) }
        }
        return TurnObservation(
            linked: linked, ambiguous: mentions.count { $0.itemIDs.count > 1 },
            constraints: outcome.understood?.inForce ?? session.constraints,
            shown: shown, ranking: shown + pool.filter { !shown.contains($0) },
            seconds: outcome.timings.totalSeconds, notes: reply.notes)
    }

    static func feeling(_ feeling: ChatSession.Feeling) -> SimulatedUser.Feeling {
        switch feeling {
        case .liked: .liked
        case .disliked: .disliked
        case .seen: .seen
        }
    }
}
