import CBLAS
import CuratorCore
import CuratorEval
import CuratorRecall
import CuratorText

/// Cold-item scorers that use the items' text embeddings, for the `cold-items` protocol.
public enum TextColdScorers {
    /// The scorers for catalog embeddings `embeddings` (one row per catalog item); `label`
    /// suffixes the names (e.g. "-llm" for enriched text).
    public static func all(embeddings: ItemEmbeddings, label: String = "") -> [any ColdItemScorer] {
        [TextNeighbourScorer(embeddings: embeddings, label: label),
         TextProfileScorer(embeddings: embeddings, label: label),
         TextFactorScorer(embeddings: embeddings, label: label)]
    }

    /// The names `all` gives, without embeddings (for help texts and validation).
    public static func names(label: String = "") -> [String] {
        ["text-neighbours", "text-profile", "text-factors"].map { $0 + label }
    }
}

/// Item kNN in text space: a cold item scores the summed similarity of its `neighbours`
/// nearest warm items that are in the user's history.
public struct TextNeighbourScorer: ColdItemScorer {
    public let embeddings: ItemEmbeddings
    public var neighbours: Int
    public let label: String
    public init(embeddings: ItemEmbeddings, neighbours: Int = 50, label: String = "") {
        self.embeddings = embeddings
        self.neighbours = neighbours
        self.label = label
    }
    public var name: String { "text-neighbours" + label }

    public func prepared(for evaluation: ColdItemsProtocol) -> any PreparedColdScorer {
        let cold = Set(evaluation.coldItems)
        let warm = (0..<Int32(embeddings.count)).filter { !cold.contains($0) }
        let index = ExactVectorIndex(vectors: embeddings.rows(warm), dimension: embeddings.dimension)
        let found = index.search(embeddings.rows(evaluation.coldItems), count: neighbours, excluding: { _ in false })
        let lists = found.map { $0.map { ScoredItem(item: warm[Int($0.item)], score: $0.score) } }
        return Prepared(itemCount: embeddings.count, coldItems: evaluation.coldItems, neighbours: lists)
    }

    struct Prepared: PreparedColdScorer {
        let itemCount: Int
        let coldItems: [Int32]
        let neighbours: [[ScoredItem]]
        func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
            var seen = [Float](repeating: 0, count: itemCount)
            for (position, item) in context.history.enumerated() { seen[Int(item)] = context.weight(at: position) }
            for (c, item) in coldItems.enumerated() {
                scores[Int(item)] = neighbours[c].reduce(0) { $0 + seen[Int($1.item)] * $1.score }
            }
        }
    }
}

/// A user profile in text space: the normalised mean embedding of the history; a cold item
/// scores its cosine with the profile.
public struct TextProfileScorer: ColdItemScorer, PreparedColdScorer {
    public let embeddings: ItemEmbeddings
    public let label: String
    public init(embeddings: ItemEmbeddings, label: String = "") {
        self.embeddings = embeddings
        self.label = label
    }
    public var name: String { "text-profile" + label }
    public func prepared(for evaluation: ColdItemsProtocol) -> any PreparedColdScorer { self }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        let profile = UserTextProfile.vector(history: context.history, weights: context.weights, embeddings: embeddings)
        ExactVectorIndex(vectors: embeddings.vectors, dimension: embeddings.dimension).scores(profile, into: scores)
    }
}

/// Text → collaborative factors: ALS is fitted on the warm items, a ridge map from text
/// embedding to item factors is learned on them, and a cold item scores the dot product of
/// the user's factors with its mapped factors.
public struct TextFactorScorer: ColdItemScorer {
    public let embeddings: ItemEmbeddings
    public var ridge: Float
    public var als: ALSModel.Configuration
    public let label: String
    public init(embeddings: ItemEmbeddings, ridge: Float = 10, als: ALSModel.Configuration = .init(), label: String = "") {
        self.embeddings = embeddings
        self.ridge = ridge
        self.als = als
        self.label = label
    }
    public var name: String { "text-factors" + label }

    public func prepared(for evaluation: ColdItemsProtocol) -> any PreparedColdScorer {
        guard let model = try? ALSModel.fit(evaluation.training, configuration: als, progress: SilentProgress()),
              let placed = TextFactorPlacement.fit(model: model, embeddings: embeddings, itemCounts: evaluation.training.itemCounts(), ridge: ridge)
        else { return ColdItemBaselines.RandomScorer(seed: 0) }
        let mapped = placed.factors(for: embeddings.rows(evaluation.coldItems))
        return Prepared(model: model, coldItems: evaluation.coldItems, mapped: mapped)
    }

    struct Prepared: PreparedColdScorer {
        let model: ALSModel
        let coldItems: [Int32]
        let mapped: [Float]
        func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
            let user = model.userVector(for: context), f = model.factors.width
            for (c, item) in coldItems.enumerated() {
                var s: Float = 0
                for k in 0..<f { s += user[k] * mapped[c * f + k] }
                scores[Int(item)] = s
            }
        }
    }
}
