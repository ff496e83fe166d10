@testable import CuratorChat
import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

/// The conversation with an LLM step: the real local server, and a server that is down or
/// answering nonsense (the turn must still answer, from recall, and say so).
@Suite("Conversation with an LLM")
struct LLMAssistantTests {
    static let prompts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("prompts")

    private func assistant(_ client: LLMClient, candidates: Int = 6) throws -> LLMAssistant {
        var configuration = LLMStageConfiguration()
        configuration.candidateCount = candidates
        // What the LLM step does, not how fast (on a loaded machine the default 30 s passed).
        configuration.deadline = .seconds(600)
        let engine = ConversationEngineTests.engine
        let stage = LLMStage(client: client, prompts: try PromptLibrary(folder: Self.prompts), configuration: configuration)
        return LLMAssistant(stage: stage, catalog: engine.catalog, items: engine.items, anchorModel: engine.recommender.model)
    }

    @Test func theRealModelReordersTheCandidatesAndExplainsFromLikedFilms() async throws {
        var engine = ConversationEngineTests.engine
        engine.listSize = 3
        engine.candidatePool = 6
        var session = ChatSession()
        let reply = engine.respond(to: "I loved Heat and Se7en", in: &session)
        let streamed = Mutex<[Int: String]>([:])
        let ranked = Mutex<[String]>([])
        let (refined, trace) = try await assistant(await SharedLlamaServer.client(), candidates: 6).refine(
            reply, session: session, request: "I loved Heat and Se7en", listSize: 3,
            onRanked: { entries in ranked.withLock { $0 = entries.map(\.id) } },
            onText: { position, text in streamed.withLock { $0[position, default: ""] += text } })
        #expect(trace.skipped == nil, "the local model answered: \(trace.skipped ?? "")")
        #expect(refined.entries.count == 3)
        #expect(Set(refined.entries.map(\.id)).isSubset(of: reply.candidates.map(\.id)), "only candidates come back")
        #expect(refined.entries.map(\.position) == [1, 2, 3])
        #expect(ranked.withLock { $0 } == refined.entries.map(\.id), "the order was announced before the explanations")
        for entry in refined.entries {
            #expect(entry.reason.hasPrefix("Because you liked Heat (1995)") || entry.reason.hasPrefix("Because you liked Se7en (1995)"))
        }
        #expect(streamed.withLock { $0.keys.sorted() } == [0, 1, 2], "each explanation streamed")
    }

