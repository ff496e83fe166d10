import CuratorLab
import CuratorLLM
import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Testing

/// The lab's choice: the best validation setting whose uplift interval lies above zero, else
/// weight 0; test figures never decide; LLM explanations only at a faithfulness rate ≥ 0.95.
@Suite("Calibration: the lab decides what the product uses")
struct CalibrationTests {
    static let weights = [0, 0.25, 0.5, 0.75, 1.0]

    /// One cell whose validation NDCG@10 per weight is `validation(weight, user)`, its test
    /// figures `test(weight, user)`, and `passing` of its 40 users' explanations passing.
    static func cell(_ strategy: RerankStrategy, validation: @escaping (Double, Int) -> Double, test: @escaping (Double, Int) -> Double,
                     passing: Int) -> CellResults {
        let cell = LabCell(variant: "default", endpoint: "local", strategy: strategy, candidates: 10)
        let users = (0..<40).map { u in
            var result = UserResult(cell: cell.label, user: u, ndcg10: test(1, u), hitRate10: 0, reciprocalRank: 0,
                                    recallNDCG10: test(0, u), recallHitRate10: 0, recallReciprocalRank: 0, validOutput: true, fellBack: false,
                                    firstShownPickedFirst: false, promptTokens: 100, completionTokens: 1, requests: 1, latencySeconds: 0.1,
                                    cachedPasses: 0, freshPasses: 1)
            result.ndcg10ByWeight = weights.map { test($0, u) }
            result.validationNDCG10ByWeight = weights.map { validation($0, u) }
            result.validationRecallNDCG10 = validation(0, u)
            result.explanation = "sentence \(u)"
            result.explanationFailures = u < passing ? [] : ["names another film, X"]
            result.groundedPassed = true
            return result
        }
        return CellResults(cell: cell, key: cell.label, results: users)
    }

    static func report(_ cells: [CellResults]) -> LabReport {
        var grid = LabGrid(endpoints: [LabEndpoint(name: "local", url: URL(string: "http://127.0.0.1:1")!)])
        grid.strategies = cells.map(\.cell.strategy)
        grid.candidateCounts = [10]
        return LabReport(dataset: "fixture", grid: grid, results: cells, wallSeconds: 1)
    }

    static let key = CalibrationKey(endpoint: "local", model: "gemma.gguf")

    static func record(_ cells: [CellResults]) throws -> CalibrationRecord {
        let records = LabCalibration.records(report(cells), keys: ["local": key], prompts: try PromptLibrary(folder: promptsFolder), reportFolder: nil)
        return try #require(records.first)
    }

    static let promptsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("prompts")

    @Test func noIntervalAboveZeroMeansWeightZero() throws {
        // Noise around zero uplift at every weight; the test phase looks great but must not decide.
        let noisy = Self.cell(.verbalizer, validation: { w, u in 0.1 + w * (u.isMultiple(of: 2) ? 0.05 : -0.05) },
                              test: { w, u in 0.1 + w * 0.3 }, passing: 30)
        let record = try Self.record([noisy])
        #expect(record.choice.weight == 0)
        #expect(record.reason.contains("no setting"))
        #expect(!record.explanationsFromLLM && record.faithfulnessRate == 0.75 && record.explanationsChecked == 40)
        #expect(record.groundedFaithfulnessRate == 1)
        var configuration = LLMStageConfiguration()
        configuration.apply(record, key: Self.key)
        #expect(configuration.llmWeight == 0 && configuration.explanations == .grounded)
    }

    @Test func theBestQualifyingSettingWins() throws {
        // Listwise helps everyone a little, most at weight 0.5; verbalizer at 0.75 has a higher mean from two users only.
        let listwise = Self.cell(.listwise, validation: { w, u in 0.1 + (w == 0 ? 0 : 0.02 + 0.01 * (1 - abs(w - 0.5))) + Double(u % 3) * 0.001 },
                                 test: { w, _ in 0.1 + w * 0.01 }, passing: 39)
        let verbalizer = Self.cell(.verbalizer, validation: { w, u in 0.1 + (w == 0.75 && u < 2 ? 2.0 : 0) },
                                   test: { _, _ in 0.1 }, passing: 39)
        let record = try Self.record([listwise, verbalizer])
        #expect(record.choice.strategy == .listwise && record.choice.weight == 0.5, "\(record.choice)")
        #expect(try #require(record.evidence).validationUplift.low > 0)
        #expect(record.evidence?.testUplift != nil, "test uplift kept for the report")
        #expect(record.explanationsFromLLM && record.faithfulnessRate == 0.975)
        #expect(record.choice.templateHash == (try PromptLibrary(folder: Self.promptsFolder).template("rerank-listwise")).hash)
    }

    @Test func theStoreKeepsOneRecordPerLLMAndTheProductReadsIt() throws {
        let folder = TemporaryDirectory()
        let store = CalibrationStore(stateRoot: folder.path)
        #expect(try store.record(for: Self.key) == nil)
        var configuration = LLMStageConfiguration()
        configuration.apply(nil, key: Self.key)
        #expect(configuration.llmWeight == 0 && configuration.explanations == .grounded)
        #expect(configuration.deciderNotice?.contains("curator prompts eval") == true)
        let record = try Self.record([Self.cell(.verbalizer, validation: { _, _ in 0.1 }, test: { _, _ in 0.1 }, passing: 40)])
        try store.save(record)
        try store.save(record)
        #expect(try store.records().count == 1)
        #expect(try store.record(for: Self.key)?.choice == record.choice)
        #expect(try store.record(for: CalibrationKey(endpoint: "local", model: "other.gguf")) == nil)
        configuration.apply(try store.record(for: Self.key), key: Self.key)
        #expect(configuration.explanations == .llm && configuration.llmWeight == 0)
        if case .record(let key, _) = configuration.decider { #expect(key == Self.key) } else { Issue.record("decided by the record") }
        var local = LLMConfiguration()
        local.modelPath = "/cache/models/gemma.gguf"
        #expect(CalibrationKey(configuration: local) == Self.key, "a local server on any port is `local`")
    }
}
