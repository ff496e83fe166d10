import CuratorColdStart
import CuratorChat
import CuratorCore
import CuratorLLM
import CuratorRecall
import Foundation
import Logging
import Synchronization

/// Conversations over HTTP: each session a `ChatSession` held where the serving store keeps
/// them (`HeldSessionStore`: the state folder's SQLite, or PostgreSQL shared by replicas; the
/// ones in use kept decoded in memory too, `CachedSessionStore`), each
/// turn the chat's `Conversation` (built by `ConversationSettings`, as `curator chat` builds
/// it). A turn loads the session, runs the conversation, stores the session after it (unless
/// another turn was stored meanwhile), and records the likes and dislikes said in it as
/// feedback. The routes only parse, call this and encode.
public final class ConversationService: Sendable {
    let service: RecommendationService
    let store: CachedSessionStore
    let llm: LLMClient?
    let logger: Logger
    private let conversation = Mutex<Conversation?>(nil)
    /// The chat's recall model as trained, kept to place onboarded items when they change.
    private let trained = Mutex<(any RecallModel)?>(nil)
    /// Sessions with a turn under way (one at a time per session).
    private let running = Mutex<Set<String>>([])

    /// The longest turn text accepted (413 above it).
    public static let textLimit = 16_384

    /// - Parameter llm: the LLM the turns use (nil: recall and rules only).
    public init(service: RecommendationService, llm: LLMClient?, logger: Logger) {
        self.service = service
        self.llm = llm
        self.logger = logger
        store = CachedSessionStore(service.store.sessions)
    }

    var settings: ConversationSettings { service.configuration.conversation }

    /// Builds the conversation (the recall model loaded, or fitted and saved when none is stored).
    /// - Throws: the model's or the LLM step's setup error.
    func prepare(progress: any ProgressReporter) throws {
        let recall = try settings.recall(dataset: service.dataset, models: service.modelStore, progress: progress)
        trained.withLock { $0 = recall }
        let made = try build(recall: recall, onboarded: service.state.snapshot?.text?.catalog)
        conversation.withLock { $0 = made }
        logger.info("conversations ready", metadata: ["model": "\(settings.recallModel(for: service.dataset))", "llm": "\(llm?.configuration.endpoint.absoluteString ?? "none")"])
    }

    /// The conversation over the dataset and its onboarded items (`onboarded`, the served text
    /// catalog; nil or none: the dataset alone), placed as `curator recommend` and the chat
    /// place them: items added with `items add` or `PUT /v1/items` are named, filtered and
    /// recommended in a session too.
    private func build(recall: any RecallModel, onboarded: OnboardedCatalog?) throws -> Conversation {
        var dataset = service.dataset, model = recall
        if let onboarded, onboarded.onboardedCount > 0 {
            dataset = onboarded.extending(dataset)
            model = OnboardedRecallModel(OnboardedScorer(model: recall, catalog: onboarded, itemCounts: service.itemCounts))
        }
        let engine = try settings.engine(dataset: dataset, recall: model)
        var assistant: LLMAssistant?
        if let llm {
            let (made, notice) = try settings.assistant(client: llm, dataset: dataset, recall: model, stateRoot: service.configuration.state.root)
            assistant = made
            if let notice { logger.notice("\(notice)") }
        }
        var startFromWords: (@Sendable (String) async throws -> [Float])?
        if service.embedder != nil {
            let count = dataset.itemCount
            startFromWords = { [service] text in try await service.wordScores(text, count: count) }
        }
        return Conversation(engine: engine, assistant: assistant, reading: settings.reading, startFromWords: startFromWords)
    }

    /// Whether the conversation is built (turns are answered).
    public var isReady: Bool { conversation.withLock { $0 != nil } }

    func ready() throws -> Conversation {
        guard let current = conversation.withLock({ $0 }) else {
            throw ServiceError(.notReady, code: "not_ready", message: "conversations are not ready yet: the chat's recall model is loading")
        }
        // The served catalog gained (or lost) onboarded items since the conversation was built
        // (the text catalog loads beside it at start-up; an item onboarded later joins it):
        // rebuilt over it, once, by the first turn to see it.
        guard let onboarded = service.state.snapshot?.text?.catalog, onboarded.count != current.engine.recommender.catalog.count,
              let recall = trained.withLock({ $0 }) else { return current }
        let made = try build(recall: recall, onboarded: onboarded)
        return conversation.withLock { stored in
            if stored?.engine.recommender.catalog.count != onboarded.count { stored = made }
            return stored!
        }
    }

