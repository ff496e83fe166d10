import CuratorTestSupport
import Foundation
import Testing

/// The prompt lab as a user meets it: the binary, the shipped example data, the real local model.
@Suite("curator prompts eval")
struct PromptsEvalCLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The cells of a `--json` report.
    static func cells(_ output: String) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "not JSON: \(output)")
        return try #require(json["cells"] as? [[String: Any]])
    }

    @Test func aGridWritesItsReportsAndRerunsComeFromTheCacheAndTheJournal() async throws {
        let server = try await SharedLlamaServer.chat.server()
        let dir = TemporaryDirectory()
        func arguments(out: String) -> [String] {
            ["prompts", "eval", "--data", Self.repository.appendingPathComponent("examples/movies").path,
             "--prompts", Self.repository.appendingPathComponent("prompts").path, "--state", dir.path + "/state",
             "--users", "3", "--variants", "default", "--strategies", "verbalizer", "--candidates", "5",
             "--no-position-bias", "--endpoint", "local=\(server.endpoint.absoluteString)", "--out", out, "--json"]
        }

        let first = try await CLIRunner.run(arguments(out: dir.path + "/lab"))
        #expect(first.status == 0, "\(first.standardError)")
        let cell = try #require(try Self.cells(first.standardOutput).first)
        #expect(cell["users"] as? Int == 3)
        #expect(cell["fresh_passes"] as? Int == 9, "per user: the test and the validation pass, and one explanation")
        #expect(cell["explanations_checked"] as? Int == 3)
        let rate = try #require(cell["faithfulness_rate"] as? Double)
        #expect((0...1).contains(rate))
        #expect(cell["grounded_faithfulness_rate"] as? Double == 1)
        #expect((cell["weights"] as? [[String: Any]])?.count == 5)
        #expect(cell["valid_output_rate"] as? Double == 1)
        for file in ["report.json", "report.csv", "uplift.svg", "journal.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: dir.path + "/lab/" + file), "\(file) written")
        }
        let svg = try String(contentsOfFile: dir.path + "/lab/uplift.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))

        // A new output folder: nothing journaled, every answer from the response cache.
        let cached = try await CLIRunner.run(arguments(out: dir.path + "/lab2"))
        #expect(cached.status == 0, "\(cached.standardError)")
        let again = try #require(try Self.cells(cached.standardOutput).first)
        #expect(again["cached_passes"] as? Int == 9)
        #expect(again["fresh_passes"] as? Int == 0)
        #expect(again["ndcg10"] as? Double == cell["ndcg10"] as? Double)

        // The same folder again: every evaluation is resumed from the journal.
        let resumed = try await CLIRunner.run(arguments(out: dir.path + "/lab"))
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("3 resumed"))
        #expect(try Self.cells(resumed.standardOutput).first?["ndcg10"] as? Double == cell["ndcg10"] as? Double)

        // The run wrote the endpoint's calibration record; `prompts calibration` shows it.
        let shown = try await CLIRunner.run(["prompts", "calibration", "--state", dir.path + "/state", "--json"])
        #expect(shown.status == 0, "\(shown.standardError)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [[String: Any]])
        let record = try #require(records.first)
        #expect((record["key"] as? [String: Any])?["endpoint"] as? String == "local")
        let weight = try #require((record["choice"] as? [String: Any])?["weight"] as? Double)
        #expect([0, 0.25, 0.5, 0.75, 1].contains(weight))
        #expect(record["faithfulness_rate"] as? Double == rate)
        let text = try await CLIRunner.run(["prompts", "calibration", "--state", dir.path + "/state"])
        #expect(text.standardOutput.contains("calibration of") && text.standardOutput.contains("faithfulness: LLM explanations"))
    }
}
