import CuratorCore
import Foundation

/// Trained models of one dataset (and filter) in the state folder, saved and loaded with
/// the checks of `ModelFile` (format, checksum, the data they were fitted on).
public struct ModelStore: Sendable {
    public let state: StateDirectory
    public let datasetPath: String
    public let filter: InteractionFilter
    public let datasetFingerprint: UInt64

    public init(state: StateDirectory, datasetPath: String, filter: InteractionFilter, dataset: Dataset) {
        self.state = state
        self.datasetPath = datasetPath
        self.filter = filter
        self.datasetFingerprint = dataset.fingerprint
    }

    public func path(for kind: String) -> String {
        state.modelPath(dataset: datasetPath, filter: filter, kind: kind)
    }

    /// Saves a fitted model (atomically) and returns where.
    @discardableResult
    public func save(_ model: any RecallModel) throws -> String {
        let path = path(for: type(of: model).kind)
        try RecallModelRegistry.modelFile(for: model, datasetFingerprint: datasetFingerprint).write(to: path)
        return path
    }

    /// Loads the stored model of `kind`.
    /// - Throws: `ModelFileError` (`.missing` when none was trained, `.otherDataset` when the
    ///   data changed since).
    public func load(_ kind: String) throws -> any RecallModel {
        let path = path(for: kind)
        return try RecallModelRegistry.load(
            try ModelFile.read(from: path), path: path, expectedKind: kind, datasetFingerprint: datasetFingerprint)
    }
}

extension ModelStore {
    /// The stored model of `kind`; when there is none, or it was fitted on other data, a new
    /// one fitted on all of `dataset` with default parameters and saved.
    /// - Parameter willFit: called before fitting, so a caller can say why it takes a moment.
    /// - Throws: a stored file that is unreadable for another reason (corrupt, foreign), or
    ///   the fit's error.
    public func loadOrFit(
        _ kind: String, dataset: Dataset, progress: any ProgressReporter = SilentProgress(), willFit: () -> Void = {}
    ) throws -> any RecallModel {
        do {
            return try load(kind)
        } catch let error as ModelFileError where error.reason == .missing || error.reason == .otherDataset {
            willFit()
            let fitted = try RecallModelRegistry.fit(
                kind: kind, parameters: ModelParameters(), data: TrainingData(dataset: dataset), progress: progress)
            try save(fitted)
            return fitted
        }
    }
}
