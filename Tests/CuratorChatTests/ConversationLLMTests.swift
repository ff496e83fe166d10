@testable import CuratorChat
import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Testing

/// A turn through `Conversation` with an LLM step: the project's fault server for the
/// failures, and the real local llama.cpp server.
@Suite("Conversation with an LLM step")
struct ConversationLLMTests {
    typealias T = ConversationTests

    /// A conversation whose LLM is at `endpoint` (one attempt, a short timeout).
    static func conversation(_ endpoint: URL, reading: Conversation.Reading = .auto, listSize: Int = 5, timeout: Duration = .seconds(10)) throws -> Conversation {
        var configuration = LLMConfiguration()
        configuration.endpoint = endpoint
        configuration.maxAttempts = 1
        configuration.requestTimeout = timeout
        return try conversation(LLMClient(configuration: configuration), reading: reading, listSize: listSize)
    }

    static func conversation(_ client: LLMClient, reading: Conversation.Reading = .auto, listSize: Int = 5) throws -> Conversation {
        var engine = ConversationEngineTests.engine
        engine.listSize = listSize
        engine.candidatePool = 6
        var stageConfiguration = LLMStageConfiguration()
        stageConfiguration.candidateCount = 6
        // These tests check what the LLM step does, not how fast: on a loaded machine the real
        // model outlasted the 30 s default and the turn fell back (timings go to `bench chat`).
        stageConfiguration.deadline = .seconds(600)
        let stage = LLMStage(client: client, prompts: try PromptLibrary(folder: LLMAssistantTests.prompts), configuration: stageConfiguration)
        let assistant = LLMAssistant(stage: stage, catalog: engine.catalog, items: engine.items, anchorModel: engine.recommender.model)
        return Conversation(engine: engine, assistant: assistant, reading: reading)
    }

    /// The list the same turn gets without an LLM: recall order.
    static func recallOrder(_ text: String, listSize: Int = 5) async throws -> [String] {
        var engine = ConversationEngineTests.engine
        engine.listSize = listSize
        engine.candidatePool = 6
        let (events, _) = await T.turn(Conversation(engine: engine), text)
        return try #require(T.ranked(events)).map(\.id)
    }