    var ttl: TimeInterval { service.configuration.sessionTTL.seconds }

    /// A request's words read by the chat's rules (nil until the conversations are ready, or for a
    /// text longer than a turn, which the request refuses).
    public func reading(of text: String) -> RequestReading? {
        // A text over a turn's length is refused by the request (413) before anything reads it.
        guard text.utf8.count <= Self.textLimit else { return nil }
        return conversation.withLock { $0 }?.engine.interpreter.reading(of: text)
    }

    // MARK: Sessions

    /// Starts a session, seeded with `user`'s history (their interactions and feedback: liked,
    /// and disliked what they marked unwanted) when one is named.
    /// - Returns: the new session's id.
    /// - Throws: `ServiceError` (not found for an unknown user, not ready).
    public func create(user: String?) async throws -> String {
        _ = try ready()
        var session = ChatSession()
        if let user {
            let snapshot = try service.snapshot()
            let state: RecommendationService.UserState
            do { state = try await service.context(user: user, snapshot: snapshot) } catch let error as ServiceError where error.kind == .notFound {
                throw ServiceError(.notFound, code: error.code, message: error.message, field: "user")
            }
            let known = { (index: Int32) in Int(index) < self.service.dataset.itemCount }
            // What they rated below their own mean is seen, not liked: the chat says "because
            // you liked" only of liked films.
            let liked = Set(state.liked)
            for index in state.context.history where known(index) {
                session.record(service.dataset.items.id(at: index), as: liked.contains(index) ? .liked : .seen)
            }
            for index in state.unwanted where known(index) { session.record(service.dataset.items.id(at: index), as: .disliked) }
        }
        let id = UUID().uuidString.lowercased()
        try await store.hold(HeldSession(session: session, user: user), as: id, expiresAt: Date(timeIntervalSinceNow: ttl))
        return id
    }

    /// A session's state.
    /// - Throws: `ServiceError` (not found).
    public func state(of id: String) async throws -> HeldSession {
        guard let held = try await store.held(id) else { throw Self.unknown(id) }
        return held
    }

    /// Ends a session.
    /// - Throws: `ServiceError` (not found).
    public func delete(_ id: String) async throws {
        guard try await store.delete(id) else { throw Self.unknown(id) }
    }

    /// Removes the sessions idle for longer than the time to live.
    @discardableResult
    public func removeExpired() async throws -> Int { try await store.removeExpired() }

    /// Why a finished turn was not stored: the session ended meanwhile, or another replica
    /// stored a turn of it first. That turn is not redone here: its words ("/like 1") may mean
    /// something else after the other's answer, so the client sees it and sends it again.
    func lost(_ id: String) async throws -> ServiceError {
        guard try await store.held(id) != nil else { return Self.unknown(id) }
        return ServiceError(.conflict, code: "session_changed",
                            message: "session '\(id)' answered another turn while this one ran; this one was not stored: send it again")
    }

    static func unknown(_ id: String) -> ServiceError {
        ServiceError(.notFound, code: "unknown_session", message: "no session '\(id)' (it never existed, was deleted, or expired)", field: "id")
    }

    // MARK: Turns

    /// A turn that passed its checks, maybe already under way.
    public struct PendingTurn: Sendable {
        public let sessionID: String
        let text: String
        let command: Conversation.Command?
        /// The session's version at the check: `run` reads its kept copy without asking again.
        let version: Int
        /// The turn started on the kept copy of the session while the store was asked for its
        /// version, when that copy was the version the store holds; its events wait for `run`.
        let started: (before: HeldSession, reply: Conversation.Reply)?
        /// Sees each event of the turn as it is made (a stream's writer), when one was given.
        let observer: Observer?
        /// The session's one turn at a time, taken by `begin` (so no event of a turn refused
        /// for another under way goes out), given back when `run` ends or the turn is dropped.
        let claim: TurnClaim
    }

    /// Sees a turn's events as they are made, on the turn's own task.
    public typealias Observer = @Sendable (Conversation.Event) -> Void

    /// What a finished turn answered, and its number in the session.
    public struct TurnResult: Sendable {
        public var sessionID: String
        public var turn: Int
        public var outcome: Conversation.Outcome
    }

