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
        #expect(resumed.standardOutput.contains("Liked: Heat (1995), Se7en (1995)"), "titles, not ids: \(resumed.standardOutput)")
        let missing = try await CLIRunner.run(["chat", "--data", Self.movies, "--state", dir.path, "--resume", "nope"], input: "")
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("no saved conversation called 'nope'"))
    }

    @Test func byDefaultTheLLMReadsOnlyATurnTheRulesUnderstoodNothingOf() async throws {
        // An endpoint that refuses every request (400: not retried) shows which turns asked it.
        let server = try LocalHTTPServer { _ in .json(#"{"error":{"message":"refused by the test"}}"#, status: 400) }
        let dir = TemporaryDirectory()
        let script = "I loved Heat and Se7en\nsomething to watch with my grandmother on a rainy sunday\nsomething darker\n"
        let result = try await CLIRunner.run(
            ["chat", "--data", Self.movies, "--state", dir.path, "--llm", server.baseURL.absoluteString, "--llm-weight", "1"], input: script)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.components(separatedBy: "LLM reading skipped").count == 2, "one turn asked the LLM to read it:\n\(out)")
        let asked = try #require(out.range(of: "LLM reading skipped"))
        let missed = try #require(out.range(of: "I didn't catch a film"), "the rules understood nothing of turn 2")
        #expect(missed.lowerBound < asked.lowerBound, "the turn the rules missed")
        #expect(out.contains("LLM step skipped"), "the rerank failed too, and the turns still answered")
    }

    /// Issue 19 §7: with the LLM step skipped, item 1 lost its reason and item 2 printed indented.
    @Test(arguments: ["refused", "500"])
    func whenTheLLMStepIsSkippedEveryItemKeepsItsLineAndItsReason(fault: String) async throws {
        let server = try LocalHTTPServer { _ in .json(#"{"error":{"message":"down for the test"}}"#, status: 500) }
        let endpoint = fault == "refused" ? "http://127.0.0.1:\(try LocalHTTPServer.refusedPort())" : server.baseURL.absoluteString
        let dir = TemporaryDirectory()
        let result = try await CLIRunner.run(
            ["chat", "--data", Self.movies, "--state", dir.path, "--llm", endpoint, "--llm-weight", "1", "--explanations", "llm"],
            input: "I loved Heat and Se7en\n/like 1\n")
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.components(separatedBy: "\n")
        #expect(result.standardOutput.components(separatedBy: "LLM step skipped").count == 3, "both lists say so:\n\(result.standardOutput)")
        let items = lines.indices.filter { lines[$0].range(of: #"^  [0-9]+\. \S"#, options: .regularExpression) != nil }
        #expect(items.count == 10, "five items a list, each at the start of its line:\n\(result.standardOutput)")
        // Each item's reason (which film it credits, or popularity, is the engine's call) on the line below it.
        let reasonLeads = ["Because you liked ", "Popular with viewers here", "It fits what you asked for", "More like "]
        for index in items {
            let below = lines[index + 1]
            #expect(below.hasPrefix("     ") && reasonLeads.contains { below.dropFirst(5).hasPrefix($0) },
                    "item line \(lines[index]) has its reason below it: \(below)")
        }
        #expect(!lines.contains { $0.range(of: #"^\s{5,}[0-9]+\. "#, options: .regularExpression) != nil }, "no item printed indented")
    }

    @Test func aRealTerminalSessionWithPromptSlashCommandAndCleanExit() async throws {
        let dir = TemporaryDirectory()
        let tmux = try Tmux.chat(["--data", Self.movies, "--state", dir.path])
        defer { tmux.killServer() }
        #expect(try await tmux.waitFor("you›"), "the prompt appears")
        try tmux.run(["send-keys", "-t", "chat", "I loved the matrix", "Enter"])
        #expect(try await tmux.waitFor("Noted: you liked The Matrix (1999)."))
        try tmux.run(["send-keys", "-t", "chat", "/why 1", "Enter"])
        #expect(try await tmux.waitFor("it came"))
        try tmux.run(["send-keys", "-t", "chat", "C-d"])
        #expect(try await tmux.waitFor("Saved as 'last'"), "Ctrl-D leaves and saves")
        #expect(try await tmux.waitFor("chat-exited-0"), "a clean exit")
    }

    @Test func wideCharactersKeepTheTerminalCursorWhereTheLineEditorsIs() async throws {
        let dir = TemporaryDirectory()
        let tmux = try Tmux.chat(["--data", Self.movies, "--state", dir.path])
        defer { tmux.killServer() }
        #expect(try await tmux.waitFor("you›"), "the prompt appears")
        let start = try tmux.cursorColumn()
        try tmux.run(["send-keys", "-t", "chat", "-l", "映画 ok"])
        #expect(try await tmux.waitFor("映画 ok"))
        #expect(try await tmux.cursorColumn(becomes: start + 7), "two columns for each CJK character")
        try tmux.run(["send-keys", "-t", "chat", "Left", "Left", "Left", "Left"])
        #expect(try await tmux.cursorColumn(becomes: start + 2), "back over '画 ok': five columns for four characters")
        try tmux.run(["send-keys", "-t", "chat", "-l", "X"])
        #expect(try await tmux.waitFor("映X画 ok"), "typed where the cursor is")
        #expect(try await tmux.cursorColumn(becomes: start + 3))
        try tmux.run(["send-keys", "-t", "chat", "BSpace", "BSpace"])
        #expect(try await tmux.waitFor("you› 画 ok"), "Backspace removes whole characters")
        #expect(try await tmux.cursorColumn(becomes: start))
        try tmux.run(["send-keys", "-t", "chat", "C-e", "C-u", "C-d"])
        #expect(try await tmux.waitFor("chat-exited-0"), "a clean exit")
    }

    @Test func ctrlCInterruptsTheAnswerBeingWrittenAndTheChatGoesOn() async throws {
        let server = try await SharedLlamaServer.chat.server()
        let dir = TemporaryDirectory()
        // The LLM writes the explanations (flags override the absent calibration record).
        let tmux = try Tmux.chat(["--data", Self.movies, "--state", dir.path, "--llm", server.endpoint.absoluteString,
                                  "--llm-weight", "1", "--explanations", "llm"])
        defer { tmux.killServer() }
        #expect(try await tmux.waitFor("you›"), "the prompt appears")
        try tmux.run(["send-keys", "-t", "chat", "I loved the matrix", "Enter"])
        // The reranked list comes first, then an explanation per item, streamed (seconds each
        // on one thread): Ctrl-C lands while they are being written.
        #expect(try await tmux.waitFor("  1. "), "the first item is on screen")
        try tmux.run(["send-keys", "-t", "chat", "C-c"])
        #expect(try await tmux.waitFor("LLM step interrupted"), "Ctrl-C stops the answer")
        try tmux.run(["send-keys", "-t", "chat", "/why 1", "Enter"])
        #expect(try await tmux.waitFor("it came"), "the chat goes on after Ctrl-C")
        try tmux.run(["send-keys", "-t", "chat", "C-d"])
        #expect(try await tmux.waitFor("chat-exited-0"), "and leaves cleanly")
    }

    /// A tmux server of the test's own (its own socket name), so the test neither touches nor
    /// depends on a server the user runs, and nothing of it outlives the test.
    struct Tmux {
        let tool: String
        let socket = "curator-test-\(UUID().uuidString.prefix(8))"

        /// A server with one 160×50 session `chat` running `curator chat` with `arguments`.
        /// The pane outlives the chat (sleep), so its last words and exit status can be read.
        static func chat(_ arguments: [String]) throws -> Tmux {
            let tool = try #require(ChatCLITests.which("tmux"), "tmux is needed for the terminal tests (scripts/bootstrap.sh installs it)")
            let tmux = Tmux(tool: tool)
            let command = "env TERM=xterm NO_COLOR=1 \(try CLIRunner.binary) chat \(arguments.joined(separator: " ")); echo chat-exited-$?; sleep 60"
            try tmux.run(["new-session", "-d", "-s", "chat", "-x", "160", "-y", "50", command], capture: false)
            return tmux
        }

        /// Runs a tmux command on this server and returns what it printed. `capture: false` for
        /// the command that starts the server, which would hold a captured pipe open.
        @discardableResult
        func run(_ arguments: [String], capture: Bool = true) throws -> String {
            let result = try ChildProcess.run(tool, ["-L", socket] + arguments, captureOutput: capture)
            try #require(result.status == 0, "tmux \(arguments.first ?? "") ended with status \(result.status)")
            return result.output
        }

        /// The column of the pane's cursor (0 is the first).
        func cursorColumn() throws -> Int {
            let text = try run(["display-message", "-p", "-t", "chat", "#{cursor_x}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            return try #require(Int(text), "tmux printed '\(text)' for the cursor column")
        }

        /// Polls the cursor's column until it is `column` (bounded, like `waitFor`).
        func cursorColumn(becomes column: Int) async throws -> Bool {
            for _ in 0..<100 {
                if try cursorColumn() == column { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("the cursor stayed at column \(try cursorColumn()), not \(column); the pane shows:\n\((try? run(["capture-pane", "-p", "-t", "chat"])) ?? "")")
            return false
        }

        func killServer() {
            _ = try? ChildProcess.run(tool, ["-L", socket, "kill-server"])
        }

        /// Polls the pane for `text` (bounded: the test ends on its own if it never shows).
        func waitFor(_ text: String, session: String = "chat") async throws -> Bool {
            for _ in 0..<300 {
                if try run(["capture-pane", "-p", "-t", session, "-S", "-200"]).contains(text) { return true }
                try await Task.sleep(for: .milliseconds(100))
            }
            let pane = (try? run(["capture-pane", "-p", "-t", session])) ?? ""
            Issue.record("never saw \"\(text)\"; the pane shows:\n\(pane)")
            return false
        }
    }

    static func which(_ tool: String) -> String? {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + tool }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
