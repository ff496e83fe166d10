import ArgumentParser
import CuratorCore
import CuratorLab
import CuratorLLMStage
import Foundation

/// `curator prompts calibration`: the calibration records `prompts eval` wrote.
struct PromptsCalibrationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibration",
        abstract: "Show the calibration records: what each LLM's rerank and explanations are allowed to do, and the evidence.",
        discussion: """
        `curator prompts eval` (loo) writes one record per endpoint and model to the state folder. \
        `chat`, `recommend --llm` and the conversation read the record of the LLM they use: its \
        rerank weight (0 unless a setting's validation uplift interval lies above zero) and \
        whether explanations come from the LLM (faithfulness rate ≥ 0.95) or are grounded. With no \
        record the rerank is off and explanations are grounded; --llm-weight and --explanations override.
        Example:
          curator prompts calibration
          curator prompts calibration --json
        """)

    @Option(help: ArgumentHelp("The state folder (default: $CURATOR_STATE, else the XDG data folder).", valueName: "dir"))
    var state: String?
    @Flag(help: "Print the records as JSON.") var json = false

    func run() throws {
        let store = CalibrationStore(stateRoot: ProcessEnvironment.stateDirectory(state).root)
        let records = try store.records()
        if json {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            Terminal.out(String(decoding: try encoder.encode(records), as: UTF8.self))
            return
        }
        guard !records.isEmpty else {
            Terminal.out("No calibration in \(store.path): every LLM reranks with weight 0 and explanations are grounded.")
            Terminal.out("Measure one with: curator prompts eval --data PATH --users 200")
            return
        }
        for record in records {
            Terminal.out(Terminal.bold(record.summary))
            Terminal.out("  " + record.reason)
            if let evidence = record.evidence {
                Terminal.out(String(format: "  evidence: %@/%@/%d at weight %.2f, %d validation users, NDCG@10 %.4f (recall %.4f), uplift %+.4f [%+.4f, %+.4f]",
                                    evidence.setting.variant, evidence.setting.strategy.rawValue, evidence.setting.candidates,
                                    evidence.setting.weight, evidence.users, evidence.validationNDCG10, evidence.recallValidationNDCG10,
                                    evidence.validationUplift.mean, evidence.validationUplift.low, evidence.validationUplift.high))
                var more: [String] = []
                if let test = evidence.testUplift { more.append(String(format: "test uplift %+.4f [%+.4f, %+.4f] (reported, not used)", test.mean, test.low, test.high)) }
                more.append(String(format: "valid output %.0f%%", evidence.validOutputRate * 100))
                if let bias = evidence.firstShownPickedFirstRate { more.append(String(format: "first shown picked first %.0f%%", bias * 100)) }
                more.append(String(format: "%.0f prompt tokens per user, cost %.4f", evidence.promptTokensPerUser, evidence.cost))
                Terminal.out("  " + more.joined(separator: ", "))
            }
            let faithful = record.faithfulnessRate.map { String(format: "%.1f%%", $0 * 100) } ?? "not measured"
            let grounded = record.groundedFaithfulnessRate.map { String(format: "%.1f%%", $0 * 100) } ?? "not measured"
            Terminal.out("  faithfulness: LLM explanations \(faithful) of \(record.explanationsChecked) (threshold \(Int(CalibrationRecord.faithfulnessThreshold * 100))%), grounded \(grounded)")
            if let report = record.report { Terminal.out(Terminal.dim("  report: \(report)")) }
        }
    }

    /// The weight sweep of every cell: validation NDCG@10 and uplift (what decides), test uplift
    /// (reported), and the faithfulness of the cell's explanations.
    static func sweepTable(_ report: LabReport) -> String {
        let level = Int((report.grid.confidence * 100).rounded())
        var table = TextTable("cell", "weight", "val users", "val NDCG@10", "val uplift [\(level)% CI]", "test uplift [\(level)% CI]", "faithful (n)", "grounded")
        func interval(_ value: PairedBootstrap.Interval?) -> String {
            value.map { String(format: "%+.4f [%+.4f, %+.4f]", $0.mean, $0.low, $0.high) } ?? "–"
        }
        for cell in report.cells {
            for (index, weight) in cell.weights.enumerated() {
                let faithful = index == 0 ? (cell.faithfulnessRate.map { String(format: "%.0f%% (%d)", $0 * 100, cell.explanationsChecked) } ?? "–") : ""
                let grounded = index == 0 ? (cell.groundedFaithfulnessRate.map { String(format: "%.0f%%", $0 * 100) } ?? "–") : ""
                table.add([index == 0 ? cell.cell.label : "", String(format: "%.2f", weight.weight), index == 0 ? "\(cell.validationUsers)" : "",
                           weight.validationNDCG10.map { String(format: "%.4f", $0) } ?? "–", interval(weight.validationUplift),
                           interval(weight.testUplift), faithful, grounded])
            }
        }
        return table.render()
    }
}
