import CuratorTestSupport
import Foundation
import Synchronization
import Testing

@Suite("curator serve as a user starts it")
struct ServeCLITests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/movies").path

    @Test func printsTheChosenPortFitsTheModelAndStopsCleanlyOnSIGTERM() async throws {
        let state = TemporaryDirectory("curator-serve-cli")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CLIRunner.binary)
        process.arguments = ["serve", "--data", Self.examples, "--state", state.path, "--port", "0", "--no-text"]
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let output = Mutex(""), errors = Mutex("")
        out.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.withLock { $0 += text }
        }
        err.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            errors.withLock { $0 += text }
        }
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            // A readability handler left on a pipe whose handle is then closed makes
            // libdispatch's event loop crash the test process (a CI run died so, SIGSEGV in
            // _dispatch_event_loop_drain, as this test ended).
            out.fileHandleForReading.readabilityHandler = nil
            err.fileHandleForReading.readabilityHandler = nil
        }
        let deadline = Date().addingTimeInterval(120)
        // "ready" (the model) is logged before the listening line is printed: wait for both.
        while Date() < deadline && process.isRunning
            && !(errors.withLock({ $0.contains(#""message":"ready""#) }) && output.withLock({ $0.contains("listening on") })) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let printed = output.withLock { $0 }
        let port = try #require(printed.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) })
        #expect(port > 0)
        let log = errors.withLock { $0 }
        #expect(log.contains("no up-to-date model saved: fitting one"))
        #expect(log.contains(#""message":"ready""#))
        #expect(FileManager.default.fileExists(atPath: try #require(
            FileManager.default.enumerator(atPath: state.path)?.compactMap { $0 as? String }.first { $0.hasSuffix("models/itemknn.model") }
                .map { state.path + "/" + $0 })))

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
