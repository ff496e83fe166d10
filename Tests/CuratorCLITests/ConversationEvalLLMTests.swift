import CuratorTestSupport
import Foundation
import Testing

/// `curator eval --protocol conversation --llm`: the rerank arm is the product's, set by the
/// calibration record of the LLM (off without one), and a flag overrides it.
@Suite("curator eval --protocol conversation --llm: the calibrated rerank against none")
struct ConversationEvalLLMTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether a request was a rerank pass (the verbalizer checks its labels with `/tokenize`
    /// and asks for log-probs).
    static func isRerank(_ request: RecordedRequest) -> Bool {
        request.path.contains("tokenize") || String(decoding: request.body, as: UTF8.self).contains("top_logprobs")
    }

    @Test func withoutARecordTheRerankIsOffAndAFlagTurnsItOn() async throws {
        let server = try LocalHTTPServer { _ in .text("<html>502 bad gateway</html>") }
        let dir = TemporaryDirectory()
        let command = [
            "eval", "--data", Self.repository.appendingPathComponent("examples/movies").path, "--protocol", "conversation",
            "--users", "3", "--turns", "2", "-k", "3", "--llm", server.baseURL.absoluteString,
            "--prompts", Self.repository.appendingPathComponent("prompts").path, "--state", dir.path + "/state",
        ]
        let calibrated = try await CLIRunner.run(command)
        #expect(calibrated.status == 0, "\(calibrated.standardError)")
        #expect(calibrated.standardError.contains("no calibration for"), "\(calibrated.standardError)")
        #expect(calibrated.standardOutput.contains("verbalizer rerank (weight 0.0, no calibration record)"), "\(calibrated.standardOutput)")
        #expect(calibrated.standardOutput.contains("rerank weight 0 (recall order)"))
        #expect(!server.requests.contains(where: Self.isRerank), "weight 0 asks for no rerank")
        let flagged = try await CLIRunner.run(command + ["--llm-weight", "1"])
        #expect(flagged.status == 0, "\(flagged.standardError)")
        #expect(flagged.standardOutput.contains("verbalizer rerank (weight 1.0, set by flag)"), "\(flagged.standardOutput)")
        #expect(server.requests.contains(where: Self.isRerank), "weight 1 asks (and falls back to recall on garbage)")
    }
}
