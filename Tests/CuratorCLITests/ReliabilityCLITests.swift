import CuratorTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// Issue 19: what an outside probe broke, as a user meets it through the binary.
@Suite("reliability on the command line")
struct ReliabilityCLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let movies = repository.appendingPathComponent("examples/movies").path

    /// A crash is a signal (status above 128) or a Swift runtime trap on standard error.
    private func expectNoCrash(_ result: CLIRunner.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status < 128, "\(what) crashed (status \(result.status))", sourceLocation: sourceLocation)
        #expect(!result.standardError.contains("Fatal error") && !result.standardError.contains("Stack dump"),
                "\(what) trapped: \(result.standardError.prefix(600))", sourceLocation: sourceLocation)
    }

    /// Runs `curator chat` without the installed embedding model: a debug build embeds the
    /// 242 films of the shipped catalog for minutes before the first turn.
    private func chat(_ arguments: [String], input: String) async throws -> CLIRunner.Result {
        try await CLIRunner.run(["chat"] + arguments, environment: ["CURATOR_CACHE_DIR": NSTemporaryDirectory() + "curator-reliability-no-cache"], input: input)
    }

    private func info(_ folder: String, _ extra: [String] = []) async throws -> CLIRunner.Result {
        try await CLIRunner.run(["data", "info", "--data", folder, "--json"] + extra)
    }

    // MARK: §1 ids

    @Test func idsMixingNumbersAndTextLoadWithoutACrash() async throws {
        let dir = TemporaryDirectory()
        let data = dir.folder("d")
        dir.write("d/interactions.csv", "user,item,timestamp,value\n1,a,1,1\nbob,b,2,1\n7,a,3,1\n007,b,4,1\n")
        let result = try await info(data)
        expectNoCrash(result, "data info")
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(summary["users"] as? Int == 4, "1, bob, 7 and 007 are four users")
        #expect(summary["items"] as? Int == 2)
        let skipping = try await info(data, ["--skip-bad-lines"])
        expectNoCrash(skipping, "data info --skip-bad-lines")
        #expect(skipping.status == 0)
    }

    @Test func movieLensWithATextItemIdAndANULByteIsReadOrRefusedCleanly() async throws {
        let dir = TemporaryDirectory()
        let data = dir.folder("ml")
        dir.write("ml/u.data", "1\t10\t5\t881250949\n\u{0}2\t10\t4\t881250950\n2\t20\t3\t881250951\n")
        dir.write("ml/u.item", "10|Heat (1995)|01-Jan-1995||http://x|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\nB00X|Odd (1990)|01-Jan-1990||http://x|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n20|Ran (1985)|01-Jan-1985||http://x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n")
        let strict = try await info(data)
        expectNoCrash(strict, "data info")
        #expect(strict.status != 0)
        #expect(strict.standardError.contains("u.data:2: field 'user id' contains a control character (U+0000)"), "\(strict.standardError)")
        let skipping = try await info(data, ["--skip-bad-lines"])
        expectNoCrash(skipping, "data info --skip-bad-lines")
        #expect(skipping.status == 0, "\(skipping.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(skipping.standardOutput.utf8)) as? [String: Any])
        #expect(summary["users"] as? Int == 2)
        #expect(summary["items"] as? Int == 3, "the catalog-only item B00X is kept beside the numeric ones")
    }

    // MARK: §2 and §3 writers at once

    private func itemsFixture() async throws -> (TemporaryDirectory, [String]) {
        let dir = TemporaryDirectory()
        let synth = try await CLIRunner.run(["data", "synth", "--users", "60", "--items", "30", "--interactions", "900", "--seed", "5", "--out", dir.path + "/synth"])
        #expect(synth.status == 0, "\(synth.standardError)")
        try TinyBertModel.write(to: dir.path + "/model")
        return (dir, ["--data", dir.path + "/synth", "--state", dir.path + "/state", "--embedding-model-dir", dir.path + "/model"])
    }

    /// Runs `body(worker)` for `workers` workers at once.
    private func concurrently(_ workers: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers { group.addTask { try await body(worker) } }
            try await group.waitForAll()
        }
    }

    @Test func itemsAddedAtOnceAreAllKept() async throws {
        let (dir, common) = try await itemsFixture()
        let acknowledged = Mutex<[String]>([])
        try await concurrently(4) { worker in
            for round in 0..<5 {
                let id = "w\(worker)-r\(round)"
                let result = try await CLIRunner.run(["items", "add", "--id", id, "--title", "Item \(id)"] + common)
                self.expectNoCrash(result, "items add \(id)")
                if result.status == 0 && result.standardOutput.contains(id) { acknowledged.withLock { $0.append(id) } }
            }
        }
        let list = try await CLIRunner.run(["items", "list"] + common.prefix(4))
        let stored = Set(list.standardOutput.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        let written = acknowledged.withLock { $0 }
        #expect(written.count == 20, "every add succeeded")
        #expect(Set(written).subtracting(stored).isEmpty, "lost: \(Set(written).subtracting(stored).sorted())")
        _ = dir
    }

    /// Saved conversation names in a session database, and SQLite's own integrity verdict.
    private func sessions(in state: String) throws -> (names: Set<String>, integrity: String) {
        let queue = try DatabaseQueue(path: try file(under: state, endingWith: "sessions.sqlite"))
        return try queue.read { db in
            (Set(try String.fetchAll(db, sql: "SELECT name FROM session")), try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "")
        }
    }

    @Test func chatsOnOneStateFolderSaveEveryConversation() async throws {
        let dir = TemporaryDirectory()
        let acknowledged = Mutex<[String]>([])
        try await concurrently(4) { worker in
            let names = (0..<25).map { "c\(worker)-\($0)" }
            let script = "I loved Heat\n" + names.map { "/save \($0)\n" }.joined()
            let result = try await chat(["--data", Self.movies, "--state", dir.path], input: script)
            self.expectNoCrash(result, "chat \(worker)")
            #expect(result.status == 0, "chat \(worker): \(result.standardError)")
            let saved = names.filter { result.standardOutput.contains("Saved as '\($0)'.") }
            acknowledged.withLock { $0 += saved }
        }
        let (names, integrity) = try sessions(in: dir.path)
        let written = acknowledged.withLock { $0 }
        #expect(written.count == 100, "every /save was acknowledged")
        #expect(Set(written).subtracting(names).isEmpty)
        #expect(integrity == "ok")
    }

    @Test func aSaveThatCannotHappenSaysSoAndTheConversationGoesOn() async throws {
        let dir = TemporaryDirectory()
        let first = try await chat(["--data", Self.movies, "--state", dir.path], input: "/save first\n")
        #expect(first.status == 0, "\(first.standardError)")
        let path = try file(under: dir.path, endingWith: "sessions.sqlite")
        // Another process holds the write lock longer than a save waits.
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        Thread {
            let queue = try! DatabaseQueue(path: path)
            try! queue.inTransaction(.exclusive) { _ in
                holding.signal()
                release.wait()
                return .commit
            }
        }.start()
        holding.wait()
        defer { release.signal() }
        let blocked = try await chat(["--data", Self.movies, "--state", dir.path], input: "I loved Heat\n/save blocked\n/history\n")
        expectNoCrash(blocked, "chat")
        #expect(blocked.status == 0, "\(blocked.standardError)")
        let out = blocked.standardOutput
        let said = try #require(out.range(of: "Could not save as 'blocked'"), "\(out)")
        #expect(out[said.upperBound...].contains("Liked: Heat (1995)"), "the conversation went on after it")
    }

    /// The issue's target, bounded: 4 processes at once, each round an `items add` and a chat
    /// that saves. `CURATOR_STRESS_ROUNDS` raises the rounds (25 for the issue's full run).
    @Test func fourWritersOnOneStateFolderLoseNothing() async throws {
        let rounds = ProcessInfo.processInfo.environment["CURATOR_STRESS_ROUNDS"].flatMap(Int.init) ?? 3
        let (dir, common) = try await itemsFixture()
        let items = Mutex<[String]>([]), saves = Mutex<[String]>([])
        try await concurrently(4) { worker in
            for round in 0..<rounds {
                let id = "w\(worker)-r\(round)"
                let add = try await CLIRunner.run(["items", "add", "--id", id, "--title", "Item \(id)"] + common)
                self.expectNoCrash(add, "items add \(id)")
                if add.status == 0 && add.standardOutput.contains(id) { items.withLock { $0.append(id) } }
                let chat = try await chat(Array(common.prefix(4)), input: "I loved Item \(id)\n/save s-\(id)\n")
                self.expectNoCrash(chat, "chat \(id)")
                if chat.standardOutput.contains("Saved as 's-\(id)'.") {
                    saves.withLock { $0.append("s-\(id)") }
                } else {
                    Issue.record("chat \(id) did not save (status \(chat.status)): \(chat.standardOutput.suffix(300)) \(chat.standardError.suffix(300))")
                }
            }
        }
        let list = try await CLIRunner.run(["items", "list"] + common.prefix(4))
        let stored = Set(list.standardOutput.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        let (names, integrity) = try sessions(in: dir.path + "/state")
        #expect(items.withLock { $0.count } == 4 * rounds && saves.withLock { $0.count } == 4 * rounds)
        #expect(Set(items.withLock { $0 }).subtracting(stored).isEmpty)
        #expect(Set(saves.withLock { $0 }).subtracting(names).isEmpty)
        #expect(integrity == "ok")
    }

    // MARK: §4 escape sequences

    /// A copy of the shipped dataset whose every title carries terminal escape sequences.
    private func hostileMovies(_ dir: TemporaryDirectory) throws -> String {
        let folder = dir.folder("hostile")
        try FileManager.default.copyItem(atPath: Self.movies + "/interactions.csv", toPath: folder + "/interactions.csv")
        let lines = try String(contentsOfFile: Self.movies + "/items.jsonl", encoding: .utf8).split(separator: "\n")
        let rewritten = try lines.map { line -> String in
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            object["title"] = Self.escapes + (object["title"] as? String ?? "")
            object["genres"] = ((object["genres"] as? [String]) ?? []).map { $0 + "\u{1B}[31m" }
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        try (rewritten.joined(separator: "\n") + "\n").write(toFile: folder + "/items.jsonl", atomically: true, encoding: .utf8)
        return folder
    }

    static let escapes = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"

    private func expectPrintable(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
        #expect(bad.isEmpty, "\(what) holds control characters \(bad.map { String($0.value, radix: 16) }): \(text.prefix(300).debugDescription)",
                sourceLocation: sourceLocation)
    }

    @Test func catalogTextReachesTheTerminalPrintableAndJSONExact() async throws {
        let dir = TemporaryDirectory()
        let data = try hostileMovies(dir)
        let plain = try await CLIRunner.run(["recommend", "--data", data, "--history", "heat-1995", "-k", "3", "--state", dir.path + "/s"])
        #expect(plain.status == 0, "\(plain.standardError)")
        expectPrintable(plain.standardOutput, "recommend's output")
        #expect(plain.standardOutput.contains("pwned"), "the title is shown, made harmless")
        let json = try await CLIRunner.run(["recommend", "--data", data, "--history", "heat-1995", "-k", "3", "--json", "--state", dir.path + "/s"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let titles = try #require(object["items"] as? [[String: Any]]).compactMap { $0["title"] as? String }
        #expect(titles.count == 3 && titles.allSatisfy { $0.hasPrefix(Self.escapes) }, "--json keeps the data exactly: \(titles)")
        let chat = try await chat(["--data", data, "--state", dir.path + "/s"], input: "I loved heat\n/why 1\n/history\n")
        #expect(chat.status == 0, "\(chat.standardError)")
        expectPrintable(chat.standardOutput, "the chat's output")
    }

    @Test func aModelsStreamedTextAndAServersErrorBodyReachTheTerminalPrintable() async throws {
        let hostile = "Because \u{1B}]0;pwned\u{07}it is \u{1B}[2Jgood."
        let server = try LocalHTTPServer { request in
            if String(decoding: request.body, as: UTF8.self).contains("\"stream\":true") {
                let chunk = { (text: String) in
                    String(decoding: try! JSONSerialization.data(withJSONObject: ["choices": [["index": 0, "delta": ["content": text]]]]), as: UTF8.self)
                }
                return .eventStream(hostile.map { chunk(String($0)) } + ["[DONE]"])
            }
            return .text("bad gateway \u{1B}]0;pwned\u{07}" + String(repeating: "é", count: 400), status: 400)
        }
        let dir = TemporaryDirectory()
        let result = try await CLIRunner.run([
            "recommend", "--data", Self.movies, "--history", "heat-1995", "-k", "2", "--llm", server.baseURL.absoluteString,
            "--state", dir.path, "--llm-weight", "1", "--explanations", "llm",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        // The faithfulness check turns the hostile sentence down (a grounded one is shown);
        // whatever is printed, warnings included, is printable.
        expectPrintable(result.standardOutput, "explanations")
        expectPrintable(result.standardError, "warnings")
        #expect(!result.standardError.contains("\u{FFFD}"), "a server message is cut between characters, not inside one")
    }

    // MARK: §9 keys

    @Test func aRejectedKeyIsSaidSoNeverEchoedAndNoLocalModelStarts() async throws {
        let key = "sk-test-0123456789abcdef"
        let server = try LocalHTTPServer { request in
            .json(#"{"error":{"message":"Incorrect API key provided: \#(request.headers["authorization"] ?? "none")"}}"#, status: 401)
        }
        let dir = TemporaryDirectory()
        let environment = ["CURATOR_LLM_ENDPOINT": server.baseURL.absoluteString, "CURATOR_LLM_API_KEY": key,
                           "CURATOR_LLAMA_SERVER": "/nonexistent/llama-server", "CURATOR_CONFIG_DIR": dir.path]
        let result = try await CLIRunner.run(
            ["recommend", "--data", Self.movies, "--history", "heat-1995", "-k", "2", "--llm", "local", "--llm-weight", "1", "--state", dir.path],
            environment: environment)
        #expect(!(result.standardOutput + result.standardError).contains("0123456789abcdef"), "the key is never printed")
        #expect(!result.standardError.contains("starting the local one"), "no silent switch: \(result.standardError)")
        #expect(result.standardError.contains("rejected the key"), "\(result.standardError)")
        #expect(server.requests.contains { $0.headers["authorization"] == "Bearer \(key)" }, "the configured endpoint gets the key")
    }

    @Test func theConfiguredKeyGoesOnlyToItsOwnEndpoint() async throws {
        let key = "sk-test-0123456789abcdef"
        let other = try LocalHTTPServer { _ in .json(#"{"error":{"message":"nope"}}"#, status: 400) }
        let dir = TemporaryDirectory()
        let environment = ["CURATOR_LLM_ENDPOINT": "http://127.0.0.1:\(try LocalHTTPServer.refusedPort())", "CURATOR_LLM_API_KEY": key,
                           "CURATOR_CONFIG_DIR": dir.path]
        let result = try await CLIRunner.run([
            "recommend", "--data", Self.movies, "--history", "heat-1995", "-k", "2", "--llm", other.baseURL.absoluteString,
            "--state", dir.path, "--llm-weight", "1",
        ], environment: environment)
        expectNoCrash(result, "recommend")
        #expect(!other.requests.isEmpty)
        #expect(!other.requests.contains { ($0.headers["authorization"] ?? "").contains(key) }, "the key went to an endpoint it was not configured for")
        #expect(result.standardError.contains("API key"), "and the user is told why it was not sent: \(result.standardError)")
    }

    // MARK: §10 data checks

    private func importResult(_ dir: TemporaryDirectory, _ interactions: String, items: String? = nil, itemsName: String = "items.jsonl") async throws -> CLIRunner.Result {
        let source = dir.write("in.csv", interactions)
        var arguments = ["data", "import", "--interactions", source, "--out", dir.path + "/out-\(UUID().uuidString.prefix(6))"]
        if let items { arguments += ["--items", dir.write(itemsName, items)] }
        return try await CLIRunner.run(arguments)
    }

    @Test func idsWithControlCharactersOrHugeLengthsAreRefused() async throws {
        let dir = TemporaryDirectory()
        let nul = try await importResult(dir, "user,item\na\u{0}b,x\nc,y\n")
        #expect(nul.status != 0)
        #expect(nul.standardError.contains("in.csv:2: field 'user' contains a control character (U+0000)"), "\(nul.standardError)")
        let long = try await importResult(dir, "user,item\na,\(String(repeating: "x", count: 5000))\n")
        #expect(long.status != 0)
        #expect(long.standardError.contains("in.csv:2: field 'item' is longer than 256 bytes"), "\(long.standardError)")
    }

    @Test func aDuplicateItemIdIsAnErrorNamingBothLines() async throws {
        let dir = TemporaryDirectory()
        let result = try await importResult(dir, "user,item\na,x\n", items: "{\"id\":\"x\",\"title\":\"First\"}\n{\"id\":\"x\",\"title\":\"Second\"}\n")
        #expect(result.status != 0)
        #expect(result.standardError.contains("items.jsonl:2: field 'id' duplicates the item on line 1"), "\(result.standardError)")
    }

    @Test func extraFieldsAreAnErrorAndQuotedFieldsAreReadAsRFC4180() async throws {
        let dir = TemporaryDirectory()
        let extra = try await importResult(dir, "user,item,timestamp\na,x,1\nb,y,2,surprise\n")
        #expect(extra.status != 0)
        #expect(extra.standardError.contains("in.csv:3: has 4 fields, the header has 3"), "\(extra.standardError)")
        let source = dir.write("quoted.csv", "\"user\",\"item\",\"timestamp\"\n\"Smith, Ann\",\"x \"\"y\"\"\",1\nbob,z,2\n")
        let out = dir.path + "/quoted"
        let quoted = try await CLIRunner.run(["data", "import", "--interactions", source, "--out", out])
        #expect(quoted.status == 0, "\(quoted.standardError)")
        let written = (try? String(contentsOfFile: out + "/interactions.csv", encoding: .utf8)) ?? ""
        #expect(written.contains("Smith, Ann") && written.contains("x \"\"y\"\""), "\(written)")
        let broken = try await importResult(dir, "user,item,timestamp\n\"ann,x,1\n")
        #expect(broken.status != 0)
        #expect(broken.standardError.contains("in.csv:2: field 'user'"), "the field with the open quote is named: \(broken.standardError)")
    }

    @Test func anUnreadableFileSaysPermissionDenied() async throws {
        let dir = TemporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let source = dir.write("secret.csv", "user,item\na,x\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: source)
        // Root reads any file: run the binary as nobody then.
        let launcher = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let result = try await CLIRunner.run(["data", "import", "--interactions", source, "--out", "/tmp/curator-never-\(UUID().uuidString)"], launcher: launcher)
        #expect(result.status != 0)
        #expect(result.standardError.contains("secret.csv: permission denied"), "\(result.standardError)")
        #expect(!result.standardError.contains("no such file"))
    }

    @Test func anUnwritableStateFolderIsRefusedBeforeTheFit() async throws {
        let dir = TemporaryDirectory()
        let blocker = dir.write("state-is-a-file", "not a folder")
        let result = try await CLIRunner.run(["train", "--data", Self.movies, "--model", "popularity", "--state", blocker + "/state"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("state folder"), "\(result.standardError)")
        #expect(!result.standardError.contains("NSCocoaErrorDomain"))
        #expect(!result.standardError.contains("popularity: fit"), "refused before fitting")
    }

    // MARK: §11 minor

    /// The first file under `folder` whose path ends with `suffix`.
    private func file(under folder: String, endingWith suffix: String) throws -> String {
        let relative = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.first { $0.hasSuffix(suffix) }
        return folder + "/" + (try #require(relative, "no \(suffix) under \(folder)"))
    }

    /// Trains `model` on the shipped movies into a fresh state folder.
    /// - Returns: the state folder and the model file.
    private func trained(_ model: String, in dir: TemporaryDirectory) async throws -> (state: String, path: String) {
        let state = dir.path + "/state"
        let train = try await CLIRunner.run(["train", "--data", Self.movies, "--model", model, "--state", state])
        #expect(train.status == 0, "\(train.standardError)")
        return (state, try file(under: state, endingWith: "/\(model).model"))
    }

    @Test func staleTemporaryFilesAreCleanedOnStart() async throws {
        let dir = TemporaryDirectory()
        let (state, path) = try await trained("popularity", in: dir)
        let folder = (path as NSString).deletingLastPathComponent
        let dead = folder + "/.popularity.model.2147483000.tmp", live = folder + "/.popularity.model.\(getpid()).tmp"
        FileManager.default.createFile(atPath: dead, contents: Data("half".utf8))
        FileManager.default.createFile(atPath: live, contents: Data("busy".utf8))
        let again = try await CLIRunner.run(["recommend", "--data", Self.movies, "--history", "heat-1995", "--model", "popularity", "--state", state])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(!FileManager.default.fileExists(atPath: dead), "a dead process's temporary file is removed")
        #expect(FileManager.default.fileExists(atPath: live), "a live process's is left alone")
    }

    @Test func optionBoundsAreClear() async throws {
        let negative = try await CLIRunner.run(["recommend", "--data", Self.movies, "--history", "heat-1995", "-k", "-5"])
        #expect(negative.status != 0)
        #expect(!negative.standardError.contains("Missing value"), "\(negative.standardError)")
        #expect(negative.standardError.contains("-k must be at least 1"), "\(negative.standardError)")
        let rounds = try await CLIRunner.run(["recommend", "--data", Self.movies, "--history", "heat-1995", "--llm", "local", "--rounds", "1000000"])
        #expect(rounds.status != 0)
        #expect(rounds.standardError.contains("--rounds must be between 1 and"), "\(rounds.standardError)")
    }

    @Test func anUnknownResumeNameListsAFewSavedNames() async throws {
        let dir = TemporaryDirectory()
        let script = (0..<40).map { "/save name-\($0)\n" }.joined()
        let saves = try await chat(["--data", Self.movies, "--state", dir.path], input: script)
        #expect(saves.status == 0, "\(saves.standardError)")
        let missing = try await chat(["--data", Self.movies, "--state", dir.path, "--resume", "nope"], input: "")
        #expect(missing.status != 0)
        let line = try #require(missing.standardError.split(separator: "\n").first { $0.contains("no saved conversation called 'nope'") })
        #expect(line.components(separatedBy: "name-").count - 1 <= 10, "a few names, not all 41: \(line)")
        #expect(line.contains("more"), "\(line)")
    }

    @Test func aTruncatedModelFileSaysHowShortItIs() async throws {
        let dir = TemporaryDirectory()
        let (state, path) = try await trained("itemknn", in: dir)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let kept = bytes.count / 2
        try bytes.prefix(kept).write(to: URL(fileURLWithPath: path))
        let result = try await CLIRunner.run(["recommend", "--data", Self.movies, "--history", "heat-1995", "--model", "itemknn", "--state", state])
        #expect(result.standardError.contains("truncated"), "\(result.standardError)")
        #expect(result.standardError.contains("the file has \(kept) bytes"), "\(result.standardError)")
    }
}
