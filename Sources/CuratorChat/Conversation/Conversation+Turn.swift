import Foundation
import CuratorLLMStage
import Synchronization

extension Conversation {
    /// A turn of free text: read, maybe start from the words, answer, then the LLM step.
    func turn(_ text: String, session: ChatSession, emit: Emitter) async {
        let start = ContinuousClock.now
        var session = session, timings = Timings(), fallbacks: [Fallback] = []
        var understanding = engine.interpreter.interpret(text, after: session.turns.suffix(3).map(\.user))
        timings.understandingSeconds = Self.seconds(since: start)
        var readByLLM = false
        // One deadline for all of the turn's LLM work: the reading, the rerank, the explanations.
        let budget = assistant.map { TurnBudget(limit: $0.stage.configuration.deadline) }
        if let turnReader, reading.asksLLM(after: understanding) {
            let began = ContinuousClock.now
            do {
                understanding = understanding.merged(with: try await turnReader.read(text, budget: budget))
                readByLLM = true
            } catch {
                let reason = Task.isCancelled ? "interrupted" : String(describing: error)
                fallbacks.append(Fallback(step: .reading, reason: reason,
                                          message: "LLM reading skipped (\(Fallback.brief(reason))): understood by the rules"))
            }
            timings.readingSeconds = Self.seconds(since: began)
        }
        var starting: [Float]?
        if understanding.asksWhy == nil, understanding.filmQuestion == nil, !understanding.closes, understanding.seriesShown.isEmpty, !understanding.mentions.contains(where: { $0.feeling == .liked && !$0.contextOnly }) {
            starting = await startingScores(session, adding: (text, understanding), fallbacks: &fallbacks, timings: &timings)
        }
        let began = ContinuousClock.now
        var reply = engine.respond(to: text, understood: understanding, in: &session, startingScores: starting)
        timings.recallSeconds = Self.seconds(since: began)
        reply.notes.append(contentsOf: fallbacks.map(\.message))
        let understood = Understood(
            message: reply.message,
            mentions: understanding.mentions.map { Mention(text: $0.text, feeling: $0.feeling, itemIDs: $0.items.map(engine.items.id(at:)), stated: $0.stated) },
            reactions: understanding.reactions, constraints: Self.constraints(of: understanding), inForce: session.constraints,
            readByLLM: readByLLM)
        emit.yield(.understood(understood))
        // A series shown as asked keeps its order: no rerank.
        await answer(reply, request: text, session: session, recordsTurn: true, understood: understood,
                     fallbacks: fallbacks, timings: timings, budget: budget, start: start, refines: understanding.seriesShown.isEmpty, emit: emit)
    }

    /// The user's words embedded into one score per item, while no film steers the list (a
    /// new user's start): the words of every turn so far, and of `adding` (this turn's text
    /// and reading). Nil when no film is wanted from words, or none asks for anything.
    private func startingScores(
        _ session: ChatSession, adding turn: (text: String, reading: TurnUnderstanding)? = nil, fallbacks: inout [Fallback], timings: inout Timings
    ) async -> [Float]? {
        guard let startFromWords, session.steering.isEmpty else { return nil }
        let began = ContinuousClock.now
        defer { timings.wordsSeconds = Self.seconds(since: began) }
        // Only words that ask for something: the titles of films turned away or seen are not
        // ("i hated the matrix" embedded whole brought The Matrix Reloaded first), and a turn
        // of feelings alone ("i really despised titanic") asks for nothing to be close to.
        let words = session.turns.compactMap { engine.interpreter.searchWords(in: $0.user) }
            + [turn.flatMap { engine.interpreter.searchWords(in: $0.text, reading: $0.reading) }].compactMap { $0 }
        guard !words.isEmpty else { return nil }
        do { return try await startFromWords(words.joined(separator: ". ")) } catch {
            let reason = String(describing: error)
            fallbacks.append(Fallback(step: .words, reason: reason, message: "your words were not used (\(Fallback.brief(reason))): the list starts from popularity"))
            return nil
        }
    }

