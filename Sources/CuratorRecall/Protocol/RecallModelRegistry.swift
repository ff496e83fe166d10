import CuratorCore

/// Every model Curator can fit, by the name `--model` uses; the one place a new model is
/// registered.
public enum RecallModelRegistry {
    public static let all: [any RecallModel.Type] = [PopularityModel.self, ItemKNNModel.self, EASEModel.self, ALSModel.self, BPRModel.self,
        MarkovModel.self, SessionKNNModel.self, SASRecModel.self, FusionModel.self]

    public static var kinds: [String] { all.map { $0.kind } }

    /// The model type for a name.
    /// - Throws: `ModelParameterError` listing the known names.
    public static func modelType(named kind: String) throws -> any RecallModel.Type {
        guard let type = all.first(where: { $0.kind == kind }) else {
            throw ModelParameterError(message: "unknown model '\(kind)' (known: \(kinds.joined(separator: ", ")))")
        }
        return type
    }

    /// Validates parameters without fitting (so a typo fails before minutes of work).
    public static func validate(kind: String, parameters: ModelParameters) throws {
        try validate(modelType(named: kind), parameters: parameters)
    }

    private static func validate<Model: RecallModel>(_: Model.Type, parameters: ModelParameters) throws {
        _ = try Model.Configuration(parameters)
    }

    /// Fits the model named `kind`.
    public static func fit(
        kind: String, parameters: ModelParameters, data: TrainingData, progress: any ProgressReporter = SilentProgress()
    ) throws -> any RecallModel {
        try modelType(named: kind).fit(data, parameters: parameters, progress: progress)
    }

    /// Packs a fitted model into a model file.
    public static func modelFile(for model: any RecallModel, datasetFingerprint: UInt64) -> ModelFile {
        var writer = BinaryWriter()
        model.encode(into: &writer)
        return ModelFile(
            kind: Swift.type(of: model).kind, parameters: model.configuration.parameters,
            datasetFingerprint: datasetFingerprint, payload: writer.bytes)
    }

    /// Restores a model from a file, checking it was fitted on the expected data.
    /// - Throws: `ModelFileError` when the file is unreadable, of another kind, or for other data.
    public static func load(_ file: ModelFile, path: String, expectedKind: String? = nil, datasetFingerprint: UInt64?) throws -> any RecallModel {
        if let expectedKind, expectedKind != file.kind {
            throw ModelFileError(.wrongKind(expected: expectedKind, found: file.kind), path: path)
        }
        if let datasetFingerprint, datasetFingerprint != file.datasetFingerprint {
            throw ModelFileError(.otherDataset, path: path)
        }
        let type = try modelType(named: file.kind)
        return try decode(type, file: file, path: path)
    }

    private static func decode<Model: RecallModel>(_: Model.Type, file: ModelFile, path: String) throws -> Model {
        let configuration: Model.Configuration
        do { configuration = try Model.Configuration(ModelParameters(file.parameters)) } catch {
            throw ModelFileError(.badPayload("parameters: \(error)"), path: path)
        }
        var reader = BinaryReader(bytes: file.payload)
        do {
            let model = try Model(decoding: &reader, configuration: configuration)
            guard reader.remaining == 0 else { throw ModelFileError(.badPayload("\(reader.remaining) unread bytes"), path: path) }
            return model
        } catch let error as BinaryReader.OutOfData {
            throw ModelFileError(.badPayload(error.description), path: path)
        } catch var error as ModelFileError {
            error.path = path
            throw error
        }
    }
}