    @Test(arguments: [500, 429])
    func aFailingServerGivesAFallbackEventAndTheRecallOrder(status: Int) async throws {
        let server = try LocalHTTPServer { _ in .json(#"{"error":{"message":"the fault server says no"}}"#, status: status) }
        let conversation = try Self.conversation(server.baseURL, reading: .llm)
        let (events, outcome) = await T.turn(conversation, "I loved Heat and Se7en")
        T.expectPrintOrder(events)
        #expect(try #require(T.ranked(events)).map(\.id) == (try await Self.recallOrder("I loved Heat and Se7en")))
        let fallbacks = T.fallbacks(events)
        #expect(fallbacks.map(\.step) == [.reading, .rerank], "both LLM steps were skipped: \(fallbacks)")
        #expect(fallbacks.last?.message.hasPrefix("LLM step skipped") == true)
        #expect(fallbacks.allSatisfy { outcome.reply.notes.contains($0.message) }, "the notes keep what was skipped")
        #expect(T.understood(events)?.readByLLM == false)
        #expect(outcome.session.liked == ["heat", "se7en"], "the rules still understood the turn")
        // Every item keeps its recall reason, in order: nothing for a terminal to lose.
        let reasons = events.compactMap { if case .explanation(let position, let text, _) = $0 { "\(position) \(text)" } else { nil } }
        #expect(reasons == outcome.reply.entries.map { "\($0.position) \($0.reason)" })
        // Whatever text streams is the grounded reason itself: no sentence of the failing LLM.
        let streamed = events.compactMap { if case .explanationDelta(let position, let text) = $0 { "\(position) \(text)" } else { nil } }
        #expect(streamed.allSatisfy { reasons.contains($0) }, "\(streamed)")
        #expect(outcome.session.turns.last?.reply == outcome.reply.plainText)
    }

    @Test func interruptingStopsTheLLMWorkAndTheReplyStillFinishesInRecallOrder() async throws {
        let server = try LocalHTTPServer { _ in ScriptedResponse(behaviour: .hang) }
        let conversation = try Self.conversation(server.baseURL, timeout: .seconds(120))
        let reply = conversation.respond(to: "I loved Heat and Se7en", in: ChatSession())
        var events: [Conversation.Event] = []
        for await event in reply {
            events.append(event)
            if case .understood = event {
                #expect(await server.wait(upTo: .seconds(30)) { $0.openConnectionCount > 0 }, "the LLM was asked")
                reply.interrupt()
            }
        }
        T.expectPrintOrder(events)
        guard case .finished(let outcome)? = events.last else { Issue.record("no end: \(T.kinds(events))"); return }
        #expect(T.fallbacks(events).map(\.step) == [.rerank])
        #expect(T.fallbacks(events).first?.reason == "interrupted")
        #expect(outcome.reply.entries.map(\.id) == (try await Self.recallOrder("I loved Heat and Se7en")))
        #expect(await server.wait { $0.openConnectionCount == 0 }, "the hanging request was abandoned")
    }

    @Test func cancellingTheConsumerStopsTheLLMWork() async throws {
        let server = try LocalHTTPServer { _ in ScriptedResponse(behaviour: .hang) }
        let conversation = try Self.conversation(server.baseURL, timeout: .seconds(120))
        let consumer = Task {
            var kinds: [String] = []
            for await event in conversation.respond(to: "I loved Heat and Se7en", in: ChatSession()) { kinds += T.kinds([event]) }
            return kinds
        }
        #expect(await server.wait(upTo: .seconds(30)) { $0.openConnectionCount > 0 }, "the LLM was asked")
        consumer.cancel()
        let seen = await consumer.value
        #expect(!seen.contains("finished"), "the consumer went away before the end: \(seen)")
        #expect(await server.wait { $0.openConnectionCount == 0 }, "the request the turn started was abandoned")
    }

    @Test func theRealModelReranksCandidatesAndStreamsAnExplanationPerItem() async throws {
        let conversation = try Self.conversation(try await SharedLlamaServer.client(), reading: .rules, listSize: 3)
        let (events, outcome) = await T.turn(conversation, "I loved Heat and Se7en")
        T.expectPrintOrder(events)
        #expect(T.fallbacks(events).isEmpty, "the local model answered: \(T.fallbacks(events))")
        let list = try #require(T.ranked(events))
        #expect(list.map(\.position) == [1, 2, 3])
        #expect(Set(list.map(\.id)).isSubset(of: try await Self.recallOrder("I loved Heat and Se7en", listSize: 6)))
        var streamed: [Int: String] = [:]
        for case .explanationDelta(let position, let text) in events { streamed[position, default: ""] += text }
        #expect(streamed.keys.sorted() == [1, 2, 3], "each explanation streamed")
        let finals = events.compactMap { if case .explanation(let position, let text, let anchor) = $0 { (position, text, anchor) } else { nil } }
        #expect(finals.map(\.0) == [1, 2, 3])
        for (position, text, anchor) in finals {
            #expect(text.hasPrefix("Because you liked Heat (1995)") || text.hasPrefix("Because you liked Se7en (1995)"))
            #expect(anchor == "heat" || anchor == "se7en")
            #expect(streamed[position]?.hasPrefix("Because you liked") == true)
        }
        #expect(outcome.reply.entries.map(\.reason) == finals.map(\.1))
        #expect(outcome.session.lastShown == list.map(\.id), "the session remembers the reranked list")
        let timings = outcome.timings
        #expect(timings.rerankSeconds != nil && timings.explanationSeconds != nil && timings.completionTokens > 0)
    }

    @Test func theRealModelReadsATurnTheRulesMissed() async throws {
        let conversation = try Self.conversation(try await SharedLlamaServer.client(), reading: .auto, listSize: 3)
        let (events, _) = await T.turn(conversation, "something to watch with my grandmother on a rainy sunday")
        T.expectPrintOrder(events)
        // The reading either fits the schema (read by the LLM) or is reported as skipped: never silent.
        let read = T.understood(events)?.readByLLM == true
        #expect(read != T.fallbacks(events).contains { $0.step == .reading })
    }
}