    /// A command: a list again (`like`, `dislike`, `more`) or an answer in words. A list that
    /// started from the user's words goes on from them (`/more`, `/dislike 2`).
    func run(_ command: Command, session: ChatSession, emit: Emitter) async {
        let start = ContinuousClock.now
        var session = session, timings = Timings(), fallbacks: [Fallback] = []
        var reply: ChatReply
        switch command {
        case .like(let position): reply = engine.react(.liked, position: position, in: &session)
        case .dislike(let position):
            let starting = await startingScores(session, fallbacks: &fallbacks, timings: &timings)
            reply = engine.react(.disliked, position: position, in: &session, startingScores: starting)
        case .more:
            let starting = await startingScores(session, fallbacks: &fallbacks, timings: &timings)
            reply = engine.more(&session, startingScores: starting)
        case .why(let position): return say(engine.why(position: position, in: session), session: session, start: start, emit: emit)
        case .constraints: return say("Constraints: \(session.constraints.summary)", session: session, start: start, emit: emit)
        case .reset: return say("Starting over: no likes, no constraints.", session: ChatSession(), start: start, emit: emit)
        case .history: return say(history(of: session), session: session, start: start, emit: emit)
        case .undo:
            var session = session
            let message = engine.undo(&session)
            return say(message, session: session, start: start, emit: emit)
        case .help: return say(Self.help, session: session, start: start, emit: emit)
        }
        timings.recallSeconds = Self.seconds(since: start)
        reply.notes.append(contentsOf: fallbacks.map(\.message))
        let understood = Understood(message: reply.message, inForce: session.constraints)
        emit.yield(.understood(understood))
        await answer(reply, request: nil, session: session, recordsTurn: false, understood: understood,
                     fallbacks: fallbacks, timings: timings, start: start, emit: emit)
    }

    /// What was liked, disliked and seen, the constraints, and the last ten things said.
    func history(of session: ChatSession) -> String {
        let titles = { (ids: [String]) in ids.map { engine.title(of: $0) }.joined(separator: ", ") }
        var lines = ["Liked: " + (session.liked.isEmpty ? "none" : titles(session.liked))]
        // Films asked for more like of, with no feeling said: they steer the list, and are no likes.
        if !session.moreLike.isEmpty { lines.append("More like: " + titles(session.moreLike)) }
        if !session.disliked.isEmpty { lines.append("Not for you: " + titles(session.disliked)) }
        if !session.seen.isEmpty { lines.append("Seen: " + titles(session.seen)) }
        // Another person's films, left out of lists: said, so the user sees why they never come up.
        if !session.theirs.isEmpty { lines.append("Someone else's (not listed): " + titles(session.theirs)) }
        lines.append("Constraints: \(session.constraints.summary)")
        for turn in session.turns.suffix(10) { lines.append("you› \(turn.user)") }
        return lines.joined(separator: "\n")
    }

    private func say(_ text: String, session: ChatSession, start: ContinuousClock.Instant, emit: Emitter) {
        var timings = Timings()
        timings.totalSeconds = Self.seconds(since: start)
        emit.yield(.message(text))
        emit.yield(.timings(timings))
        emit.yield(.finished(Outcome(reply: ChatReply(message: text), session: session, understood: nil, fallbacks: [], timings: timings)))
    }

