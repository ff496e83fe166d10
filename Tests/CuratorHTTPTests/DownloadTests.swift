import CuratorHTTP
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

@Suite("HTTPClient.download against a local server")
struct DownloadTests {
    /// A fresh temporary folder for one test.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("curator-http-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func downloadsTheBodyAndReportsProgress() async throws {
        let body = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let server = try LocalHTTPServer { _ in ScriptedResponse(body: body, behaviour: .trickle(chunkSize: 65_536, interval: .milliseconds(5))) }
        let destination = Self.temporaryFolder().appendingPathComponent("sub/file.bin")
        let reports = Mutex<[(Int64, Int64?)]>([])
        let written = try await HTTPClient().download(from: server.url("/file.bin"), to: destination) { received, expected in
            reports.withLock { $0.append((received, expected)) }
        }
        #expect(written == Int64(body.count))
        #expect(try Data(contentsOf: destination) == body)
        let seen = reports.withLock { $0 }
        #expect(seen.count > 1)
        #expect(seen.last?.0 == Int64(body.count))
        #expect(seen.allSatisfy { $0.1 == Int64(body.count) })
        #expect(!FileManager.default.fileExists(atPath: destination.path + ".part"))
    }

    @Test func statusErrorCarriesTheServerMessageAndLeavesNoFile() async throws {
        let server = try LocalHTTPServer { _ in .text("no such dataset", status: 404) }
        let destination = Self.temporaryFolder().appendingPathComponent("missing.zip")
        let error = await #expect(throws: HTTPError.self) {
            try await HTTPClient().download(from: server.url("/missing.zip"), to: destination)
        }
        #expect(error?.kind == .status(404))
        #expect(error?.message == "no such dataset")
        #expect(error?.url == server.url("/missing.zip"))
        #expect(!FileManager.default.fileExists(atPath: destination.path))
        #expect(!FileManager.default.fileExists(atPath: destination.path + ".part"))
    }

    @Test func aCutConnectionFailsAndKeepsTheOldFile() async throws {
        let server = try LocalHTTPServer { _ in ScriptedResponse(body: Data(count: 10_000), behaviour: .cutAfter(bytes: 100)) }
        let destination = Self.temporaryFolder().appendingPathComponent("data.bin")
        try Data("old".utf8).write(to: destination)
        let error = await #expect(throws: HTTPError.self) {
            try await HTTPClient().download(from: server.url("/data.bin"), to: destination)
        }
        #expect(error?.kind == .connectionLost)
        #expect(try Data(contentsOf: destination) == Data("old".utf8))
    }

    @Test func refusedConnectionIsUnreachable() async throws {
        let port = try LocalHTTPServer.refusedPort()
        let destination = Self.temporaryFolder().appendingPathComponent("x")
        let error = await #expect(throws: HTTPError.self) {
            try await HTTPClient().download(from: URL(string: "http://127.0.0.1:\(port)/x")!, to: destination)
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
    }
}
