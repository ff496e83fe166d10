import CuratorCore
import CuratorRecall
import CuratorText

/// Places items known only by text into a factor model's item space: a ridge map learned from
/// the warm items' (text embedding, item factors) pairs.
public struct TextFactorPlacement: Sendable {
    public let mapping: RidgeMapping

    /// Fits the map on items with at least one training interaction.
    /// - Returns: `nil` when no item has interactions or the system is singular.
    public static func fit(model: any FactorModel, embeddings: ItemEmbeddings, itemCounts: [Int], ridge: Float) -> TextFactorPlacement? {
        let f = model.factors.width
        let warm = (0..<min(model.factors.itemCount, embeddings.count)).filter { $0 < itemCounts.count && itemCounts[$0] > 0 }
        var targets: [Float] = []
        targets.reserveCapacity(warm.count * f)
        for i in warm { targets += model.factors.items[i * f..<(i + 1) * f] }
        return RidgeMapping.fit(inputs: embeddings.rows(warm.map(Int32.init)), inputWidth: embeddings.dimension,
                                targets: targets, outputWidth: f, ridge: ridge).map(TextFactorPlacement.init)
    }

    /// Item factors for embeddings (`rows × dimension`).
    public func factors(for embeddings: [Float]) -> [Float] { mapping.apply(embeddings) }
}
