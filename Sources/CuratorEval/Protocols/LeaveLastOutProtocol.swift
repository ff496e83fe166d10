import CuratorCore
import CuratorRecall
import Foundation

/// The `loo` protocol: leave-last-out, full ranking.
///
/// Validation: fit on training, rank every item but the user's training items, target = the
/// validation item. Test: fit on training + validation, rank every item but those, target =
/// the test item. Tuning looks at validation only; test is what gets reported.
public struct LeaveLastOutProtocol: Sendable {
    public static let name = "loo"
    public let split: LeaveLastOutSplit
    public let datasetName: String
    public var metrics: [MetricName] = MetricName.looDefaults

    public init(dataset: Dataset) {
        split = LeaveLastOutSplit(dataset: dataset)
        datasetName = dataset.name
    }

    public enum Phase: String, Sendable { case validation, test }

    /// The training data of a phase.
    public func trainingData(for phase: Phase) -> TrainingData {
        TrainingData(sequences: phase == .validation ? split.training : split.trainingWithValidation, itemCount: split.itemCount)
    }

    /// Fits `kind` and evaluates it on the given phases (validation, test, or both).
    /// - Throws: the model's fitting errors and parameter errors.
    public func run(
        kind: String, parameters: ModelParameters, phases: [Phase] = [.validation, .test],
        progress: any ProgressReporter = SilentProgress()
    ) throws -> EvaluationReport {
        var results: [Phase: PhaseResult] = [:]
        var recorded: [String: String] = [:]
        for phase in phases {
            let data = trainingData(for: phase)
            let clock = ContinuousClock()
            var model: (any RecallModel)!
            let fitTime = try clock.measure {
                model = try RecallModelRegistry.fit(kind: kind, parameters: parameters, data: data, progress: progress)
            }
            recorded = model.configuration.parameters
            var metrics: [MetricName: Double] = [:]
            let cases = self.cases(for: phase)
            let evalTime = clock.measure {
                let tracker = ProgressTracker(task: "\(kind): ranking (\(phase.rawValue))", total: cases.count, reporter: progress)
                metrics = ListEvaluator(metrics: self.metrics, itemCounts: data.itemCounts())
                    .evaluate(model, cases: cases, progress: tracker)
                tracker.finish()
            }
            results[phase] = PhaseResult(
                phase: phase.rawValue, users: cases.count, metrics: metrics,
                fitSeconds: fitTime.seconds, evaluationSeconds: evalTime.seconds)
        }
        return EvaluationReport(
            dataset: datasetName, protocolName: Self.name, model: kind, parameters: recorded,
            validation: results[.validation], test: results[.test] ?? results[.validation]!)
    }

    /// One case per evaluated user: the history of the phase, its items excluded, one target.
    func cases(for phase: Phase) -> [ListEvaluator.Case] {
        let sequences = phase == .validation ? split.training : split.trainingWithValidation
        let targets = phase == .validation ? split.validation : split.test
        return split.evaluatedUsers.map { user in
            let history = Array(sequences.sequence(of: user))
            return ListEvaluator.Case(
                context: UserContext(user: Int32(user), history: history),
                excluded: history.sorted(), relevant: [targets[user]])
        }
    }
}
