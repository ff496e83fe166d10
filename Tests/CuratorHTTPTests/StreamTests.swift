import CuratorHTTP
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

@Suite("HTTPClient.stream: chunks as they arrive, cuts, bounded memory")
struct StreamTests {
    @Test func chunksArriveOneByOneAndJoinToTheWhole() async throws {
        let events = (0..<5).map { "event \($0)" }
        let server = try LocalHTTPServer { _ in .eventStream(events, interval: .milliseconds(150)) }
        let start = ContinuousClock.now
        let response = try await HTTPClient().stream(.get(server.url("/events")))
        #expect(response.headers["content-type"] == "text/event-stream")
        var arrivals: [Duration] = []
        var text = ""
        for try await chunk in response.body {
            arrivals.append(ContinuousClock.now - start)
            text += String(decoding: chunk, as: UTF8.self)
        }
        #expect(text == events.map { "data: \($0)\n\n" }.joined())
        #expect(arrivals.count >= 3, "chunks should not be coalesced into one")
        #expect(arrivals.first! < .milliseconds(400), "the first chunk arrives before the last is sent")
        #expect(arrivals.last! >= .milliseconds(550))
    }

    @Test func aStreamCutMidEventFailsWithConnectionLost() async throws {
        let server = try LocalHTTPServer { _ in
            ScriptedResponse(headers: [("Content-Type", "text/event-stream")], behaviour: .chunked(
                [Data("data: {\"a\":1}\n\n".utf8), Data("data: {\"a\":".utf8)], interval: .milliseconds(20), complete: false))
        }
        let response = try await HTTPClient().stream(.get(server.url("/events")))
        var received = Data()
        let error = await #expect(throws: HTTPError.self) {
            for try await chunk in response.body { received.append(chunk) }
        }
        #expect(error?.kind == .connectionLost)
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("data: {\"a\":1}"))
    }

    @Test func aStatusErrorThrowsBeforeTheBody() async throws {
        let server = try LocalHTTPServer { _ in .json(#"{"error":{"message":"model is loading","code":503}}"#, status: 503) }
        let error = await #expect(throws: HTTPError.self) { try await HTTPClient().stream(.get(server.url("/x"))) }
        #expect(error?.kind == .status(503))
        #expect(error?.message == "model is loading")
    }

    /// Resident memory in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
        let pages = Int(text.split(separator: " ")[1]) ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func aHugeStreamedBodyKeepsMemoryBounded() async throws {
        let chunk = Data(repeating: 0x62, count: 1 << 20)
        let server = try LocalHTTPServer { _ in ScriptedResponse(body: chunk, behaviour: .repeated(times: 256)) }
        let before = Self.residentBytes()
        var peak = before
        var total = 0
        let response = try await HTTPClient().stream(.get(server.url("/huge")), bufferLimit: 1 << 20)
        for try await piece in response.body {
            total += piece.count
            if total % (16 << 20) < piece.count {
                try await Task.sleep(for: .milliseconds(20))  // a slow reader: the producer must wait
                peak = max(peak, Self.residentBytes())
            }
        }
        #expect(total == 256 << 20)
        #expect(peak - before < 64 << 20, "256 MiB streamed with at most a few MiB buffered")
    }

    @Test func droppingTheBodyAbortsTheTransfer() async throws {
        let server = try LocalHTTPServer { _ in
            ScriptedResponse(body: Data(count: 1000), behaviour: .trickle(chunkSize: 10, interval: .milliseconds(100)))
        }
        do {
            let response = try await HTTPClient().stream(.get(server.url("/slow")))
            var iterator = response.body.makeAsyncIterator()
            _ = try await iterator.next()
        }
        #expect(await server.wait { $0.openConnectionCount == 0 }, "the client hung up after the body was dropped")
    }
}
