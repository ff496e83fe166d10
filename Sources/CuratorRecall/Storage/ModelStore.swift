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
    /// Fits `kind` on `data` with `parameters`; a fusion's stored members (`stored=als`) are
    /// this store's models of those kinds, loaded, checked as fitted on this dataset, and fused
    /// as they are, not refitted.
    /// - Throws: `StoredMemberError` when a stored member is missing, unreadable or fitted on
    ///   other data; `ModelParameterError`; the fit's errors.
    public func fit(
        kind: String, parameters: ModelParameters, data: TrainingData, progress: any ProgressReporter = SilentProgress()
    ) throws -> any RecallModel {
        guard kind == FusionModel.kind else {
            return try RecallModelRegistry.fit(kind: kind, parameters: parameters, data: data, progress: progress)
        }
        let configuration = try FusionModel.Configuration(parameters)
        var stored: [String: any RecallModel] = [:]
        for member in configuration.stored {
            do { stored[member] = try load(member) } catch let error as ModelFileError {
                throw StoredMemberError(member: member, error: error)
            }
        }
        return try FusionModel.fit(data, configuration: configuration, stored: stored, progress: progress)
    }

    /// The stored model of `kind`; when there is none, or it was fitted on other data, a new
    /// one fitted on all of `dataset` with default parameters and saved.
    /// - Parameter willFit: called before fitting, so a caller can say why it takes a moment.
    /// - Throws: `StateDirectory.NotWritable` before fitting when the model could not be
    ///   saved; a stored file that is unreadable for another reason (corrupt, foreign), or the
    ///   fit's error.
    public func loadOrFit(
        _ kind: String, dataset: Dataset, progress: any ProgressReporter = SilentProgress(), willFit: () -> Void = {}
    ) throws -> any RecallModel {
        do {
            return try load(kind)
        } catch let error as ModelFileError where error.reason == .missing || error.reason == .otherDataset {
            try StateDirectory.checkWritable(state.dataset(path: datasetPath, filter: filter).models)
            willFit()
            let fitted = try fit(kind: kind, parameters: ModelParameters(), data: TrainingData(dataset: dataset), progress: progress)
            try save(fitted)
            return fitted
        }
    }
}

/// A fusion member named in `stored=` that this dataset's state folder cannot give.
public struct StoredMemberError: Error, CustomStringConvertible, Sendable {
    public var member: String
    public var error: ModelFileError

    public var description: String {
        let fix = "or drop \(member) from stored= to fit it with the fusion"
        switch error.reason {
        case .missing:
            return "fusion member \(member) (stored=\(member)): no \(member) model is stored for this dataset at \(error.path); train it (`curator train --model \(member)`)\(member == ALSModel.kind ? " or import one (`curator import spark-als`)" : "") first, \(fix)"
        case .otherDataset:
            return "fusion member \(member) (stored=\(member)): \(error.path) was fitted on other data than this dataset with these filters (the data changed since it was trained or imported), so it is not fused; train or import it again for this data, \(fix)"
        default:
            return "fusion member \(member) (stored=\(member)): \(error)"
        }
    }
}
