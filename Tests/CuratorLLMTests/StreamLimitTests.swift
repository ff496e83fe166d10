import CuratorLLM
import CuratorTestSupport
import Foundation
import Testing

/// Issue 19 §5: a streamed completion is read up to a bound (tokens and bytes), never to the
/// server's end, whatever the server sends.
@Suite("Streamed completions are bounded")
struct StreamLimitTests {
    static let event = Data("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"}}]}\n\n".utf8)

    @Test func aServerThatNeverStopsIsReadOnlyAsFarAsTheTokensAsked() async throws {
        // 200,000 one-token events (13 MB) for a request of 48 tokens.
        let server = try LocalHTTPServer { _ in
            ScriptedResponse(headers: [("Content-Type", "text/event-stream")], body: Self.event, behaviour: .repeated(times: 200_000))
        }
        let stream = try await LLMClientFaultTests.client(server).streamChat([.user("Hi")], options: GenerationOptions(maxTokens: 48))
        let (text, _, _) = try await stream.collect()
        let words = text.split(separator: " ").count
        #expect(words >= 48, "the tokens asked for arrive")
        #expect(words <= 64, "then the stream stops: \(words) words")
    }

    @Test func oneEndlessEventIsCutAtTheByteBound() async throws {
        let server = try LocalHTTPServer { _ in
            ScriptedResponse(headers: [("Content-Type", "text/event-stream")], body: Data("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"".utf8) + Data(repeating: 0x61, count: 1 << 16),
                             behaviour: .repeated(times: 200))
        }
        let stream = try await LLMClientFaultTests.client(server).streamChat([.user("Hi")], options: GenerationOptions(maxTokens: 48))
        let (text, _, _) = try await stream.collect()
        #expect(text.isEmpty, "no complete event ever came; the stream ended at the bound")
    }
}
