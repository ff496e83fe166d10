import CBLAS
import CuratorCore
import Foundation

/// EASE, the embarrassingly shallow autoencoder (Steck 2019): an item–item weight matrix in
/// closed form, `B = I − P · diag(1 / diag(P))` with `P = (XᵀX + λI)⁻¹` and a zero diagonal.
/// A history scores items by the sum of its items' rows of `B`.
///
/// It holds a dense items × items matrix: fitting refuses before allocating when that would
/// not fit in memory.
public struct EASEModel: RecallModel, BlockScoringModel {
    public struct Configuration: RecallModelConfiguration {
        /// L2 regularisation λ added to the Gram matrix's diagonal.
        public var regularization: Float

        public init(regularization: Float = 300) { self.regularization = regularization }

        public init(_ parameters: ModelParameters) throws {
            try parameters.requireKnown(["reg"], model: EASEModel.kind)
            self.init(regularization: try parameters.float("reg", default: 300, in: 0.000_001...1e12))
        }

        public var parameters: [String: String] { ["reg": String(regularization)] }
    }

    public static let kind = "ease"
    public let configuration: Configuration
    public let itemCount: Int
    /// Row-major items × items weights; row `i` is what item `i` in a history adds to each item.
    public let weights: [Float]

    init(configuration: Configuration, itemCount: Int, weights: [Float]) {
        precondition(weights.count == itemCount * itemCount, "EASE weights must be items × items")
        self.configuration = configuration
        self.itemCount = itemCount
        self.weights = weights
    }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        scores.update(repeating: 0)
        let n = itemCount
        weights.withUnsafeBufferPointer { b in
            for (position, item) in context.history.enumerated() where item >= 0 && Int(item) < n {
                cblas_saxpy(Int32(n), context.weight(at: position), b.baseAddress! + Int(item) * n, 1, scores.baseAddress, 1)
            }
        }
    }

    /// Item-major within the block: each weight row is read once and added to every user of
    /// the block that has the item.
    public func scoreBlock(_ users: Range<Int>, of data: TrainingData, into scores: UnsafeMutablePointer<Float>) {
        let n = itemCount
        scores.update(repeating: 0, count: users.count * n)
        var pairs: [(item: Int32, row: Int32)] = []
        for u in users {
            for item in data.userItems.columns(ofRow: u) where Int(item) < n { pairs.append((item, Int32(u - users.lowerBound))) }
        }
        pairs.sort { $0.item < $1.item }
        // Column tiles keep the block's slice of scores in cache while the weight rows stream.
        let tile = 1024
        weights.withUnsafeBufferPointer { b in
            for start in stride(from: 0, to: n, by: tile) {
                let width = min(tile, n - start)
                for pair in pairs {
                    cblas_saxpy(Int32(width), 1, b.baseAddress! + Int(pair.item) * n + start, 1, scores + Int(pair.row) * n + start, 1)
                }
            }
        }
    }

    /// Items whose weight from `item` is largest, best first.
    public func similarItems(to item: Int32, count: Int) -> [ScoredItem] {
        guard item >= 0, Int(item) < itemCount else { return [] }
        return weights.withUnsafeBufferPointer { b in
            TopK.select(count, from: UnsafeBufferPointer(rebasing: b[Int(item) * itemCount..<(Int(item) + 1) * itemCount]),
                        excluded: { $0 == item })
        }
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(UInt64(itemCount))
        writer.write(array: weights)
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        let n = Int(try reader.read(UInt64.self))
        let weights = try reader.readArray(of: Float.self)
        guard weights.count == n * n else {
            throw ModelFileError(.badPayload("\(weights.count) weights for \(n) items"), path: Self.kind)
        }
        self.init(configuration: configuration, itemCount: n, weights: weights)
    }
}

/// EASE cannot be fitted: the item–item matrix is too large, or the system is singular.
public struct EASEError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
