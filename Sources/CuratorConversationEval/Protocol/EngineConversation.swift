import CuratorChat
import CuratorCore
import CuratorEval
import Foundation

/// The chat's turn as `curator chat` runs it, for the benchmark: the rules' reading (merged
/// with an LLM's when asked), the engine's answer, and the LLM rerank when an assistant is set.
/// Explanations are the assistant's business and do not change the list; the benchmark's
/// assistant is usually configured without them.
public struct EngineConversation: ConversationSystem {
    public let name: String
    public let engine: ConversationEngine
    public let assistant: LLMAssistant?
    public let turnReader: LLMTurnReader?
    /// Whether the LLM also reads a turn the rules read so (the chat's `--understanding`).
    public let readsWithLLM: @Sendable (TurnUnderstanding) -> Bool

    /// - Parameters:
    ///   - engine: the conversation engine; its `candidatePool` is how deep the ranking goes
    ///     (50 gives Recall@50).
    ///   - assistant: the LLM rerank, or nil for recall order.
    ///   - turnReader: the LLM reading of turns, or nil for the rules alone.
    public init(
        name: String, engine: ConversationEngine, assistant: LLMAssistant? = nil, turnReader: LLMTurnReader? = nil,
        readsWithLLM: @escaping @Sendable (TurnUnderstanding) -> Bool = { _ in false }
    ) {
        self.name = name
        self.engine = engine
        self.assistant = assistant
        self.turnReader = turnReader
        self.readsWithLLM = readsWithLLM
    }

    public func start() -> ChatSession { ChatSession() }

    public func answer(_ text: String, in session: inout ChatSession) async -> TurnObservation {
        let started = ContinuousClock.now
        var notes: [String] = []
        var understanding = engine.interpreter.interpret(text)
        if let turnReader, readsWithLLM(understanding) {
            do { understanding = understanding.merged(with: try await turnReader.read(text)) } catch {
                notes.append("LLM reading skipped: \(error)")
            }
        }
        var reply = engine.respond(to: text, understood: understanding, in: &session)
        let pool = reply.candidates.isEmpty ? reply.entries : reply.candidates
        if let assistant, !reply.entries.isEmpty {
            let (refined, trace) = await assistant.refine(reply, session: session, request: text, listSize: engine.listSize)
            engine.remember(refined.entries, in: &session)
            if let skipped = trace.skipped { notes.append("LLM rerank skipped: \(skipped)") }
            reply = refined
        }
        let seconds = (ContinuousClock.now - started).seconds
        let shown = reply.entries.compactMap { engine.items.index(of: $0.id) }
        let rest = pool.compactMap { engine.items.index(of: $0.id) }.filter { !shown.contains($0) }
        let linked = understanding.mentions.filter { $0.items.count == 1 }.map {
            TurnObservation.Linked(item: $0.items[0], feeling: Self.feeling($0.feeling))
        }
        return TurnObservation(
            linked: linked, ambiguous: understanding.mentions.count { $0.items.count > 1 }, constraints: session.constraints,
            shown: shown, ranking: shown + rest, seconds: seconds, notes: notes + reply.notes)
    }

    static func feeling(_ feeling: ChatSession.Feeling) -> SimulatedUser.Feeling {
        switch feeling {
        case .liked: .liked
        case .disliked: .disliked
        case .seen: .seen
        }
    }
}
