@testable import CuratorChat
import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

/// A whole turn through `Conversation`: the events of each kind of turn, in the order the
/// chat prints them, without the binary.
@Suite("Conversation")
struct ConversationTests {
    let conversation = Conversation(engine: ConversationEngineTests.engine)

    /// The events of `text` answered in `session`, and the session after them.
    static func turn(_ conversation: Conversation, _ text: String, in session: ChatSession = ChatSession()) async -> ([Conversation.Event], Conversation.Outcome) {
        let events = await conversation.respond(to: text, in: session).collect()
        guard case .finished(let outcome)? = events.last else { fatalError("a reply ends with .finished: \(events)") }
        return (events, outcome)
    }

    static func perform(_ conversation: Conversation, _ command: Conversation.Command, in session: ChatSession) async -> ([Conversation.Event], Conversation.Outcome) {
        let events = await conversation.perform(command, in: session).collect()
        guard case .finished(let outcome)? = events.last else { fatalError("a reply ends with .finished: \(events)") }
        return (events, outcome)
    }

    /// Each event's kind, for checking order.
    static func kinds(_ events: [Conversation.Event]) -> [String] {
        events.map { event in
            switch event {
            case .understood: "understood"
            case .ranked: "ranked"
            case .explanationDelta: "delta"
            case .explanation: "explanation"
            case .followUp: "followUp"
            case .message: "message"
            case .note: "note"
            case .fallback: "fallback"
            case .timings: "timings"
            case .finished: "finished"
            }
        }
    }

    /// The order the chat prints: understood, the list, its reasons, a question, remarks, timings, the end.
    static func expectPrintOrder(_ events: [Conversation.Event], sourceLocation: SourceLocation = #_sourceLocation) {
        let order = ["understood", "ranked", "delta", "explanation", "followUp", "message", "note", "timings", "finished"]
        let ranks = kinds(events).map { $0 == "fallback" ? order.firstIndex(of: "note")! : order.firstIndex(of: $0)! }
        // Deltas and explanations interleave per position (item 1's final reason may come
        // after item 2's first piece); every other kind keeps its place.
        let outer = ranks.map { $0 == 2 ? 3 : $0 }
        #expect(outer == outer.sorted(), "events in print order: \(kinds(events))", sourceLocation: sourceLocation)
        #expect(kinds(events).filter { $0 == "finished" }.count == 1, sourceLocation: sourceLocation)
        #expect(kinds(events).filter { $0 == "timings" }.count == 1, sourceLocation: sourceLocation)
    }

    static func ranked(_ events: [Conversation.Event]) -> [ChatReply.Entry]? {
        for case .ranked(let entries) in events { return entries }
        return nil
    }

    static func understood(_ events: [Conversation.Event]) -> Conversation.Understood? {
        for case .understood(let understood) in events { return understood }
        return nil
    }

    static func fallbacks(_ events: [Conversation.Event]) -> [Conversation.Fallback] {
        events.compactMap { if case .fallback(let fallback) = $0 { fallback } else { nil } }
    }

    @Test func aLikeLinksTheMentionsListsAtOnceAndGivesEveryItemItsReason() async throws {
        let (events, outcome) = await Self.turn(conversation, "I loved Heat and Se7en")
        Self.expectPrintOrder(events)
        let understood = try #require(Self.understood(events))
        #expect(understood.mentions.map(\.itemIDs) == [["heat"], ["se7en"]])
        #expect(understood.mentions.allSatisfy { $0.feeling == .liked && $0.isLinked })
        #expect(understood.message == "Noted: you liked Heat (1995) and Se7en (1995).")
        #expect(!understood.readByLLM)
        let list = try #require(Self.ranked(events))
        #expect(list.map(\.position) == [1, 2, 3, 4, 5])
        #expect(list == outcome.reply.entries)
        let reasons = events.compactMap { if case .explanation(let position, let text, _) = $0 { (position, text) } else { nil } }
        #expect(reasons.map(\.0) == [1, 2, 3, 4, 5])
        #expect(reasons.map(\.1) == list.map(\.reason))
        #expect(outcome.session.liked == ["heat", "se7en"])
        #expect(outcome.session.lastShown == list.map(\.id))
        #expect(outcome.session.turns.map(\.user) == ["I loved Heat and Se7en"])
        #expect(outcome.fallbacks.isEmpty)
        #expect(outcome.timings.firstItemSeconds != nil && outcome.timings.totalSeconds >= outcome.timings.firstItemSeconds!)
    }

