import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Testing

@Suite("Rerank against a fault server: every failure keeps the recall order, with a warning")
struct FaultServerTests {
    enum Fault: String, CaseIterable, Sendable {
        case garbage, outsideID, truncatedJSON, httpError, noLogprobs
    }

    static func response(_ fault: Fault, listwise: Bool) -> ScriptedResponse {
        switch fault {
        case .garbage: return .text("<html>502 bad gateway</html>")
        case .outsideID:
            return listwise ? PipelineFixtures.chatAnswer(#"{"ranking":["m99"]}"#)
                : PipelineFixtures.chatAnswer("Z", alternatives: [("Z", -0.1), ("m99", -0.3)])
        case .truncatedJSON:
            return listwise ? PipelineFixtures.chatAnswer(#"{"ranking":["m02","m0"#) : .json(#"{"choices":[{"message":{"content":"A"#)
        case .httpError: return .json(#"{"error":{"message":"the request exceeds the available context size"}}"#, status: 400)
        case .noLogprobs: return PipelineFixtures.chatAnswer(listwise ? "Sure! Here is my ranking." : "A")
        }
    }

    @Test(arguments: Fault.allCases, RerankStrategy.allCases)
    func aFaultKeepsTheRecallOrderWithAWarning(fault: Fault, strategy: RerankStrategy) async throws {
        let server = try PipelineFixtures.server { request in
            let listwise = (try? JSONValue.parse(request.body))?["response_format"] != nil
            return Self.response(fault, listwise: listwise)
        }
        var configuration = LLMStageConfiguration()
        configuration.strategy = strategy
        configuration.bootstrapBase = fault.rawValue.count % 2 == 0 ? .listwise : .verbalizer
        configuration.bootstrapRounds = 2
        let stage = LLMStage(client: PipelineFixtures.client(server), prompts: try PipelineFixtures.prompts(), configuration: configuration)
        let request = PipelineFixtures.request()
        let outcome = await stage.reranker().rerank(request)
        #expect(outcome.keepsRecallOrder(of: request))
        #expect(outcome.fellBackToRecall)
        #expect(!outcome.validOutput)
        #expect(!outcome.warnings.isEmpty)
        #expect(outcome.items.allSatisfy { $0.llmRank == nil && $0.finalRank == $0.recallRank })
    }

    @Test func aTimeoutKeepsTheRecallOrder() async throws {
        let server = try PipelineFixtures.server { _ in ScriptedResponse(behaviour: .hang) }
        var configuration = LLMConfiguration()
        configuration.endpoint = server.baseURL
        configuration.maxAttempts = 1
        configuration.requestTimeout = .milliseconds(300)
        let reranker = ListwiseReranker(client: LLMClient(configuration: configuration), prompts: try PipelineFixtures.prompts())
        let request = PipelineFixtures.request()
        let outcome = await reranker.rerank(request)
        #expect(outcome.keepsRecallOrder(of: request) && outcome.fellBackToRecall)
        #expect(outcome.warnings.first?.contains("timed out") == true)
    }

    @Test func aGoodAnswerReordersAndRepairsAreWarned() async throws {
        let request = PipelineFixtures.request()
        let ids = request.candidates.map(\.item.id)
        let server = try PipelineFixtures.server { request in
            let listwise = (try? JSONValue.parse(request.body))?["response_format"] != nil
            return listwise
                ? PipelineFixtures.chatAnswer(#"{"ranking":["\#(ids[2])","\#(ids[0])","\#(ids[2])"]}"#)
                : PipelineFixtures.chatAnswer("C", alternatives: [("C", -0.2), ("A", -1.0), ("B", -2.5), ("The", -0.5)])
        }
        let prompts = try PipelineFixtures.prompts()
        let client = PipelineFixtures.client(server)
        let listwise = await ListwiseReranker(client: client, prompts: prompts).rerank(request)
        #expect(Array(listwise.order.prefix(3)) == [request.candidates[2].index, request.candidates[0].index, request.candidates[1].index])
        #expect(listwise.isPermutation(of: request) && !listwise.fellBackToRecall)
        #expect(listwise.warnings.count == 2, "a duplicate removed, the rest appended: \(listwise.warnings)")
        let verbalizer = await VerbalizerReranker(client: client, prompts: prompts).rerank(request)
        #expect(Array(verbalizer.order.prefix(3)) == [request.candidates[2].index, request.candidates[0].index, request.candidates[1].index])
        #expect(verbalizer.validOutput && verbalizer.requests == 1 && verbalizer.promptTokens == 100)
        #expect(abs(verbalizer.items.compactMap(\.llmScore).reduce(0, +) - 1) < 1e-9)
        #expect(verbalizer.templateHash == (try prompts.template("rerank-verbalizer")).hash)
        // The letters were checked once, with /tokenize.
        #expect(server.requests.filter { $0.path.hasPrefix("/tokenize") }.count == LabelCheck.letters.count)
    }

    @Test func multiTokenLabelsAreRefusedAtTheStart() async throws {
        let server = try LocalHTTPServer { request in
            request.path.hasPrefix("/tokenize") ? .json(#"{"tokens":[{"id":1,"piece":"x"},{"id":2,"piece":"y"}]}"#)
                : PipelineFixtures.chatAnswer("A", alternatives: [("A", -0.1)])
        }
        let request = PipelineFixtures.request()
        let outcome = await VerbalizerReranker(client: PipelineFixtures.client(server), prompts: try PipelineFixtures.prompts()).rerank(request)
        #expect(outcome.fellBackToRecall && outcome.keepsRecallOrder(of: request))
        #expect(outcome.warnings.first?.contains("label") == true)
        #expect(server.requests.allSatisfy { $0.path.hasPrefix("/tokenize") }, "no chat request with unusable labels")
    }
}
