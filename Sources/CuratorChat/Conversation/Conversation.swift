import CuratorCore
import CuratorLLMStage

/// A whole turn of the conversation, the one place it is put together: the rules' reading
/// (and the LLM's, when asked), a new user's words as a starting point, recall through the
/// engine, the LLM rerank and streamed explanations, and what the session remembers.
///
/// It holds no session: each turn takes a `ChatSession` and ends with the session after it
/// (`Event.finished`), so one value serves a terminal, a benchmark or many HTTP sessions.
/// Nothing in it knows about terminals; every edge only renders its `Event`s.
///
/// ```swift
/// for await event in conversation.respond(to: "I loved Heat and Se7en", in: session) {
///     if case .finished(let outcome) = event { session = outcome.session }
/// }
/// ```
public struct Conversation: Sendable {
    /// The rules and recall half of a turn.
    public var engine: ConversationEngine
    /// The LLM step (rerank, explanations, reading turns), when one is in use.
    public var assistant: LLMAssistant? {
        didSet { turnReader = reading.turnReader(for: assistant, catalog: engine.catalog) }
    }
    /// When the LLM reads a turn as well as the rules.
    public var reading: Reading {
        didSet { turnReader = reading.turnReader(for: assistant, catalog: engine.catalog) }
    }
    /// A new user's words → one score per catalog item, used until the first like (text
    /// embeddings through the cold-start path). It may throw, for instance while the catalog
    /// is still being embedded: the turn then starts from popularity and says so.
    public var startFromWords: (@Sendable (String) async throws -> [Float])?
    /// What reads turns with the assistant's LLM (nil without one, or with `.rules`).
    public private(set) var turnReader: LLMTurnReader?

    public init(engine: ConversationEngine, assistant: LLMAssistant? = nil, reading: Reading = .auto,
                startFromWords: (@Sendable (String) async throws -> [Float])? = nil) {
        self.engine = engine
        self.assistant = assistant
        self.reading = reading
        self.startFromWords = startFromWords
        turnReader = reading.turnReader(for: assistant, catalog: engine.catalog)
    }

    /// When an LLM reads the user's turns, merged with the rules' reading (which wins where both speak).
    public enum Reading: String, Sendable, CaseIterable {
        /// The rules, and the LLM for a turn the rules understood nothing of.
        case auto
        /// Every turn read by the LLM too (a slower first item).
        case llm
        /// Never the LLM.
        case rules

        /// What reads turns with `assistant`'s LLM, unless turns are read by the rules only.
        public func turnReader(for assistant: LLMAssistant?, catalog: [Item]) -> LLMTurnReader? {
            guard self != .rules, let assistant else { return nil }
            return LLMTurnReader(client: assistant.stage.client, prompts: assistant.stage.prompts, catalog: catalog)
        }

        /// Whether the LLM reads a turn the rules read as `ruled`.
        public func asksLLM(after ruled: TurnUnderstanding) -> Bool {
            switch self {
            case .auto: ruled.isEmpty
            case .llm: true
            case .rules: false
            }
        }
    }

    /// Answers a turn of free text.
    /// - Parameters:
    ///   - text: what the user typed.
    ///   - session: the conversation so far; the session after the turn comes in `.finished`.
    ///   - observer: also sees each event, as it is made, on the turn's task.
    /// - Returns: the reply's events; iterate them once.
    public func respond(to text: String, in session: ChatSession, observer: (@Sendable (Event) -> Void)? = nil) -> Reply {
        // A command typed without its slash ("more", "like 3") is that command.
        if let command = Command(saying: text) { return perform(command, in: session, observer: observer) }
        return Reply(observer: observer) { emit in await turn(text, session: session, emit: emit) }
    }

    /// Runs a command on the conversation (`/like 2`, `/more`, `/why 1`, `/reset`).
    /// - Returns: the reply's events, ending with `.finished` and the session after the command.
    public func perform(_ command: Command, in session: ChatSession, observer: (@Sendable (Event) -> Void)? = nil) -> Reply {
        Reply(observer: observer) { emit in await run(command, session: session, emit: emit) }
    }
}