    /// The list, through the LLM step when there is one (and `refines`), then everything after it.
    private func answer(
        _ reply: ChatReply, request: String?, session: ChatSession, recordsTurn: Bool, understood: Understood,
        fallbacks: [Fallback], timings: Timings, budget: TurnBudget? = nil, start: ContinuousClock.Instant, refines: Bool = true, emit: Emitter
    ) async {
        var reply = reply, session = session, fallbacks = fallbacks, timings = timings
        if let assistant, refines, !reply.entries.isEmpty {
            (reply, fallbacks) = await refine(reply, with: assistant, request: request, session: session,
                                              fallbacks: fallbacks, timings: &timings, budget: budget, start: start, emit: emit)
            engine.remember(reply.entries, in: &session)
            if recordsTurn, !session.turns.isEmpty { session.turns[session.turns.count - 1].reply = reply.plainText }
        } else if !reply.entries.isEmpty {
            emit.yield(.ranked(reply.entries))
            timings.firstItemSeconds = Self.seconds(since: start)
        }
        for entry in reply.entries {
            emit.yield(.explanation(position: entry.position, text: entry.reason, anchorID: entry.anchorID))
        }
        if let followUp = reply.followUp { emit.yield(.followUp(followUp)) }
        for note in reply.notes {
            emit.yield(fallbacks.first { $0.message == note }.map(Event.fallback) ?? .note(note))
        }
        timings.totalSeconds = Self.seconds(since: start)
        emit.yield(.timings(timings))
        emit.yield(.finished(Outcome(reply: reply, session: session, understood: understood, fallbacks: fallbacks, timings: timings)))
    }

    /// Reranks and explains through the assistant; the order goes out as soon as it is known
    /// and the explanations as they are written. What the LLM step skipped becomes fallbacks.
    private func refine(
        _ reply: ChatReply, with assistant: LLMAssistant, request: String?, session: ChatSession, fallbacks: [Fallback],
        timings: inout Timings, budget: TurnBudget?, start: ContinuousClock.Instant, emit: Emitter
    ) async -> (ChatReply, [Fallback]) {
        var fallbacks = fallbacks
        if Task.isCancelled {
            var reply = reply
            let fallback = Fallback(step: .rerank, reason: "interrupted", message: "LLM step interrupted: the list is in recall order")
            reply.notes.append(fallback.message)
            emit.yield(.ranked(reply.entries))
            timings.firstItemSeconds = Self.seconds(since: start)
            return (reply, fallbacks + [fallback])
        }
        let ranked = Mutex<ContinuousClock.Instant?>(nil)
        let (refined, trace) = await assistant.refine(
            // As long as the list the engine made (a turn may ask for fewer: "just three").
            reply, session: session, request: request, listSize: reply.entries.count, budget: budget,
            onRanked: { entries in
                ranked.withLock { $0 = $0 ?? .now }
                emit.yield(.ranked(entries))
            },
            onText: { position, text in emit.yield(.explanationDelta(position: position + 1, text: text)) })
        let rankedAt = ranked.withLock { $0 }
        if rankedAt == nil { emit.yield(.ranked(refined.entries)) }
        timings.firstItemSeconds = Self.seconds(since: start, to: rankedAt ?? .now)
        timings.rerankSeconds = trace.rerankSeconds
        if let rankedAt { timings.explanationSeconds = Self.seconds(since: rankedAt) }
        timings.promptTokens = trace.promptTokens
        timings.completionTokens = trace.completionTokens
        timings.templateHash = trace.templateHash
        timings.decider = trace.decider
        timings.llmExplanations = trace.llmExplanations
        timings.groundedExplanations = trace.groundedExplanations
        timings.rejectedExplanations = trace.rejected.count
        // The notes the LLM step added say what it skipped.
        for note in refined.notes.dropFirst(reply.notes.count) {
            if let skipped = trace.skipped {
                fallbacks.append(Fallback(step: .rerank, reason: skipped, message: note))
            } else if Task.isCancelled {
                fallbacks.append(Fallback(step: .explanations, reason: "interrupted", message: note))
            }
        }
        return (refined, fallbacks)
    }

    /// The constraints a reading asks for, as session constraints.
    static func constraints(of understanding: TurnUnderstanding) -> Constraints {
        var constraints = Constraints()
        constraints.apply(understanding, correcting: false)
        return constraints
    }

    static func seconds(since start: ContinuousClock.Instant, to end: ContinuousClock.Instant = .now) -> Double {
        (end - start).seconds
    }
}
