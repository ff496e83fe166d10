import CuratorTestSupport
import Foundation
import Testing

@Suite("curator recommend --llm, as a user meets it")
struct RecommendLLMTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func aFailingLLMKeepsTheRecallOrderWarnsAndStillExplainsFromTheHistory() async throws {
        // A server that answers every request with garbage: the stage must degrade, not fail.
        let server = try LocalHTTPServer { _ in .text("<html>502 bad gateway</html>") }
        let dir = TemporaryDirectory()
        let data = Self.repository.appendingPathComponent("examples/movies").path
        let result = try await CLIRunner.run([
            "recommend", "--data", data, "--user", "u000001", "-k", "3", "--llm", server.baseURL.absoluteString, "--strategy", "listwise", "--json",
            "--llm-weight", "1", "--explanations", "llm", "--prompts", Self.repository.appendingPathComponent("prompts").path,
            "--state", dir.path + "/state",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("warning: the LLM pass failed, recall order kept"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["fell_back_to_recall"] as? Bool == true)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count == 3)
        #expect(items.map { $0["final_rank"] as? Int } == [1, 2, 3])
        #expect(items.map { $0["recall_rank"] as? Int } == [1, 2, 3])
        for item in items {
            let explanation = try #require(item["explanation"] as? String)
            #expect(explanation.hasPrefix("Because you liked "))
        }
    }

    @Test func withoutACalibrationRecordTheLLMIsNotAskedAndTheOrderIsRecalls() async throws {
        let server = try LocalHTTPServer { _ in .text("<html>502 bad gateway</html>") }
        let dir = TemporaryDirectory()
        let data = Self.repository.appendingPathComponent("examples/movies").path
        let common = ["--data", data, "-k", "5", "--state", dir.path + "/state"]
        let plain = try await CLIRunner.run(["recommend", "--user", "u000001", "--json"] + common)
        let result = try await CLIRunner.run([
            "recommend", "--user", "u000001", "--json", "--llm", server.baseURL.absoluteString,
            "--prompts", Self.repository.appendingPathComponent("prompts").path,
        ] + common)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("no calibration for") && result.standardError.contains("curator prompts eval"))
        #expect(!server.requests.contains { $0.path.contains("completions") }, "weight 0 and grounded explanations ask nothing")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let recall = try #require(try JSONSerialization.jsonObject(with: Data(plain.standardOutput.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == (recall["items"] as? [[String: Any]])?.map { $0["id"] as? String }, "exactly recall's order")
        #expect(json["llm_weight"] as? Double == 0)
        let calibration = try #require(json["calibration"] as? [String: Any])
        #expect(calibration["record"] is NSNull && calibration["endpoint"] as? String == "local")
        #expect(items.allSatisfy { $0["explanation_source"] as? String == "grounded" && ($0["explanation"] as? String)?.hasPrefix("Because you liked ") == true })
    }

    @Test func theLLMIsNamedAsInEveryOtherCommand() async throws {
        // `--llm` takes none, local or a URL, as chat, serve and eval do: a bare one, the old
        // switch, is refused with what it takes, before anything is loaded.
        let bare = try await CLIRunner.run(["recommend", "--data", "x", "--user", "u", "--llm"])
        #expect(bare.status != 0)
        #expect(bare.standardError.contains("--llm <none|local|url>"), "\(bare.standardError)")
        let wrong = try await CLIRunner.run(["recommend", "--data", "x", "--user", "u", "--llm", "gpt"])
        #expect(wrong.status != 0)
        #expect(wrong.standardError.contains("gpt"), "\(wrong.standardError)")
    }

    @Test func anUnknownStrategyIsOneClearLine() async throws {
        let result = try await CLIRunner.run(["recommend", "--data", "x", "--user", "u", "--llm", "local", "--strategy", "pairwise"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("pairwise"))
    }
}
