import CuratorLLMStage
import Foundation

/// Turns a lab report into calibration records, one per endpoint: the product then uses the
/// rerank only as far as the evidence goes.
///
/// For every cell (template, strategy, candidate count) and every swept weight above 0, the
/// validation uplift over recall and its paired bootstrap interval are read; a setting
/// qualifies when the whole interval lies above zero. The choice is the qualifying setting
/// with the best validation NDCG@10, else weight 0 (recall order). Test users never decide:
/// their uplift is kept beside, for the report. LLM explanations are used when the share of
/// them passing `FaithfulnessCheck` is at least `CalibrationRecord.faithfulnessThreshold`.
public enum LabCalibration {
    /// The records of `report`'s endpoints.
    /// - Parameters:
    ///   - keys: the calibration key of each endpoint name (what the product looks up).
    ///   - prompts: the library the run used (for template hashes).
    ///   - reportFolder: where the report was written.
    public static func records(_ report: LabReport, keys: [String: CalibrationKey], prompts: PromptLibrary, reportFolder: String?) -> [CalibrationRecord] {
        report.grid.endpoints.compactMap { endpoint in
            guard let key = keys[endpoint.name] else { return nil }
            let cells = report.cells.filter { $0.cell.endpoint == endpoint.name }
            let settings = cells.flatMap { evidence($0, prompts: prompts) }
                .sorted { $0.validationNDCG10 != $1.validationNDCG10 ? $0.validationNDCG10 > $1.validationNDCG10 : $0.setting.weight < $1.setting.weight }
            let measured = settings.filter { $0.setting.weight > 0 }
            let qualifying = measured.filter { $0.validationUplift.low > 0 }
            let chosen = qualifying.first
            let best = measured.first
            var choice = chosen?.setting ?? best?.setting
                ?? CalibrationRecord.Setting(variant: "default", templateHash: "", strategy: .verbalizer, candidates: 0, weight: 0)
            let reason: String
            if let chosen {
                reason = String(format: "the best validation NDCG@10 among %d settings whose uplift interval lies above zero (%+.4f [%+.4f, %+.4f])",
                                qualifying.count, chosen.validationUplift.mean, chosen.validationUplift.low, chosen.validationUplift.high)
            } else if let best {
                choice.weight = 0
                reason = String(format: "no setting's validation uplift interval lies above zero (best: %@ at weight %.2f, %+.4f [%+.4f, %+.4f]): recall order",
                                best.setting.strategy.rawValue, best.setting.weight, best.validationUplift.mean, best.validationUplift.low, best.validationUplift.high)
            } else {
                reason = "no validation users were measured: recall order"
            }
            let checked = cells.reduce(0) { $0 + $1.explanationsChecked }
            let passed = cells.reduce(0.0) { $0 + ($1.faithfulnessRate ?? 0) * Double($1.explanationsChecked) }
            let groundedCells = cells.filter { $0.groundedFaithfulnessRate != nil }
            let groundedChecked = groundedCells.reduce(0) { $0 + $1.explanationsChecked }
            let groundedPassed = groundedCells.reduce(0.0) { $0 + $1.groundedFaithfulnessRate! * Double($1.explanationsChecked) }
            return CalibrationRecord(
                key: key, dataset: report.dataset, choice: choice, evidence: chosen ?? best, reason: reason,
                faithfulnessRate: checked == 0 ? nil : passed / Double(checked), explanationsChecked: checked,
                groundedFaithfulnessRate: groundedChecked == 0 ? nil : groundedPassed / Double(groundedChecked),
                settings: settings, report: reportFolder)
        }
    }

    /// The evidence of each swept weight of a cell (validation figures required).
    static func evidence(_ cell: CellSummary, prompts: PromptLibrary) -> [CalibrationRecord.Evidence] {
        cell.weights.compactMap { weight in
            guard let ndcg = weight.validationNDCG10, let uplift = weight.validationUplift else { return nil }
            return CalibrationRecord.Evidence(
                setting: CalibrationRecord.Setting(
                    variant: cell.cell.variant, templateHash: prompts.templates[cell.template]?.hash ?? "",
                    strategy: cell.cell.strategy, candidates: cell.cell.candidates, weight: weight.weight),
                users: cell.validationUsers, validationNDCG10: ndcg, recallValidationNDCG10: ndcg - uplift.mean,
                validationUplift: uplift, testUplift: weight.testUplift,
                validOutputRate: cell.validOutputRate, firstShownPickedFirstRate: cell.firstShownPickedFirstRate,
                promptTokensPerUser: cell.promptTokensPerUser, cost: cell.cost)
        }
    }
}