    /// A film named with no feeling ("what about Heat?") is one to find more like; the reply
    /// must not claim the user liked it (a stranger's trial was told "Noted: you liked Titanic").
    @Test func aFilmNamedWithoutAFeelingIsNotSaidToBeLiked() async throws {
        let (events, outcome) = await Self.turn(conversation, "what about heat?")
        let understood = try #require(Self.understood(events))
        #expect(understood.message == "More like Heat (1995), then.")
        #expect(outcome.session.steering == ["heat"] && outcome.session.liked.isEmpty, "it steers the list, and is no like")
        let (said, _) = await Self.turn(conversation, "I loved heat")
        #expect(Self.understood(said)?.message == "Noted: you liked Heat (1995).")
    }

    @Test func aDislikeIsNotedAsSuchAndTheRecommendationsAvoidIt() async throws {
        let (events, outcome) = await Self.turn(conversation, "I hated The Shining")
        Self.expectPrintOrder(events)
        #expect(Self.understood(events)?.mentions.map { [$0.feeling.rawValue] + $0.itemIDs } == [["disliked", "shining"]])
        #expect(outcome.session.disliked == ["shining"] && outcome.session.liked.isEmpty)
        #expect(!(Self.ranked(events) ?? []).contains { $0.id == "shining" })
    }

    @Test func aConstraintOnlyTurnReportsItsConstraintsAndFiltersTheList() async throws {
        let (events, outcome) = await Self.turn(conversation, "something for kids, nothing before 1990")
        Self.expectPrintOrder(events)
        let understood = try #require(Self.understood(events))
        #expect(understood.mentions.isEmpty)
        #expect(understood.constraints.includeGenres == ["Children"])
        #expect(understood.constraints.minYear == 1990)
        #expect(understood.inForce == outcome.session.constraints)
        let list = try #require(Self.ranked(events))
        #expect(!list.isEmpty && list.allSatisfy { $0.genres.contains("Children") && ($0.year ?? 0) >= 1990 })
        #expect(events.contains(.followUp("Tell me a film you loved, and I'll tune these to your taste.")))
    }

    @Test func anUnknownTitleIsNeverReplacedByAnotherFilm() async throws {
        let (events, outcome) = await Self.turn(conversation, "I loved Kwyjibo")
        Self.expectPrintOrder(events)
        #expect(Self.understood(events)?.mentions == [])
        #expect(Self.ranked(events) == nil, "nothing to list from")
        #expect(outcome.session.liked.isEmpty)
        // The name was caught (and said to be missing): no "I didn't catch" after it.
        #expect(events.contains { if case .followUp(let text) = $0 { text.hasPrefix("Tell me a film you liked") } else { false } })
        #expect(outcome.reply.message == "I couldn't find \"kwyjibo\" in this catalog.", "the name is said to be missing")
    }

    /// A bare title two films share means the better-known one (the linker's popularity
    /// prior); a year picks the other. Asking back when the two are close is covered by
    /// `ConversationEngineTests`.
    @Test func aSharedTitleMeansTheBetterKnownFilmAndAYearPicksTheOther() async throws {
        let (events, outcome) = await Self.turn(conversation, "I liked Scarface")
        Self.expectPrintOrder(events)
        #expect(Self.understood(events)?.message == "Noted: you liked Scarface (1983).")
        #expect(outcome.session.liked == ["scarface83"])
        #expect(Self.ranked(events) != nil)
        let (answer, after) = await Self.turn(conversation, "I also liked Scarface 1932", in: outcome.session)
        #expect(Self.understood(answer)?.message == "Noted: you liked Scarface (1932).")
        #expect(after.session.liked == ["scarface83", "scarface32"])
    }

    @Test func commandsActOnTheLastListAndAnswerInWordsWhereTheyHaveNoList() async throws {
        let (_, first) = await Self.turn(conversation, "I loved Toy Story")
        let (liked, afterLike) = await Self.perform(conversation, .like(2), in: first.session)
        Self.expectPrintOrder(liked)
        let second = first.reply.entries[1]
        #expect(Self.understood(liked)?.message == "Noted: you liked \(second.title) (\(second.year!)).")
        #expect(afterLike.session.liked == ["toystory", second.id])
        #expect(afterLike.session.turns.count == 1, "a command is not a turn of the user's words")
        let (more, afterMore) = await Self.perform(conversation, .more, in: afterLike.session)
        #expect(Set(try #require(Self.ranked(more)).map(\.id)).isDisjoint(with: afterLike.session.shown))
        let (why, afterWhy) = await Self.perform(conversation, .why(1), in: afterMore.session)
        #expect(Self.kinds(why) == ["message", "timings", "finished"])
        #expect(afterWhy.understood == nil && afterWhy.session == afterMore.session)
        #expect(why.contains { if case .message(let text) = $0 { text.contains("it came") } else { false } })
        let (wrong, afterWrong) = await Self.perform(conversation, .dislike(9), in: afterWhy.session)
        #expect(Self.understood(wrong)?.message.contains("no item 9") == true && Self.ranked(wrong) == nil)
        #expect(afterWrong.session.disliked.isEmpty)
        let (_, afterReset) = await Self.perform(conversation, .reset, in: afterWrong.session)
        #expect(afterReset.session == ChatSession())
    }