    /// Checks a turn: its text, a command's argument, the session, that no other turn of it is
    /// under way here. The turn starts at once on the session's kept copy, while the store is
    /// asked whether that copy is the version it holds (a replica sharing the store may have
    /// stored a turn since): the answer's round trip is then not part of the wait for the first
    /// item. A copy found out of date is dropped (its work cancelled, nothing of it sent), and
    /// `run` reads the session afresh.
    /// - Parameter observer: sees each event of the turn as it is made, from the moment the
    ///   session it answers is known to be the store's.
    /// - Throws: `ServiceError`: bad request (empty text, an unknown command or a bad argument),
    ///   too large, not found, not ready, conflict (a turn of the session under way here).
    public func begin(_ text: String, in id: String, observer: Observer? = nil) async throws -> PendingTurn {
        let command = try Self.check(text)
        let conversation = try ready()
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard running.withLock({ $0.insert(id).inserted }) else {
            throw ServiceError(.conflict, code: "turn_in_progress", message: "session '\(id)' is answering another turn; send the next one after it")
        }
        let claim = TurnClaim { [weak self] in _ = self?.running.withLock { $0.remove(id) } }
        let gate = observer.map(EventGate.init)
        var gated: Observer?
        if let gate { gated = { gate.pass($0) } }
        var early: (HeldSession, Conversation.Reply)?
        if let kept = store.kept(id) {
            early = (kept, reply(to: words, command: command, in: kept.session, with: conversation, observer: gated))
        }
        guard let version = try await store.version(of: id, at: Date()) else { throw Self.unknown(id) }
        let started = early.flatMap { $0.0.version == version ? $0 : nil }
        if started != nil { gate?.open() }
        return PendingTurn(sessionID: id, text: words, command: command, version: version, started: started, observer: observer,
                           claim: claim)
    }

    /// Reads a turn's text: a command of the conversation (`/more`), or words.
    static func check(_ text: String) throws -> Conversation.Command? {
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count <= textLimit else {
            throw ServiceError(.tooLarge, code: "text_too_large", message: "a turn is at most \(textLimit) bytes of text", field: "text")
        }
        guard !words.isEmpty else { throw ServiceError.badField("text", "say something (or a command: /more, /why N, /like N, /dislike N, /constraints, /reset, /history)") }
        do {
            if let command = try Conversation.Command(parsing: words) { return command }
        } catch {
            throw ServiceError.badField("text", error.message)
        }
        if words.hasPrefix("/") {
            throw ServiceError.badField("text", "unknown command \(words.split(separator: " ").first ?? ""); the commands are " + Conversation.Command.names.map { "/" + $0 }.joined(separator: ", "))
        }
        return nil
    }

    /// Runs the turn to its end (its events go to the observer `begin` was given), then stores
    /// the session and records the likes and dislikes said as feedback. When the task is
    /// cancelled (the client went away) the turn's LLM work stops and nothing is stored.
    /// - Throws: `ServiceError` (conflict: another replica stored a turn since this one read
    ///   the session; not found: it was deleted or expired since `begin`), `CancellationError`
    ///   when cancelled, the store's error.
    public func run(_ pending: PendingTurn) async throws -> TurnResult {
        let id = pending.sessionID
        defer { pending.claim.release() }
        let before: HeldSession, reply: Conversation.Reply
        if let started = pending.started {
            (before, reply) = started
        } else {
            guard let read = try await store.held(id, version: pending.version) else { throw Self.unknown(id) }
            (before, reply) = (read, self.reply(to: pending.text, command: pending.command, in: read.session, with: try ready(),
                                                observer: pending.observer))
        }
        let outcome = try await answer(reply)
        let after = HeldSession(session: outcome.session, user: before.user, exchanges: before.exchanges + 1, version: before.version)
        guard try await store.replace(after, as: id, expiresAt: Date(timeIntervalSinceNow: ttl)) else { throw try await lost(id) }
        try await recordFeedback(before: before.session, after: outcome.session, user: before.user ?? id)
        return TurnResult(sessionID: id, turn: after.exchanges, outcome: outcome)
    }

