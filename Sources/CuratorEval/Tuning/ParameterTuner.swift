import CuratorCore
import CuratorRecall
import Foundation

/// One evaluated grid point.
public struct TuningPoint: Codable, Sendable, Equatable {
    /// The parameters as the model recorded them (defaults filled in).
    public var parameters: [String: String]
    /// Validation metrics by name ("ndcg@10").
    public var metrics: [String: Double]
    public var fitSeconds: Double
}

/// A finished grid search: every point on the validation split, and the best one.
public struct TuningResult: Codable, Sendable, Equatable {
    public var model: String
    public var dataset: String
    /// The metric that chose the best point ("ndcg@10").
    public var metric: String
    public var points: [TuningPoint]
    public var best: TuningPoint
}

/// Grid search on the `loo` validation split: fit on training only, score against the
/// validation items (the test items are never looked at), keep the best by one metric.
public struct ParameterTuner: Sendable {
    public let evaluation: LeaveLastOutProtocol
    public var metric: MetricName

    public init(evaluation: LeaveLastOutProtocol, metric: MetricName = MetricName(.ndcg, 10)) {
        self.evaluation = evaluation
        self.metric = metric
    }

    /// Evaluates the model's defaults (over `base`) and every point of `grid` (each over
    /// `base`), calling `onPoint` after each. The defaults come first and win ties: a grid that
    /// never tried them had stored a point worse than the defaults, which `eval` then used.
    /// - Throws: `ModelParameterError` for a bad point (checked before any fit), or a fit's error.
    public func tune(
        kind: String, grid: ParameterGrid, base: ModelParameters = ModelParameters(),
        progress: any ProgressReporter = SilentProgress(), onPoint: (Int, TuningPoint) -> Void = { _, _ in }
    ) throws -> TuningResult {
        let points = Self.points(grid, base: base)
        for point in points { try RecallModelRegistry.validate(kind: kind, parameters: point) }
        var evaluated: [TuningPoint] = []
        for (index, point) in points.enumerated() {
            let report = try evaluation.run(kind: kind, parameters: point, phases: [.validation], progress: progress)
            let phase = report.validation ?? report.test
            let result = TuningPoint(
                parameters: report.parameters,
                metrics: Dictionary(uniqueKeysWithValues: phase.metrics.map { ($0.key.description, $0.value) }),
                fitSeconds: phase.fitSeconds)
            evaluated.append(result)
            onPoint(index, result)
        }
        let key = metric.description
        // The first of equals wins, so the result does not depend on floating-point noise order;
        // a metric where lower is better (the popularity lean) picks its lowest.
        let sign = metric.higherIsBetter ? 1.0 : -1.0
        let value = { (point: TuningPoint) in point.metrics[key].map { $0 * sign } ?? -.infinity }
        let best = evaluated.dropFirst().reduce(evaluated[0]) { value($1) > value($0) ? $1 : $0 }
        return TuningResult(model: kind, dataset: evaluation.datasetName, metric: key, points: evaluated, best: best)
    }

    /// The points a search fits: the defaults under `base` first, then the grid's (a grid
    /// point that sets nothing beyond `base` is the defaults, fitted once).
    public static func points(_ grid: ParameterGrid, base: ModelParameters) -> [ModelParameters] {
        let points = grid.points(base: base)
        return [base] + points.filter { $0 != base }
    }
}

/// Tuning results in the state folder, one file per model kind beside the dataset's trained
/// models, so `curator eval` can use the best parameters when none are given.
public struct TuningStore: Sendable {
    let files: DatasetState
    public var folder: String { files.tuning }

    public init(state: StateDirectory, datasetPath: String, filter: InteractionFilter) {
        files = state.dataset(path: datasetPath, filter: filter)
    }

    public func path(for kind: String) -> String { files.tuningResult(kind) }

    /// Saves a result (atomically), replacing the previous one of its model.
    @discardableResult
    public func save(_ result: TuningResult) throws -> String {
        let path = path(for: result.model)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(result).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// The stored result of `kind`, nil when it was never tuned.
    /// - Throws: `TuningStoreError` when the file exists but cannot be read.
    public func load(_ kind: String) throws -> TuningResult? {
        let path = path(for: kind)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(TuningResult.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw TuningStoreError(path: path, underlying: error)
        }
    }

    /// The best parameters stored for `kind`, nil when it was never tuned.
    public func bestParameters(for kind: String) throws -> ModelParameters? {
        try load(kind).map { ModelParameters($0.best.parameters) }
    }
}

/// A stored tuning result that cannot be read.
public struct TuningStoreError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var underlying: any Error
    public var description: String { "cannot read the tuning result \(path): \(underlying) (run curator tune again, or delete it)" }
}
