import CuratorHTTP
import CuratorLLM
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

@Suite("LLMClient against a scripted local server: wire format and faults")
struct LLMClientFaultTests {
    static func client(_ server: LocalHTTPServer, attempts: Int = 3) -> LLMClient {
        var configuration = LLMConfiguration()
        configuration.endpoint = server.baseURL
        configuration.model = "test-model"
        configuration.maxAttempts = attempts
        configuration.requestTimeout = .seconds(10)
        configuration.apiKey = APIKey("sk-test-secret")
        return LLMClient(configuration: configuration)
    }

    static let completion = #"""
        {"id":"c1","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop",
        "logprobs":{"content":[{"token":"Hello","logprob":-0.5,"top_logprobs":[{"token":"Hello","logprob":-0.5},{"token":"Hi","logprob":-1.2}]}]}}],
        "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6},
        "timings":{"prompt_n":5,"prompt_ms":12.5,"predicted_n":1,"predicted_ms":20.0,"predicted_per_second":50.0}}
        """#

    @Test func chatSendsTheOpenAIBodyAndDecodesUsageTimingsAndLogprobs() async throws {
        let server = try LocalHTTPServer { _ in .json(Self.completion) }
        let schema: JSONValue = ["type": "object", "properties": ["a": ["type": "integer"]], "required": ["a"]]
        let answer = try await Self.client(server).chat(
            [.system("Be brief."), .user("Hi")],
            options: GenerationOptions(maxTokens: 8, temperature: 0, seed: 7, stop: ["\n"], topLogprobs: 2,
                                       responseFormat: .jsonSchema(name: "answer", schema: schema)))
        #expect(answer.text == "Hello")
        #expect(answer.usage == Usage(promptTokens: 5, completionTokens: 1, totalTokens: 6))
        #expect(answer.timings?.predictedPerSecond == 50)
        #expect(answer.choices[0].logprobs?.content?[0].topLogprobs?.map(\.token) == ["Hello", "Hi"])
        let request = try #require(server.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer sk-test-secret")
        let body = try JSONValue.parse(request.body)
        #expect(body["model"] == "test-model")
        #expect(body["max_tokens"] == 8)
        #expect(body["seed"] == 7)
        #expect(body["stop"] == ["\n"])
        #expect(body["logprobs"] == true)
        #expect(body["top_logprobs"] == 2)
        #expect(body["messages"]?.arrayValue?.count == 2)
        #expect(body["response_format"]?["type"] == "json_schema")
        #expect(body["response_format"]?["json_schema"]?["schema"] == schema)
    }

    @Test func malformedJSONNamesTheOffendingSnippet() async throws {
        let server = try LocalHTTPServer { _ in .json(#"{"choices": [ {"message": "#) }
        let error = await #expect(throws: LLMError.self) { try await Self.client(server).chat([.user("Hi")]) }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.snippet == #"{"choices": [ {"message": "#)
        #expect(error?.description.contains("malformed response") == true)
    }

    @Test func aMissingFieldSaysWhere() async throws {
        let server = try LocalHTTPServer { _ in .json(#"{"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":1}}"#) }
        let error = await #expect(throws: LLMError.self) { try await Self.client(server).chat([.user("Hi")]) }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.message.contains("completion_tokens") == true || error?.message.contains("completionTokens") == true)
    }

    @Test func anHTTPErrorCarriesTheServerMessageAndIsNotRetried() async throws {
        let server = try LocalHTTPServer { _ in .json(#"{"error":{"code":400,"message":"the request exceeds the available context size"}}"#, status: 400) }
        let error = await #expect(throws: LLMError.self) { try await Self.client(server).chat([.user("Hi")]) }
        #expect(error?.kind == .httpStatus(400))
        #expect(error?.message == "the request exceeds the available context size")
        #expect(server.requests.count == 1)
    }

    @Test func theKeyNeverAppearsInErrorsOrDescriptions() async throws {
        let server = try LocalHTTPServer { _ in .json("{}", status: 401) }
        let client = Self.client(server, attempts: 1)
        let error = await #expect(throws: LLMError.self) { try await client.models() }
        #expect(error?.description.contains("sk-test-secret") == false)
        #expect("\(client.configuration)".contains("sk-test-secret") == false)
        #expect(String(reflecting: client.configuration.apiKey!) == "<redacted>")
    }

    @Test func streamingJoinsChunksAndReadsUsage() async throws {
        let events = [
            #"{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"Hel"}}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}"#,
            #"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5},"timings":{"predicted_n":2}}"#,
            "[DONE]",
        ]
        let server = try LocalHTTPServer { _ in .eventStream(events, interval: .milliseconds(10)) }
        let stream = try await Self.client(server).streamChat([.user("Hi")], options: GenerationOptions(maxTokens: 4))
        let (text, usage, timings) = try await stream.collect()
        #expect(text == "Hello")
        #expect(usage?.totalTokens == 5)
        #expect(timings?.predictedN == 2)
        let body = try JSONValue.parse(try #require(server.requests.first).body)
        #expect(body["stream"] == true)
        #expect(body["stream_options"]?["include_usage"] == true)
    }

    @Test func anEventStreamCutMidEventEndsEarly() async throws {
        let server = try LocalHTTPServer { _ in
            ScriptedResponse(headers: [("Content-Type", "text/event-stream")], behaviour: .chunked([
                Data((#"data: {"choices":[{"delta":{"content":"Hel"}}]}"# + "\n\n").utf8),
                Data(#"data: {"choices":[{"del"#.utf8),
            ], interval: .milliseconds(10), complete: true))
        }
        let stream = try await Self.client(server).streamChat([.user("Hi")])
        var texts: [String] = []
        let error = await #expect(throws: LLMError.self) {
            for try await chunk in stream { texts.append(chunk.text) }
        }
        #expect(texts == ["Hel"])
        #expect(error?.kind == .streamEndedEarly)
        #expect(error?.message.contains("mid-event") == true)
    }

    @Test func aBrokenConnectionMidStreamEndsEarly() async throws {
        let server = try LocalHTTPServer { _ in
            .eventStream([#"{"choices":[{"delta":{"content":"a"}}]}"#], complete: false)
        }
        let stream = try await Self.client(server).streamChat([.user("Hi")])
        let error = await #expect(throws: LLMError.self) { _ = try await stream.collect() }
        #expect(error?.kind == .streamEndedEarly)
    }

    @Test func anErrorEventInTheStreamIsReported() async throws {
        let server = try LocalHTTPServer { _ in .eventStream([#"{"error":{"code":500,"message":"slot unavailable"}}"#]) }
        let stream = try await Self.client(server).streamChat([.user("Hi")])
        let error = await #expect(throws: LLMError.self) { _ = try await stream.collect() }
        #expect(error?.kind == .serverError)
        #expect(error?.message == "slot unavailable")
    }

    @Test func waitsWhileTheServerIsLoading() async throws {
        let calls = Atomic<Int>(0)
        let server = try LocalHTTPServer { _ in
            calls.add(1, ordering: .relaxed).oldValue < 3
                ? .json(#"{"error":{"code":503,"message":"Loading model"}}"#, status: 503)
                : .json(#"{"status":"ok"}"#)
        }
        let client = Self.client(server)
        #expect(await client.health() == .loading)
        try await client.waitUntilReady(timeout: .seconds(5))
        #expect(await client.health() == .ready)
    }

    @Test func refusedIsUnreachableAfterRetries() async throws {
        var configuration = LLMConfiguration()
        configuration.endpoint = URL(string: "http://127.0.0.1:\(try LocalHTTPServer.refusedPort())")!
        configuration.maxAttempts = 2
        let error = await #expect(throws: LLMError.self) { try await LLMClient(configuration: configuration).models() }
        #expect(error?.kind == .unreachable)
        if case .unreachable = await LLMClient(configuration: configuration).health() {} else {
            Issue.record("health of a refused port should be unreachable")
        }
    }

    @Test func aHangingServerHitsTheDeadline() async throws {
        let server = try LocalHTTPServer { _ in ScriptedResponse(behaviour: .hang) }
        var configuration = Self.client(server).configuration
        configuration.requestTimeout = .milliseconds(300)
        let error = await #expect(throws: LLMError.self) { try await LLMClient(configuration: configuration).chat([.user("Hi")]) }
        // No upper time bound (flaky on a loaded machine): the kind proves the deadline ended the wait.
        #expect(error?.kind == .timedOut)
        #expect(await server.wait { $0.openConnectionCount == 0 }, "the transfer was aborted")
    }

    @Test func a503ThenSuccessIsRetried() async throws {
        let calls = Atomic<Int>(0)
        let server = try LocalHTTPServer { _ in
            calls.add(1, ordering: .relaxed).oldValue == 0
                ? .json(#"{"error":{"code":503,"message":"Loading model"}}"#, status: 503, headers: [("Retry-After", "0")])
                : .json(Self.completion)
        }
        let answer = try await Self.client(server).chat([.user("Hi")])
        #expect(answer.text == "Hello")
        #expect(server.requests.count == 2)
    }
}

extension LLMClientFaultTests {
    @Test func consecutiveStreamsReuseTheConnection() async throws {
        // A last chunk after [DONE] arrives later: a client that dropped the body at [DONE]
        // would abort the transfer and lose the connection.
        let chunks = ["data: " + #"{"choices":[{"delta":{"content":"a"},"finish_reason":"stop"}]}"# + "\n\n", "data: [DONE]\n\n", "\n"]
        let server = try LocalHTTPServer { _ in
            ScriptedResponse(headers: [("Content-Type", "text/event-stream")],
                             behaviour: .chunked(chunks.map { Data($0.utf8) }, interval: .milliseconds(100), complete: true))
        }
        let client = Self.client(server)
        for _ in 0..<3 {
            #expect(try await client.streamChat([.user("Hi")]).collect().text == "a")
        }
        #expect(server.connectionCount == 1)
    }
}
