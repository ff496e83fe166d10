import CuratorHTTP
import CuratorTestSupport
import Foundation
import Testing

/// Issue 19 §4 and §9: a server's error body is copied into a message someone reads on a
/// terminal: cut between characters, no control characters, no echoed key.
@Suite("Server messages in HTTP errors")
struct ServerMessageTests {
    @Test func aServersErrorBodyIsCutBetweenCharactersWithoutControlsOrTheKey() async throws {
        let key = "sk-test-0123456789abcdef"
        // 13 + 10 bytes, then two-byte characters: a cut after an odd number of bytes lands inside one.
        let body = "bad gateway: \u{1B}]0;pwned\u{07}" + String(repeating: "é", count: 600)
        let server = try LocalHTTPServer { request in
            .text(body + " you sent " + (request.headers["authorization"] ?? ""), status: 400)
        }
        var request = HTTPRequest.get(server.url("/v1/models"), headers: [("Authorization", "Bearer \(key)")])
        request.timeouts = HTTPTimeouts(connect: .seconds(5), total: .seconds(10))
        let error = await #expect(throws: HTTPError.self) { try await HTTPClient().send(request) }
        let message = try #require(error?.message)
        #expect(message.hasPrefix("bad gateway:"))
        #expect(!message.contains("\u{FFFD}"), "cut inside a character: \(message.suffix(20))")
        #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control }, "control characters: \(message.prefix(40).debugDescription)")
        let echo = try LocalHTTPServer { request in .text("you sent " + (request.headers["authorization"] ?? ""), status: 401) }
        request.url = echo.url("/v1/models")
        let rejected = await #expect(throws: HTTPError.self) { try await HTTPClient().send(request) }
        #expect(rejected?.message.contains("0123456789abcdef") == false, "\(rejected?.message ?? "")")
    }
}
