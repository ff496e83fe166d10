import CuratorHTTP
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

@Suite("HTTPClient.send: requests, retries, deadlines, faults")
struct SendTests {
    /// A handler answering the n-th request (0-based) with `responses[n]`, the last one afterwards.
    static func sequence(_ responses: [ScriptedResponse]) -> @Sendable (RecordedRequest) -> ScriptedResponse {
        let counter = Atomic<Int>(0)
        return { _ in
            let n = counter.add(1, ordering: .relaxed).oldValue
            return responses[min(n, responses.count - 1)]
        }
    }

    static let fastRetries = RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(20), maxDelay: .milliseconds(100))

    @Test func postsJSONAndReusesTheConnection() async throws {
        let server = try LocalHTTPServer { request in
            ScriptedResponse(status: 200, headers: [("Content-Type", "application/json")], body: request.body)
        }
        let client = HTTPClient()
        for n in 0..<3 {
            let request = try HTTPRequest.postJSON(server.url("/echo"), ["n": n])
            let response = try await client.send(request)
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "{\"n\":\(n)}")
            #expect(response.headers["content-type"] == "application/json")
        }
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.method == "POST" && $0.headers["content-type"] == "application/json" })
        #expect(server.connectionCount == 1, "three sequential requests should share one connection")
    }

    @Test func retriesA500ThenSucceeds() async throws {
        let server = try LocalHTTPServer(handler: Self.sequence([.json(#"{"error":"boom"}"#, status: 500), .json("{}")]))
        let client = HTTPClient()
        let request = HTTPRequest.get(server.url("/x"))
        let response = try await client.withRetries(Self.fastRetries, deadline: nil, request: request) { timeouts throws(HTTPError) in
            var attempt = request
            attempt.timeouts = timeouts
            return try await client.send(attempt)
        }
        #expect(response.status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func honoursRetryAfterOn429() async throws {
        let server = try LocalHTTPServer(handler: Self.sequence([
            .json(#"{"error":{"message":"slow down"}}"#, status: 429, headers: [("Retry-After", "1")]), .json("{}"),
        ]))
        let client = HTTPClient()
        let request = HTTPRequest.get(server.url("/x"))
        let start = ContinuousClock.now
        _ = try await client.withRetries(Self.fastRetries, deadline: nil, request: request) { _ throws(HTTPError) in
            try await client.send(request)
        }
        #expect(ContinuousClock.now - start >= .milliseconds(950))
        #expect(server.requests.count == 2)
    }

    @Test func neverRetriesA400AndKeepsTheServerMessage() async throws {
        let server = try LocalHTTPServer { _ in .json(#"{"error":{"message":"bad field: temperature"}}"#, status: 400) }
        let client = HTTPClient()
        let request = HTTPRequest.get(server.url("/x"))
        let error = await #expect(throws: HTTPError.self) {
            try await client.withRetries(Self.fastRetries, deadline: nil, request: request) { _ throws(HTTPError) in
                try await client.send(request)
            }
        }
        #expect(error?.kind == .status(400))
        #expect(error?.message == "bad field: temperature")
        #expect(error?.description.contains("HTTP 400: bad field: temperature") == true)
        #expect(server.requests.count == 1)
    }

    @Test func refusedConnectionsAreRetriedThenReported() async throws {
        let port = try LocalHTTPServer.refusedPort()
        let client = HTTPClient()
        let request = HTTPRequest.get(URL(string: "http://127.0.0.1:\(port)/")!)
        let start = ContinuousClock.now
        let error = await #expect(throws: HTTPError.self) {
            try await client.withRetries(Self.fastRetries, deadline: nil, request: request) { _ throws(HTTPError) in
                try await client.send(request)
            }
        }
        #expect(error?.kind == .unreachable)
        #expect(ContinuousClock.now - start >= .milliseconds(30), "three waits between four attempts")
    }

    @Test func aHangIsCutByTheDeadlineAndTheTransferAborted() async throws {
        let server = try LocalHTTPServer { _ in ScriptedResponse(behaviour: .hang) }
        let client = HTTPClient()
        let request = HTTPRequest.get(server.url("/hang"))
        let start = ContinuousClock.now
        let error = await #expect(throws: HTTPError.self) {
            try await client.withRetries(Self.fastRetries, deadline: .now + .milliseconds(400), request: request) { timeouts throws(HTTPError) in
                var attempt = request
                attempt.timeouts = timeouts
                return try await client.send(attempt)
            }
        }
        let elapsed = ContinuousClock.now - start
        #expect(error?.kind == .timedOut)
        // Only a lower bound is timed: an upper one would be flaky on a loaded machine. The
        // error kind proves the deadline, not a server reply, ended the wait.
        #expect(elapsed >= .milliseconds(350))
        #expect(await server.wait { $0.openConnectionCount == 0 }, "the client closed the hanging connection")
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try LocalHTTPServer { _ in ScriptedResponse(behaviour: .hang) }
        let client = HTTPClient()
        let task = Task { try await client.send(.get(server.url("/hang"))) }
        #expect(await server.wait { $0.openConnectionCount == 1 })
        task.cancel()
        let result = await task.result
        #expect(throws: HTTPError.self) { try result.get() }
        if case .failure(let error) = result { #expect((error as? HTTPError)?.kind == .cancelled) }
        #expect(await server.wait { $0.openConnectionCount == 0 })
    }

    @Test func aHugeBodyStopsAtTheLimit() async throws {
        let chunk = Data(repeating: 0x61, count: 1 << 20)
        let server = try LocalHTTPServer { _ in ScriptedResponse(body: chunk, behaviour: .repeated(times: 2048)) }
        let error = await #expect(throws: HTTPError.self) {
            try await HTTPClient().send(.get(server.url("/huge")), maxBodySize: 4 << 20)
        }
        #expect(error?.kind == .bodyTooLarge(limit: 4 << 20))
    }

    @Test func aSlowTrickleArrivesWholeAndAnIdleLimitCutsAStall() async throws {
        let body = Data((0..<40).map { UInt8($0) })
        let server = try LocalHTTPServer { request in
            request.path == "/slow"
                ? ScriptedResponse(body: body, behaviour: .trickle(chunkSize: 4, interval: .milliseconds(30)))
                : ScriptedResponse(body: body, behaviour: .trickle(chunkSize: 20, interval: .seconds(3)))
        }
        let client = HTTPClient()
        #expect(try await client.send(.get(server.url("/slow"))).body == body)
        var stalled = HTTPRequest.get(server.url("/stall"))
        stalled.timeouts = HTTPTimeouts(total: nil, idle: .seconds(1))
        let error = await #expect(throws: HTTPError.self) { try await client.send(stalled) }
        #expect(error?.kind == .timedOut)
    }

    @Test func anEmptyReplyIsAConnectionLoss() async throws {
        let server = try LocalHTTPServer { _ in ScriptedResponse(behaviour: .closeImmediately) }
        let error = await #expect(throws: HTTPError.self) { try await HTTPClient().send(.get(server.url("/x"))) }
        #expect(error?.kind == .connectionLost)
        #expect(error?.isTransient == true)
    }
}

@Suite("HTTPClient with a proxy")
struct ProxyTests {
    @Test func loopbackBypassesTheProxy() async throws {
        // A "proxy" that answers 502 to everything: if the request went through it, we would see 502.
        let proxy = try LocalHTTPServer { _ in .text("via proxy", status: 502) }
        let server = try LocalHTTPServer { _ in .text("direct") }
        var configuration = HTTPClient.Configuration()
        configuration.proxy = proxy.baseURL.absoluteString
        let response = try await HTTPClient(configuration: configuration).send(.get(server.url("/")))
        #expect(String(decoding: response.body, as: UTF8.self) == "direct")
        #expect(proxy.requests.isEmpty)
    }
}
