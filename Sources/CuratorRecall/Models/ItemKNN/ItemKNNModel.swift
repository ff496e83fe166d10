import CuratorCore
import Foundation

/// Item-based k-nearest neighbours: an item scores by its similarity to the items in the
/// history. Similarity is cosine over the binary item–user columns with shrinkage,
/// `|U_i ∩ U_j| / (sqrt|U_i| · sqrt|U_j| + shrink)`, keeping each item's top `neighbors`.
public struct ItemKNNModel: RecallModel {
    public struct Configuration: RecallModelConfiguration {
        /// Neighbours kept per item (K).
        public var neighbors: Int
        /// Shrinkage added to the cosine's denominator: damps similarities from few co-users.
        public var shrink: Float

        public init(neighbors: Int = 10, shrink: Float = 0) {
            self.neighbors = neighbors
            self.shrink = shrink
        }

        public init(_ parameters: ModelParameters) throws {
            try parameters.requireKnown(["neighbors", "shrink"], model: ItemKNNModel.kind)
            self.init(
                neighbors: try parameters.int("neighbors", default: 10, in: 1...100_000),
                shrink: try parameters.float("shrink", default: 0, in: 0...1_000_000))
        }

        public var parameters: [String: String] { ["neighbors": String(neighbors), "shrink": String(shrink)] }
    }

    public static let kind = "itemknn"
    public let configuration: Configuration
    /// Row `i` holds item `i`'s neighbours and similarities, best first.
    public let similarities: CSRMatrix

    public var itemCount: Int { similarities.rowCount }

    init(configuration: Configuration, similarities: CSRMatrix) {
        self.configuration = configuration
        self.similarities = similarities
    }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        scores.update(repeating: 0)
        similarities.columns.withUnsafeBufferPointer { columns in
            similarities.values.withUnsafeBufferPointer { values in
                for (position, item) in context.history.enumerated() where Int(item) < itemCount {
                    let weight = context.weight(at: position)
                    for k in similarities.rowStarts[Int(item)]..<similarities.rowStarts[Int(item) + 1] {
                        scores[Int(columns[k])] += weight * values[k]
                    }
                }
            }
        }
    }

    public func encode(into writer: inout BinaryWriter) {
        similarities.encodeSquare(into: &writer)
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        self.init(configuration: configuration, similarities: try CSRMatrix.decodeSquare(from: &reader, kind: Self.kind))
    }
}
