import CuratorCore
import CuratorRecall

extension LeaveLastOutProtocol.Phase {
    /// The phase a model fitted on this scope's training data is evaluated on (`nil` for `all`,
    /// which holds the targets too).
    public init?(scope: TrainingScope) {
        switch scope {
        case .all: return nil
        case .looValidation: self = .validation
        case .looTest: self = .test
        }
    }
}

extension LeaveLastOutProtocol {
    /// The report of a model fitted elsewhere (Spark) on `trainingData(for: phase)`: the same
    /// cases, exclusions and metrics as `run`, with the fit's time as the fitter measured it.
    public func report(
        fitted model: any RecallModel, phase: Phase, fitSeconds: Double, progress: any ProgressReporter = SilentProgress()
    ) -> EvaluationReport {
        let clock = ContinuousClock()
        var metrics: [MetricName: Double] = [:]
        let time = clock.measure { metrics = evaluate(model, phase: phase, progress: progress) }
        let result = PhaseResult(phase: phase.rawValue, users: cases(for: phase).count, metrics: metrics,
                                 fitSeconds: fitSeconds, evaluationSeconds: time.seconds)
        return EvaluationReport(
            dataset: datasetName, protocolName: Self.name, model: type(of: model).kind, parameters: model.configuration.parameters,
            validation: phase == .validation ? result : nil, test: result)
    }
}
