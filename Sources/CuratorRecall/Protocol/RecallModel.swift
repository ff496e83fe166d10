import CuratorCore

/// A candidate generator: fitted on interactions, it scores every item for any user context.
///
/// Every model in Curator implements this one protocol, so evaluation, fusion, the LLM stage
/// and the chat treat them alike. Scoring takes an arbitrary ordered history (a chat session
/// is scored like a known user) and writes into a caller-owned buffer, so batch scoring
/// allocates nothing per user.
public protocol RecallModel: Sendable {
    /// The model's typed hyper-parameters.
    associatedtype Configuration: RecallModelConfiguration

    /// The name `--model` uses ("popularity", "itemknn").
    static var kind: String { get }

    /// Fits the model.
    /// - Parameters:
    ///   - data: training histories and their matrix.
    ///   - configuration: hyper-parameters.
    ///   - progress: receives progress of long steps.
    /// - Throws: when the data cannot be fitted (too large for the method, for instance).
    static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> Self

    var configuration: Configuration { get }
    var itemCount: Int { get }

    /// Writes one score per item into `scores` (`scores.count == itemCount`); higher is better.
    func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>)

    /// Serialises the fitted state (not the configuration, which the model file records).
    func encode(into writer: inout BinaryWriter)

    /// Restores a fitted model.
    /// - Throws: when the payload does not fit the configuration.
    init(decoding reader: inout BinaryReader, configuration: Configuration) throws
}

/// Typed hyper-parameters, read from and recorded as `k=v` pairs.
public protocol RecallModelConfiguration: Sendable, Equatable {
    /// Reads parameters, refusing unknown names and out-of-range values.
    init(_ parameters: ModelParameters) throws
    /// The parameters as pairs, for model files and reports.
    var parameters: [String: String] { get }
}

extension RecallModel {
    /// Fits from untyped parameters: the entry point the registry and the CLI use.
    public static func fit(
        _ data: TrainingData, parameters: ModelParameters, progress: any ProgressReporter = SilentProgress()
    ) throws -> Self {
        try fit(data, configuration: Configuration(parameters), progress: progress)
    }

    /// Scores into a new array (convenient; batch code passes a reused buffer instead).
    public func scores(for context: UserContext) -> [Float] {
        [Float](unsafeUninitializedCapacity: itemCount) { buffer, initialized in
            buffer.initialize(repeating: 0)
            score(context, into: buffer)
            initialized = itemCount
        }
    }
}