    @Test func aServerThatIsDownLeavesTheRecallAnswerAndSaysSo() async throws {
        var configuration = LLMConfiguration()
        configuration.endpoint = URL(string: "http://127.0.0.1:\(try LocalHTTPServer.refusedPort())")!
        configuration.requestTimeout = .seconds(5)
        configuration.maxAttempts = 1
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "I loved the matrix", in: &session)
        let (refined, trace) = await (try assistant(LLMClient(configuration: configuration))).refine(
            reply, session: session, request: "I loved the matrix", listSize: 5)
        #expect(refined.entries.map(\.id) == reply.entries.map(\.id), "recall order kept")
        #expect(trace.skipped != nil)
        #expect(refined.notes.contains { $0.hasPrefix("LLM step skipped") })
    }

    /// Explanations the model wrote that fail the check are replaced, and the reply says how
    /// many (a trial saw only "cut short", or nothing, while every one had been refused).
    @Test func refusedExplanationsAreSaid() async throws {
        let server = try LocalHTTPServer { request in
            let content = String(decoding: try! JSONEncoder().encode("It was directed by Steven Spielberg, like the film you liked."), as: UTF8.self)
            return .eventStream([#"{"choices":[{"index":0,"delta":{"content":\#(content)}}]}"#, "[DONE]"])
        }
        var configuration = LLMConfiguration()
        configuration.endpoint = server.baseURL
        configuration.maxAttempts = 1
        var stageConfiguration = LLMStageConfiguration()
        stageConfiguration.llmWeight = 0
        stageConfiguration.explanations = .llm
        stageConfiguration.deadline = .seconds(600)
        let engine = ConversationEngineTests.engine
        let stage = LLMStage(client: LLMClient(configuration: configuration), prompts: try PromptLibrary(folder: Self.prompts), configuration: stageConfiguration)
        let assistant = LLMAssistant(stage: stage, catalog: engine.catalog, items: engine.items, anchorModel: engine.recommender.model)
        var session = ChatSession()
        let reply = engine.respond(to: "I loved Heat", in: &session)
        let (refined, trace) = await assistant.refine(reply, session: session, request: "I loved Heat", listSize: 3)
        #expect(!server.requests.isEmpty, "the model was asked")
        #expect(refined.entries.allSatisfy { !$0.reason.contains("Spielberg") }, "\(refined.entries.map(\.reason))")
        #expect(trace.rejected.count == 3)
        #expect(refined.notes.contains(FaithfulnessCheck.note(rejected: 3)), "\(refined.notes)")
    }

    @Test func garbageFromTheServerLeavesTheRecallAnswer() async throws {
        let server = try LocalHTTPServer { _ in .text("<html>502 bad gateway</html>") }
        var configuration = LLMConfiguration()
        configuration.endpoint = server.baseURL
        configuration.maxAttempts = 1
        var session = ChatSession()
        let reply = ConversationEngineTests.engine.respond(to: "I loved Toy Story", in: &session)
        let (refined, _) = await (try assistant(LLMClient(configuration: configuration))).refine(
            reply, session: session, request: nil, listSize: 5)
        #expect(refined.entries.map(\.id) == reply.entries.map(\.id))
        #expect(refined.notes.contains { $0.hasPrefix("LLM step skipped") })
    }
}

@Suite("Reading turns with an LLM")
struct LLMTurnReaderTests {
    @Test func theRealModelsAnswerFitsTheSchemaAndResolvesAgainstTheCatalog() async throws {
        let engine = ConversationEngineTests.engine
        let reader = LLMTurnReader(
            client: try await SharedLlamaServer.client(), prompts: try PromptLibrary(folder: LLMAssistantTests.prompts),
            catalog: engine.catalog)
        let reading = try await reader.read("I loved Heat and Se7en, something darker but not horror")
        let genres = Set(engine.catalog.flatMap(\.genres)), tags = Set(engine.catalog.flatMap(\.tags))
        #expect(reading.includeGenres.isSubset(of: genres) && reading.excludeGenres.isSubset(of: genres))
        #expect(reading.includeGenres.isDisjoint(with: reading.excludeGenres))
        #expect(reading.wishes.allSatisfy(tags.contains), "only moods the catalog can meet")
        #expect(reading.mentions.allSatisfy { $0.items.allSatisfy { Int($0) < engine.catalog.count } })
    }

    @Test func onlyWhatTheUsersWordsSupportIsKept() throws {
        let reader = LLMTurnReader(
            client: LLMClient(configuration: LLMConfiguration()), prompts: try PromptLibrary(folder: LLMAssistantTests.prompts),
            catalog: ChatFixtures.catalog)
        let guessed = LLMTurnReader.Extraction(
            liked: ["Heat", "Alien"], disliked: [], seen: [], include_genres: ["Action"], exclude_genres: ["Horror", "Comedy"],
            min_year: 1990, max_year: 2000, moods: ["dark", "space"])
        let reading = reader.resolve(guessed, groundedIn: "I loved heat, something darker, no horror, nothing before 1990")
        #expect(reading.mentions.map(\.items) == [[ChatFixtures.index("heat")]], "Alien was never typed")
        #expect(reading.includeGenres.isEmpty && reading.excludeGenres == ["Horror"])
        #expect(reading.minYear == 1990 && reading.maxYear == nil, "2000 was never written")
        #expect(reading.wishes == ["dark"])
    }

    @Test func theRulesWinWhereBothSpeakAndTheLLMFillsGaps() {
        let engine = ConversationEngineTests.engine
        let index = { (id: String) in engine.items.index(of: id)! }
        let rules = engine.interpreter.interpret("I hated The Shining, nothing before 1990")
        var llm = TurnUnderstanding()
        llm.mentions = [
            .init(items: [index("shining")], feeling: .liked, text: "the shining"),
            .init(items: [index("alien")], feeling: .liked, text: "alien"),
        ]
        llm.minYear = 1970
        llm.maxYear = 2000
        llm.excludeGenres = ["Comedy"]
        let merged = rules.merged(with: llm)
        #expect(merged.mentions.first { $0.items == [index("shining")] }?.feeling == .disliked, "the rules' feeling stands")
        #expect(merged.mentions.contains { $0.items == [index("alien")] }, "the LLM adds what the rules missed")
        #expect(merged.minYear == 1990 && merged.maxYear == 2000)
        #expect(merged.excludeGenres.contains("Comedy"))
    }
}
