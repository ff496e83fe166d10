import CuratorLLM
import CuratorTestSupport
import Foundation
import Testing

/// `curator llm start|status|stop` as a user meets them: the built binary, its output and exit code.
/// Records go to a temporary cache folder; the real server and model come from the install.
@Suite("curator llm start, status, stop (the built binary)")
struct LLMCommandTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs the `curator` binary that `swift build` put beside the test bundle, on a thread of its own.
    static func curator(_ arguments: [String], environment: [String: String]) async throws -> Run {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" && !["debug", "release"].contains(where: folder.lastPathComponent.hasSuffix) {
            folder.deleteLastPathComponent()
        }
        let binary = folder.appendingPathComponent("curator").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "no curator at \(binary): run `swift build` first")
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: binary)
                    process.arguments = arguments
                    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                    let out = Pipe(), err = Pipe()
                    process.standardOutput = out
                    process.standardError = err
                    try process.run()
                    let output = out.fileHandleForReading.readDataToEndOfFile()
                    let errors = err.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                               errors: String(decoding: errors, as: UTF8.self))
                })
            }.start()
        }
    }

    @Test func startStatusStop() async throws {
        let install = LocalInstall.discover(environment: ProcessInfo.processInfo.environment)
        let server = try #require(install.serverBinary, "llama-server missing: run `scripts/bootstrap.sh --llm`")
        let model = try #require(install.modelPath, "model missing: run `scripts/bootstrap.sh --llm`")
        let cache = TemporaryDirectory("curator-llm-cli")
        let environment = ["CURATOR_CACHE_DIR": cache.path, "CURATOR_CONFIG_DIR": cache.path,
                           "CURATOR_LLAMA_SERVER": server, "CURATOR_LLM_MODEL": model, "CURATOR_LLM_API_KEY": "sk-never-shown"]
        // However the test ends, no server is left running (and the folder goes with `cache`).
        do {
            let started = try await Self.curator(["llm", "start", "--threads", "1"], environment: environment)
            #expect(started.status == 0, "\(started.errors)")
            #expect(started.output.hasPrefix("started chat server: http://127.0.0.1:"))
            let again = try await Self.curator(["llm", "start", "--threads", "1"], environment: environment)
            #expect(again.output.hasPrefix("chat server already running"))

            let status = try await Self.curator(["llm", "status", "--json"], environment: environment)
            #expect(status.status == 0)
            let report = try JSONValue.parse(Data(status.output.utf8))
            #expect(report["health"] == "ready")
            #expect(report["apiKeySet"] == true)
            #expect(report["endpoint"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true)
            #expect(!status.output.contains("sk-never-shown") && !status.errors.contains("sk-never-shown"))

            let stopped = try await Self.curator(["llm", "stop"], environment: environment)
            #expect(stopped.output.hasPrefix("stopped chat server"))
            let after = try await Self.curator(["llm", "status"], environment: environment)
            #expect(after.output.contains("none started"))
        } catch {
            _ = try? await Self.curator(["llm", "stop", "--all"], environment: environment)
            throw error
        }
        _ = try? await Self.curator(["llm", "stop", "--all"], environment: environment)
    }

    @Test func badFlagsFailWithOneClearLine() async throws {
        let run = try await Self.curator(["llm", "start", "--threads", "0"], environment: [:])
        #expect(run.status != 0)
        #expect(run.errors.contains("--threads must be at least 1"))
    }
}
