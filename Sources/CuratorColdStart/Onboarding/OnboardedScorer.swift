import CuratorCore
import CuratorRecall
import CuratorText

/// Scores every item of an `OnboardedCatalog` with a recall model fitted before the items were
/// onboarded, without refitting it.
///
/// Warm items get the model's own scores. An onboarded item is placed in the model's space:
/// for a factor model (ALS, BPR), its item factors are mapped from its text embedding by a
/// ridge regression learned on the warm items, and it scores like any item; for other models
/// it borrows the similarity-weighted mean score of its nearest warm items in text space.
public struct OnboardedScorer: Sendable {
    public let model: any RecallModel
    public let catalog: OnboardedCatalog
    /// Onboarded items' mapped factors (`onboarded × width`), for factor models.
    let placedFactors: [Float]?
    /// Per warm item, how much its interactions say of it: count / (count + `standInSupport`).
    /// A stand-in seen once or twice carries its text similarity at a tenth: with itemknn, a
    /// one-rating film nearest in text ("Nemesis 2: Nebula" for a new "Nebula Run") had filled
    /// the list with the other films its one viewer rated.
    let support: [Float]

    public init(model: any RecallModel, catalog: OnboardedCatalog, itemCounts: [Int], ridge: Float = 10) {
        self.model = model
        self.catalog = catalog
        support = (0..<catalog.baseItemCount).map { index in
            let count = Float(index < itemCounts.count ? itemCounts[index] : 0)
            return count / (count + Self.standInSupport)
        }
        if let factorModel = model as? any FactorModel, catalog.onboardedCount > 0,
           let placement = TextFactorPlacement.fit(
               model: factorModel,
               embeddings: ItemEmbeddings(dimension: catalog.embeddings.dimension,
                                          vectors: Array(catalog.embeddings.vectors.prefix(catalog.baseItemCount * catalog.embeddings.dimension))),
               itemCounts: itemCounts, ridge: ridge) {
            placedFactors = placement.factors(for: Array(catalog.embeddings.vectors.suffix(catalog.onboardedCount * catalog.embeddings.dimension)))
        } else {
            placedFactors = nil
        }
    }

    /// How many nearest warm items stand in for an onboarded item of a history.
    static let standIns = 5
    /// The interactions at which a stand-in counts half its text similarity.
    static let standInSupport: Float = 10

    /// The warm items standing in for onboarded item `item` of a history, with their weights:
    /// text similarity times support.
    func standIns(for item: Int32) -> [(item: Int32, weight: Float)] {
        catalog.neighbours[Int(item) - catalog.baseItemCount].prefix(Self.standIns).filter { $0.score > 0 }.map {
            ($0.item, $0.score * support[Int($0.item)])
        }
    }

    /// How onboarded items are placed: "mapped factors" or "text neighbours".
    public var placement: String { placedFactors == nil ? "text neighbours" : "mapped factors" }

    /// Writes one score per catalog item (`scores.count == catalog.count`). History items that
    /// are onboarded are unknown to the model: each stands in the model's context as its
    /// nearest warm items, weighted by similarity.
    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        precondition(scores.count == catalog.count, "one score per catalog item")
        let base = catalog.baseItemCount
        var kept: [Int32] = [], weights: [Float] = []
        var substituted = false
        for (position, item) in context.history.enumerated() {
            if Int(item) < base {
                kept.append(item)
                weights.append(context.weight(at: position))
            } else {
                substituted = true
                for standIn in standIns(for: item) where standIn.weight > 0 {
                    kept.append(standIn.item)
                    weights.append(context.weight(at: position) * standIn.weight)
                }
            }
        }
        let baseContext = substituted ? UserContext(user: nil, history: kept, weights: weights) : context
        let warm = UnsafeMutableBufferPointer(rebasing: scores[0..<base])
        model.score(baseContext, into: warm)
        guard catalog.onboardedCount > 0 else { return }
        if let placedFactors, let factorModel = model as? any FactorModel {
            let user = factorModel.userVector(for: baseContext), f = user.count
            for o in 0..<catalog.onboardedCount {
                var s: Float = 0
                for k in 0..<f { s += user[k] * placedFactors[o * f + k] }
                scores[base + o] = s
            }
        } else {
            for (o, s) in catalog.borrowed(UnsafeBufferPointer(warm)).enumerated() { scores[base + o] = s }
        }
    }
}

/// An `OnboardedScorer` seen as a recall model over its whole catalog (the dataset's items,
/// then the onboarded ones), for code written against `RecallModel`: the chat's engine ranks,
/// anchors and filters with it as with the model it wraps, so an item added with `items add`
/// is named, filtered and recommended in a conversation as `recommend` recommends it. It is
/// made at load time from a fitted model and never fitted or read from a file itself.
public struct OnboardedRecallModel: RecallModel {
    public struct Configuration: RecallModelConfiguration {
        public init() {}
        public init(_ parameters: ModelParameters) throws {
            try parameters.requireKnown([], model: OnboardedRecallModel.kind)
        }
        public var parameters: [String: String] { [:] }
    }

    public static let kind = "onboarded"
    public let configuration = Configuration()
    public let scorer: OnboardedScorer

    public init(_ scorer: OnboardedScorer) { self.scorer = scorer }

    public var itemCount: Int { scorer.catalog.count }

    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> OnboardedRecallModel {
        throw ModelParameterError(message: "\(kind) is not fitted: fit the model it wraps and place the onboarded items (OnboardedScorer)")
    }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        scorer.score(context, into: scores)
    }

    /// Writes the wrapped model: the onboarded items live in their store, not in a model file.
    public func encode(into writer: inout BinaryWriter) {
        scorer.model.encode(into: &writer)
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        throw ModelParameterError(message: "\(Self.kind) is not read from a model file: load the model it wraps and place the onboarded items")
    }
}