    /// The reply of the conversation to a turn's words or command (under way once made).
    func reply(to text: String, command: Conversation.Command?, in session: ChatSession, with conversation: Conversation,
               observer: Observer? = nil) -> Conversation.Reply {
        command.map { conversation.perform($0, in: session, observer: observer) }
            ?? conversation.respond(to: text, in: session, observer: observer)
    }

    /// Waits for a reply to finish (its observer, if any, saw its events as they came).
    /// - Throws: `CancellationError` when the task was cancelled before the reply finished.
    func answer(_ reply: Conversation.Reply) async throws -> Conversation.Outcome {
        for await event in reply {
            if case .finished(let outcome) = event { return outcome }
        }
        service.metrics.chatTurnCancelled()
        logger.info("turn cancelled: its client went away; its LLM work was stopped")
        throw CancellationError()
    }

    /// The likes and dislikes a turn added, as feedback events of `user` (the feedback types
    /// `like` and `dislike`, when the server accepts them).
    func recordFeedback(before: ChatSession, after: ChatSession, user: String) async throws {
        let now = Int64(Date().timeIntervalSince1970)
        var events: [FeedbackEvent] = []
        for (type, ids, earlier) in [("like", after.liked, before.liked), ("dislike", after.disliked, before.disliked)]
        where service.configuration.feedback.weights[type] != nil {
            let old = Set(earlier)
            events += ids.filter { !old.contains($0) }.map { FeedbackEvent(user: user, item: $0, type: type, timestamp: now) }
        }
        guard !events.isEmpty else { return }
        _ = try await service.record(events)
    }

    // MARK: Stateless replay

    /// Replays the user turns of a stateless client (the OpenAI-compatible endpoint) through a
    /// fresh session; only the last one's events go to `observer`.
    /// - Throws: `ServiceError` (bad request: no turn, an unknown command), `CancellationError`.
    public func replay(_ turns: [String], observer: Observer? = nil) async throws -> Conversation.Outcome {
        guard !turns.isEmpty else { throw ServiceError.badField("messages", "at least one message with role 'user' is needed") }
        let commands = try turns.map(Self.check)
        let conversation = try ready()
        var session = ChatSession()
        var last: Conversation.Outcome?
        for (index, text) in turns.enumerated() {
            let final = index == turns.count - 1
            let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
            last = try await answer(reply(to: words, command: commands[index], in: session, with: conversation, observer: final ? observer : nil))
            session = last!.session
        }
        return last!
    }
}

/// A session's claim to answer one turn at a time, given back once: by `release`, or when the
/// claim is dropped (a turn begun and never run, its client gone before the response began).
final class TurnClaim: Sendable {
    private let giveBack: Mutex<(@Sendable () -> Void)?>

    init(_ giveBack: @escaping @Sendable () -> Void) {
        self.giveBack = Mutex(giveBack)
    }

    func release() {
        giveBack.withLock { giveBack in
            let once = giveBack
            giveBack = nil
            return once
        }?()
    }

    deinit { release() }
}

/// Holds a turn's events until it is known that the session it answers is the store's
/// (`open`), then passes them on in order; a turn dropped before that sends nothing.
final class EventGate: Sendable {
    private let observer: ConversationService.Observer
    private let state = Mutex<(open: Bool, held: [Conversation.Event])>((false, []))

    init(_ observer: @escaping ConversationService.Observer) {
        self.observer = observer
    }

    func pass(_ event: Conversation.Event) {
        // Passed on under the lock, so an event never overtakes the held ones `open` sends.
        state.withLock { state in
            if state.open { observer(event) } else { state.held.append(event) }
        }
    }

    func open() {
        state.withLock { state in
            for event in state.held { observer(event) }
            state = (true, [])
        }
    }
}

extension RecommendationService {
    /// A new user's words → one score per catalog item of the dataset, through the served
    /// text catalog (the path of `POST /v1/recommendations` with a text).
    /// - Throws: `ServiceError` (unavailable without an embedder, not ready), the embedder's error.
    /// - Parameter count: the items of the conversation's catalog (the dataset's, then the
    ///   onboarded ones it was built with).
    func wordScores(_ text: String, count: Int) async throws -> [Float] {
        guard let embedder, let catalog = try snapshot().text else {
            throw ServiceError(.unavailable, code: "text_unavailable", message: "no text embedder")
        }
        let query = try await embedder.embed([text])
        return Array(catalog.newUsers.scores(query: query, likes: []).prefix(count))
    }
}
