import CuratorCore
import Foundation

/// Session-based k-nearest neighbours (V-SKNN, Ludewig & Jannach 2018), with an optional
/// STAN-style sequence weighting inside neighbours.
///
/// The current session is the last `window` items of the history, weighted by recency
/// (the most recent item weighs 1, the oldest `1 − recency·(m−1)/m`). A training sequence's
/// similarity is the weighted count of the session items it contains, divided by
/// `sqrt(m · |sequence|)` when `normalize` is on. The `neighbors` most similar sequences vote
/// for their items with their similarity; with `reach > 0` an item at distance `δ` from the
/// neighbour's most recent shared item votes `exp(−δ / reach)` times as much, so items near the
/// point where the sequences meet count most. Popularity breaks ties. Defaults chosen on
/// ml-100k `loo` validation (NDCG@10 0.090 with `reach=5`, 0.071 without).
public struct SessionKNNModel: RecallModel {
    public struct Configuration: RecallModelConfiguration {
        public var neighbors: Int
        public var window: Int
        public var recency: Float
        public var reach: Float
        public var normalize: Bool

        public init(neighbors: Int = 200, window: Int = 5, recency: Float = 1, reach: Float = 5, normalize: Bool = true) {
            self.neighbors = neighbors
            self.window = window
            self.recency = recency
            self.reach = reach
            self.normalize = normalize
        }

        public init(_ parameters: ModelParameters) throws {
            try parameters.requireKnown(["neighbors", "window", "recency", "reach", "normalize"], model: SessionKNNModel.kind)
            self.init(
                neighbors: try parameters.int("neighbors", default: 200, in: 1...1_000_000),
                window: try parameters.int("window", default: 5, in: 1...100_000),
                recency: try parameters.float("recency", default: 1, in: 0...1),
                reach: try parameters.float("reach", default: 5, in: 0...1_000_000),
                normalize: try parameters.int("normalize", default: 1, in: 0...1) == 1)
        }

        public var parameters: [String: String] {
            ["neighbors": String(neighbors), "window": String(window), "recency": String(recency),
             "reach": String(reach), "normalize": normalize ? "1" : "0"]
        }
    }

    public static let kind = "sknn"
    public let configuration: Configuration
    /// The training sequences the neighbours are drawn from.
    public let sequences: UserSequences
    public let popularity: [Float]
    /// Per item, the sequences holding it (`columns`) and the item's position in each.
    let index: CSRMatrix
    let positions: [Int32]
    /// `exp(−δ / reach)` for every distance δ a sequence can hold: the vote's decay, read from
    /// a table rather than computed per neighbour item (the exponential was a third of a
    /// chat turn's scoring).
    let decay: [Float]

    public var itemCount: Int { popularity.count }

    init(configuration: Configuration, sequences: UserSequences, popularity: [Float]) {
        self.configuration = configuration
        self.sequences = sequences
        self.popularity = popularity
        (index, positions) = Self.invertedIndex(sequences, itemCount: popularity.count)
        let longest = (0..<sequences.userCount).map { sequences.starts[$0 + 1] - sequences.starts[$0] }.max() ?? 0
        let reach = configuration.reach
        decay = (0..<max(longest, 1)).map { reach > 0 ? exp(-Float($0) / reach) : 1 }
    }

    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> SessionKNNModel {
        let counts = data.itemCounts()
        let top = Float(max(1, counts.max() ?? 1))
        return SessionKNNModel(configuration: configuration, sequences: data.sequences, popularity: counts.map { Float($0) / top })
    }

    static func invertedIndex(_ sequences: UserSequences, itemCount n: Int) -> (CSRMatrix, [Int32]) {
        var starts = [Int](repeating: 0, count: n + 1)
        for item in sequences.items { starts[Int(item) + 1] += 1 }
        for i in 0..<n { starts[i + 1] += starts[i] }
        var next = starts
        var owners = [Int32](repeating: 0, count: sequences.items.count)
        var positions = [Int32](repeating: 0, count: sequences.items.count)
        for user in 0..<sequences.userCount {
            for t in sequences.starts[user]..<sequences.starts[user + 1] {
                let item = Int(sequences.items[t])
                owners[next[item]] = Int32(user)
                positions[next[item]] = Int32(t - sequences.starts[user])
                next[item] += 1
            }
        }
        let matrix = CSRMatrix(rowCount: n, columnCount: sequences.userCount, rowStarts: starts, columns: owners,
                               values: [Float](repeating: 1, count: owners.count))
        return (matrix, positions)
    }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        for j in 0..<itemCount { scores[j] = 1e-6 * popularity[j] }
        let session = context.history.indices.suffix(configuration.window).filter {
            context.history[$0] >= 0 && Int(context.history[$0]) < itemCount
        }
        guard !session.isEmpty else { return }
        let users = sequences.userCount, m = Float(session.count)
        var similarity = [Float](repeating: 0, count: users)
        var anchor = [Int32](repeating: 0, count: users)
        for (rank, position) in session.enumerated() {
            let weight = (1 - configuration.recency * (m - Float(rank + 1)) / m) * context.weight(at: position)
            let item = Int(context.history[position])
            for k in index.rowStarts[item]..<index.rowStarts[item + 1] {
                let owner = Int(index.columns[k])
                similarity[owner] += weight
                anchor[owner] = positions[k]
            }
        }
        if let user = context.user.map(Int.init), user >= 0, user < users { similarity[user] = 0 }
        if configuration.normalize {
            for u in 0..<users where similarity[u] != 0 {
                similarity[u] /= (m * Float(sequences.starts[u + 1] - sequences.starts[u])).squareRoot()
            }
        }
        let neighbours = similarity.withUnsafeBufferPointer { TopK.select(configuration.neighbors, from: $0) }
        decay.withUnsafeBufferPointer { decay in
            for neighbour in neighbours where neighbour.score > 0 {
                let u = Int(neighbour.item), start = sequences.starts[u]
                let meet = Int(anchor[u])
                for t in start..<sequences.starts[u + 1] {
                    scores[Int(sequences.items[t])] += neighbour.score * decay[abs(t - start - meet)]
                }
            }
        }
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(array: popularity)
        writer.write(array: sequences.starts.map { UInt64($0) })
        writer.write(array: sequences.items)
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        let popularity = try reader.readArray(of: Float.self)
        let starts = try reader.readArray(of: UInt64.self).map { Int($0) }
        let items = try reader.readArray(of: Int32.self)
        guard starts.first == 0, starts.last == items.count, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }),
              items.allSatisfy({ $0 >= 0 && Int($0) < popularity.count })
        else { throw ModelFileError(.badPayload("inconsistent sequences"), path: Self.kind) }
        self.init(configuration: configuration, sequences: UserSequences(starts: starts, items: items), popularity: popularity)
    }
}
