import CuratorCore

/// Recommends what most users interacted with: the baseline every other model must beat,
/// and the fallback for users with no history at all.
public struct PopularityModel: RecallModel {
    public struct Configuration: RecallModelConfiguration {
        public init() {}
        public init(_ parameters: ModelParameters) throws {
            try parameters.requireKnown([], model: PopularityModel.kind)
        }
        public var parameters: [String: String] { [:] }
    }

    public static let kind = "popularity"
    public let configuration: Configuration
    /// Training users per item.
    public let counts: [Float]

    public var itemCount: Int { counts.count }

    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> PopularityModel {
        PopularityModel(configuration: configuration, counts: data.itemCounts().map(Float.init))
    }

    init(configuration: Configuration, counts: [Float]) {
        self.configuration = configuration
        self.counts = counts
    }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        _ = scores.update(fromContentsOf: counts)
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(array: counts)
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        self.init(configuration: configuration, counts: try reader.readArray(of: Float.self))
    }
}
