import CuratorTestSupport
import Foundation
import Testing

/// The chat as a user meets it: scripted turns through a pipe, and a real terminal (tmux).
@Suite("curator chat")
struct ChatCLITests {
    /// The shipped example dataset, found from this file's place in the repository.
    static let movies = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/movies").path

    @Test func scriptedTurnsThroughAPipeGetPlainAnswersAndTheSessionIsSaved() async throws {
        let dir = TemporaryDirectory()
        let script = "I loved Heat and Se7en, something darker but not horror\nnot that one\n/why 1\n/constraints\n"
        let result = try await CLIRunner.run(["chat", "--data", Self.movies, "--state", dir.path], input: script)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("Noted: you liked Heat (1995) and Se7en (1995)."))
        #expect(out.contains("  1. "))
        #expect(out.contains("Because you liked"))
        #expect(out.contains("Noted: not "))
        #expect(out.contains("Constraints: no Horror; dark"))
        #expect(!out.contains("\u{1B}["), "no colour codes when not on a terminal")
        // Ctrl-D (end of input) saved the conversation: it resumes.
        let resumed = try await CLIRunner.run(["chat", "--data", Self.movies, "--state", dir.path, "--resume", "last"], input: "/history\n")
        #expect(resumed.standardOutput.contains("Liked: heat-1995, se7en-1995"))
        let missing = try await CLIRunner.run(["chat", "--data", Self.movies, "--state", dir.path, "--resume", "nope"], input: "")
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("no saved conversation called 'nope'"))
    }

    @Test func aRealTerminalSessionWithPromptSlashCommandAndCleanExit() async throws {
        let tmux = try #require(Self.which("tmux"), "tmux is needed for the terminal test (scripts/bootstrap.sh installs it)")
        let dir = TemporaryDirectory()
        let name = "curator-test-\(UUID().uuidString.prefix(8))"
        let binary = try CLIRunner.binary
        // The pane outlives the chat (sleep), so its last words and exit status can be read.
        let command = "env TERM=xterm NO_COLOR=1 \(binary) chat --data \(Self.movies) --state \(dir.path); echo chat-exited-$?; sleep 60"
        try Self.run(tmux, ["new-session", "-d", "-s", name, "-x", "160", "-y", "50", command], capture: false)
        defer { _ = try? Self.run(tmux, ["kill-session", "-t", name], capture: false) }
        #expect(try await Self.waitFor("you›", tmux: tmux, session: name), "the prompt appears")
        try Self.run(tmux, ["send-keys", "-t", name, "I loved the matrix", "Enter"], capture: false)
        #expect(try await Self.waitFor("Noted: you liked The Matrix (1999).", tmux: tmux, session: name))
        try Self.run(tmux, ["send-keys", "-t", name, "/why 1", "Enter"], capture: false)
        #expect(try await Self.waitFor("Recall rank", tmux: tmux, session: name))
        try Self.run(tmux, ["send-keys", "-t", name, "C-d"], capture: false)
        #expect(try await Self.waitFor("Saved as 'last'", tmux: tmux, session: name), "Ctrl-D leaves and saves")
        #expect(try await Self.waitFor("chat-exited-0", tmux: tmux, session: name), "a clean exit")
    }

    /// Polls the pane for `text` (bounded: the test ends on its own if it never shows).
    static func waitFor(_ text: String, tmux: String, session: String) async throws -> Bool {
        for _ in 0..<300 {
            let pane = try run(tmux, ["capture-pane", "-p", "-t", session, "-S", "-200"])
            if pane.contains(text) { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        let pane = (try? run(tmux, ["capture-pane", "-p", "-t", session])) ?? ""
        Issue.record("never saw \"\(text)\"; the pane shows:\n\(pane)")
        return false
    }

    /// Runs a tool and returns what it printed. `capture: false` for a command that leaves a
    /// daemon behind (tmux's server would hold a captured pipe open forever).
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], capture: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = capture ? out : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        guard capture else { process.waitUntilExit(); return "" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func which(_ tool: String) -> String? {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + tool }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
