import CuratorHTTP
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

@Suite("HTTPClient.stream: chunks as they arrive, cuts, bounded memory")
struct StreamTests {
    @Test func chunksArriveOneByOneAndJoinToTheWhole() async throws {
        // The server sends event i only once the client has received event i - 1, so a client
        // that buffered the body would stall the server, which then gives up and records it:
        // streaming is proven without timing the arrivals. The wait is long because CPU-bound
        // tests running beside this one can hold Swift's small cooperative pool (where this
        // test reads) for many seconds on a busy machine; after one give-up it stops waiting.
        let events = (0..<5).map { "data: event \($0)\n\n" }
        let received = Mutex(0)
        let gaveUp = Mutex(false)
        let server = try LocalHTTPServer { _ in
            ScriptedResponse(headers: [("Content-Type", "text/event-stream")], behaviour: .gated(events.map { Data($0.utf8) }) { index in
                let deadline = ContinuousClock.now + .seconds(120)
                while received.withLock({ $0 }) < index && !gaveUp.withLock({ $0 }) {
                    guard ContinuousClock.now < deadline else { gaveUp.withLock { $0 = true }; return }
                    Thread.sleep(forTimeInterval: 0.005)
                }
            })
        }
        let response = try await HTTPClient().stream(.get(server.url("/events")))
        #expect(response.headers["content-type"] == "text/event-stream")
        var text = ""
        for try await chunk in response.body {
            text += String(decoding: chunk, as: UTF8.self)
            let complete = text.components(separatedBy: "\n\n").count - 1
            received.withLock { $0 = complete }
        }
        #expect(text == events.joined())
        #expect(!gaveUp.withLock { $0 }, "each event reached the client before the next was sent")
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
