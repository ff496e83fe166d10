import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorRecall
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

/// `LLMStage.run` against a fault server: no explanation that fails the faithfulness check
/// reaches `onText` or the result, and one deadline bounds all the LLM work of a run.
@Suite("The stage's explanations are checked before they are shown; one deadline per run")
struct StageExplanationTests {
    static let history = [FilmFixtures.index("heat"), FilmFixtures.index("se7en")]
    static let recall = ["nocountry", "suspects", "water", "remains", "sense"].enumerated().map {
        ScoredItem(item: FilmFixtures.index($1), score: Float(10 - $0))
    }

    /// A streamed chat answer of `text`.
    static func streamed(_ text: String) -> ScriptedResponse {
        let content = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        return .eventStream([#"{"choices":[{"index":0,"delta":{"content":\#(content)}}]}"#, "[DONE]"])
    }

    /// Whether a request is an explanation (a streamed chat completion).
    static func isExplanation(_ request: RecordedRequest) -> Bool {
        (try? JSONValue.parse(request.body))?["stream"] == .bool(true)
    }

    static func prompt(of request: RecordedRequest) -> String {
        guard case .array(let messages)? = (try? JSONValue.parse(request.body))?["messages"] else { return "" }
        return messages.first?["content"]?.stringValue ?? ""
    }

    static func stage(_ client: LLMClient, weight: Double = 0, deadline: Duration = .seconds(30)) throws -> LLMStage {
        var configuration = LLMStageConfiguration()
        configuration.llmWeight = weight
        configuration.explanations = .llm
        configuration.candidateCount = 5
        configuration.deadline = deadline
        return LLMStage(client: client, prompts: try PipelineFixtures.prompts(), configuration: configuration)
    }

    @Test func explanationsThatNameOtherFilmsCopyThePromptOrCarryEscapesNeverReachTheScreen() async throws {
        let server = try PipelineFixtures.server { request in
            guard Self.isExplanation(request) else { return .json("{}", status: 500) }
            let prompt = Self.prompt(of: request)
            if prompt.contains("No Country") { return Self.streamed("No Country for Old Men is as good as Star Wars.") }
            if prompt.contains("Usual Suspects") { return Self.streamed(prompt.replacingOccurrences(of: "\n", with: " ")) }
            if prompt.contains("Like Water") { return Self.streamed("Like Water for Chocolate \u{1B}[2J\u{1B}]0;pwned\u{07} is a drama like Seven.") }
            if prompt.contains("Remains") { return Self.streamed("The Remains of the Day is a quiet drama, far calmer than Seven.") }
            return Self.streamed("Sense and Sensibility is a horror film from 1970.")
        }
        let shown = Mutex<[Int: String]>([:])
        let result = await try Self.stage(PipelineFixtures.client(server)).run(
            history: Self.history, recall: Self.recall, catalog: FilmFixtures.catalog, count: 5,
            onText: { position, text in shown.withLock { $0[position, default: ""] += text } })
        #expect(result.outcome.order == Self.recall.map(\.item), "weight 0: the recall order, no rerank request")
        #expect(server.requests.filter { !Self.isExplanation($0) }.isEmpty)
        let texts = shown.withLock { $0 }
        #expect(texts.count == 5 && texts.values.sorted() == result.explanations.map(\.text).sorted())
        for text in texts.values {
            #expect(!text.contains("Star Wars") && !text.contains("\u{1B}") && !text.contains("A viewer liked") && !text.contains("1970"), "\(text)")
        }
        #expect(result.explanations.map(\.source) == [.grounded, .grounded, .grounded, .llm, .grounded])
        #expect(result.explanations[3].text.hasSuffix("The Remains of the Day is a quiet drama, far calmer than Seven."))
        #expect(result.explanations[0].verdict?.failures == [.namesOtherTitle("Star Wars (1977)")])
        #expect(result.explanations[1].verdict?.failures.contains { if case .copiesPrompt = $0 { true } else { false } } == true)
        #expect(result.explanations[2].verdict?.failures.contains(.unprintable) == true)
        #expect(result.explanations[4].verdict?.failures.contains(.contradictsGenre("Horror")) == true)
        let json = String(decoding: try JSONEncoder().encode(result.explanations.map(\.text)), as: UTF8.self)
        #expect(!json.contains("Star Wars") && !json.contains("\\u001b"))
    }

    @Test func groundedExplanationsNeedNoServer() async throws {
        var configuration = LLMStageConfiguration()
        configuration.llmWeight = 0
        configuration.explanations = .grounded
        let client = LLMClient(configuration: LLMConfiguration())  // never called
        let stage = LLMStage(client: client, prompts: try PipelineFixtures.prompts(), configuration: configuration)
        let result = await stage.run(history: Self.history, recall: Self.recall, catalog: FilmFixtures.catalog, count: 3)
        #expect(result.outcome.order == Self.recall.map(\.item) && !result.outcome.fellBackToRecall)
        #expect(result.explanations.count == 3 && result.explanations.allSatisfy { $0.source == .grounded && $0.warning == nil })
        #expect(result.stopped == nil)
    }

    enum Fault: String, CaseIterable, Sendable {
        case refused, status500, status429, hang, oneBytePerSecond, hugeReply, escapes
    }

    static func server(_ fault: Fault) throws -> LocalHTTPServer? {
        let slow = PipelineFixtures.chatAnswer("A", alternatives: [("A", -0.1), ("B", -1)])
        switch fault {
        case .refused: return nil
        case .status500: return try LocalHTTPServer { _ in .json(#"{"error":{"message":"boom"}}"#, status: 500) }
        case .status429: return try LocalHTTPServer { _ in .json(#"{"error":{"message":"slow down"}}"#, status: 429, headers: [("Retry-After", "1")]) }
        case .hang: return try LocalHTTPServer { _ in ScriptedResponse(behaviour: .hang) }
        case .oneBytePerSecond:
            return try LocalHTTPServer { _ in ScriptedResponse(status: 200, body: slow.body, behaviour: .trickle(chunkSize: 1, interval: .seconds(1))) }
        case .hugeReply:
            return try LocalHTTPServer { _ in ScriptedResponse(status: 200, body: Data(repeating: UInt8(ascii: "a"), count: 1 << 20), behaviour: .repeated(times: 100)) }
        case .escapes:
            return try PipelineFixtures.server { request in
                Self.isExplanation(request) ? Self.streamed("No Country for Old Men\u{1B}[2J\u{1B}]0;pwned\u{07} is a thriller like Heat.")
                    : .text("\u{1B}[2J\u{1B}]0;pwned\u{07} not an answer")
            }
        }
    }

    @Test(arguments: Fault.allCases)
    func aFailingServerFallsBackWithinTheDeadline(_ fault: Fault) async throws {
        let server = try Self.server(fault)
        var configuration = LLMConfiguration()
        let refused = try LocalHTTPServer.refusedPort()
        configuration.endpoint = server?.baseURL ?? URL(string: "http://127.0.0.1:\(refused)")!
        configuration.requestTimeout = .seconds(120)  // the per-call timeout alone would wait minutes
        let stage = try Self.stage(LLMClient(configuration: configuration), weight: 1, deadline: .seconds(2))
        let shown = Mutex<[String]>([])
        let clock = ContinuousClock(), start = clock.now
        let result = await stage.run(
            history: Self.history, recall: Self.recall, catalog: FilmFixtures.catalog, count: 5,
            onText: { _, text in shown.withLock { $0.append(text) } })
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(30), "\(fault): \(elapsed)")  // generous; the deadline is 2 s
        #expect(result.outcome.order == Self.recall.map(\.item), "\(fault): the recall order")
        #expect(result.explanations.count == 5 && result.explanations.allSatisfy { $0.source == .grounded })
        #expect(shown.withLock { $0 }.allSatisfy { !$0.contains("\u{1B}") && !$0.contains("pwned") })
        if fault != .escapes && fault != .hugeReply {
            #expect(result.stopped != nil, "\(fault): the turn stopped asking")
            let streamed = server?.requests.filter(Self.isExplanation).count ?? 0
            #expect(streamed == 0, "\(fault): no explanation asked of a failed server (\(streamed))")
        }
        print("fault \(fault.rawValue): stage fell back in \(elapsed)")
    }
}