    @Test func commandsParseAsTheREPLAndHTTPWriteThem() throws {
        #expect(try Conversation.Command(parsing: "/like 3") == .like(3))
        #expect(try Conversation.Command(parsing: "/DISLIKE 2") == .dislike(2))
        #expect(try Conversation.Command(parsing: "/why") == .why(1))
        #expect(try Conversation.Command(parsing: "/more") == .more)
        #expect(try Conversation.Command(parsing: "/history") == .history)
        #expect(try Conversation.Command(parsing: "/save mine") == nil, "the program's own commands are not the conversation's")
        #expect(try Conversation.Command(parsing: "I loved Heat") == nil)
        #expect(throws: Conversation.CommandError.self) { try Conversation.Command(parsing: "/like") }
        #expect(throws: Conversation.CommandError.self) { try Conversation.Command(parsing: "/like 0") }
        #expect(throws: Conversation.CommandError.self) { try Conversation.Command(parsing: "/why -2") }
        #expect(throws: Conversation.CommandError.self) { try Conversation.Command(parsing: "/why first") }
    }

    @Test func theTitleOfAFilmTurnedAwayIsNotSearchedFor() async throws {
        let heard = Mutex<[String]>([])
        var words = conversation
        words.startFromWords = { text in
            heard.withLock { $0.append(text) }
            return [Float](repeating: 0, count: ConversationEngineTests.engine.catalog.count)
        }
        let (events, _) = await Self.turn(words, "I hated Heat, something gentle")
        #expect(Self.ranked(events) != nil)
        let text = try #require(heard.withLock { $0.first })
        #expect(!text.lowercased().contains("heat"), "\(text)")
        #expect(text.contains("something gentle"), "\(text)")
    }

    @Test func wordsStartANewUsersListAndAFailureFallsBackToPopularity() async throws {
        var scores = [Float](repeating: 0, count: ConversationEngineTests.engine.catalog.count)
        scores[Int(ConversationEngineTests.engine.items.index(of: "up")!)] = 2
        var words = conversation
        words.startFromWords = { [scores] _ in scores }
        let (events, _) = await Self.turn(words, "a quiet evening")
        #expect(Self.ranked(events)?.first?.id == "up")
        #expect(events.contains(.note("picked from your words; likes will tune them")))
        struct NotReady: Error, CustomStringConvertible { var description: String { "the catalog is still being embedded" } }
        words.startFromWords = { _ in throw NotReady() }
        let (failed, outcome) = await Self.turn(words, "a quiet evening")
        Self.expectPrintOrder(failed)
        #expect(Self.fallbacks(failed).map(\.step) == [.words])
        #expect(Self.fallbacks(failed).first?.reason == "the catalog is still being embedded")
        #expect(outcome.reply.notes.contains(try #require(Self.fallbacks(failed).first).message))
    }
}

extension ConversationTests {
    /// A turn of feelings about films named asks for nothing: its list is not "close to what
    /// you asked for" (it was popularity, worded as if the words had picked it).
    @Test(arguments: ["i really despised the shining", "I've seen Heat", "alien was not for me", "honestly i hated up, it bored me"])
    func aTurnOfFeelingsAloneIsNotSearchedFor(turn: String) async throws {
        let heard = Mutex<[String]>([])
        var words = conversation
        words.startFromWords = { text in
            heard.withLock { $0.append(text) }
            return [Float](repeating: 1, count: ConversationEngineTests.engine.catalog.count)
        }
        let (events, _) = await Self.turn(words, turn)
        let ranked = try #require(Self.ranked(events), "\(turn)")
        #expect(heard.withLock { $0 }.isEmpty, "\(turn)")
        #expect(ranked.allSatisfy { !$0.fromWords && !$0.reason.contains("asked for") }, "\(turn)")
        let (wish, _) = await Self.turn(words, "I hated alien, something gentle and quiet")
        #expect(Self.ranked(wish)?.allSatisfy(\.fromWords) == true, "the words of a wish are searched for")
    }
}
