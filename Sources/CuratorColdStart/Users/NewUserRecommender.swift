import CuratorCore
import Foundation
import CuratorRecall
import CuratorText

/// First recommendations for a user known only by a sentence ("slow-burn sci-fi with a
/// twist") and perhaps a few likes: text similarity mixed with popularity, handing over to
/// the collaborative model as likes arrive.
///
/// Each source is standardised (z-score over the catalog) before mixing; the model's share is
/// `likes / (likes + likesForHalfModel)`, the rest split between text and popularity.
public struct NewUserRecommender: Sendable {
    public var textShare: Float
    public var likesForHalfModel: Float
    public let catalog: OnboardedCatalog
    public let scorer: OnboardedScorer?
    /// log(1 + interactions) per item (onboarded items borrow their neighbours').
    let popularity: [Float]

    public init(catalog: OnboardedCatalog, scorer: OnboardedScorer?, itemCounts: [Int], textShare: Float = 0.75, likesForHalfModel: Float = 3) {
        self.catalog = catalog
        self.scorer = scorer
        self.textShare = textShare
        self.likesForHalfModel = likesForHalfModel
        var popularity = (0..<catalog.baseItemCount).map { $0 < itemCounts.count ? Float(log1p(Double(itemCounts[$0]))) : 0 }
        popularity += popularity.withUnsafeBufferPointer { catalog.borrowed($0) }
        self.popularity = popularity
    }

    /// Mixed scores for every catalog item.
    /// - Parameters:
    ///   - query: the unit embedding of the user's text, or `nil` for none.
    ///   - likes: items the user liked so far, oldest first.
    public func scores(query: [Float]?, likes: [Int32]) -> [Float] {
        let n = catalog.count
        let modelShare = scorer == nil ? 0 : Float(likes.count) / (Float(likes.count) + likesForHalfModel)
        let rest = 1 - modelShare
        var mixed = [Float](repeating: 0, count: n)
        var text = [Float](repeating: 0, count: n)
        if let query {
            text.withUnsafeMutableBufferPointer {
                ExactVectorIndex(vectors: catalog.embeddings.vectors, dimension: catalog.embeddings.dimension).scores(query, into: $0)
            }
        }
        let textWeight = query == nil ? 0 : rest * textShare
        let popularityWeight = rest - textWeight
        Self.addStandardized(text, weight: textWeight, into: &mixed)
        Self.addStandardized(popularity, weight: popularityWeight, into: &mixed)
        if let scorer, modelShare > 0 {
            var model = [Float](repeating: 0, count: n)
            model.withUnsafeMutableBufferPointer { scorer.score(UserContext(history: likes), into: $0) }
            Self.addStandardized(model, weight: modelShare, into: &mixed)
        }
        return mixed
    }

    /// The `k` best items, never one of `likes` or `excluding`, and only ones `admits` lets through.
    public func recommend(query: [Float]?, likes: [Int32], count k: Int, excluding: Set<Int32> = [],
                          admits: (Int32) -> Bool = { _ in true }) -> [ScoredItem] {
        let left = excluding.union(likes)
        return scores(query: query, likes: likes).withUnsafeBufferPointer {
            TopK.select(k, from: $0, excluded: { left.contains($0) || !admits($0) })
        }
    }

    static func addStandardized(_ values: [Float], weight: Float, into out: inout [Float]) {
        guard weight > 0, !values.isEmpty else { return }
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return }
        let mean = finite.reduce(0, +) / Float(finite.count)
        let sd = (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(finite.count)).squareRoot()
        let scale = sd > 0 ? weight / sd : 0
        for i in out.indices where values[i].isFinite { out[i] += (values[i] - mean) * scale }
    }
}
