import CuratorHTTP
import CuratorTestSupport
import Foundation
import Testing

/// TLS against a real TLS server: `openssl s_server` with a throw-away self-signed certificate.
@Suite("HTTPClient over TLS: verification on by default")
struct TLSTests {
    /// Runs `openssl` with `arguments` to completion.
    static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.first ?? "") failed")
    }

    @Test func anUntrustedCertificateFailsAndATrustedOneWorks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curator-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cert = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                          "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        let port = try LocalHTTPServer.refusedPort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        server.standardInput = FileHandle.nullDevice
        try server.run()
        // SIGKILL: a child spawned from a Swift task inherits its thread's blocked signals, and
        // SIGTERM left s_server running after every test run.
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let url = URL(string: "https://127.0.0.1:\(port)/")!

        // Wait until it accepts connections (refused until then).
        var configuration = HTTPClient.Configuration()
        configuration.caBundlePath = cert
        let trusting = HTTPClient(configuration: configuration)
        var answer: HTTPResponse?
        for _ in 0..<100 where answer == nil {
            answer = try? await trusting.send(.get(url))
            if answer == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let response = try #require(answer, "openssl s_server did not answer on 127.0.0.1:\(port)")
        #expect(response.status == 200)

        let error = await #expect(throws: HTTPError.self) { try await HTTPClient().send(.get(url)) }
        #expect(error?.kind == .tls)
        #expect(error?.isTransient == false)
    }
}
