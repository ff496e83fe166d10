import CuratorCore

/// A model that can say which items are like a given item: from item vectors (ALS, BPR),
/// item–item weights (EASE) or neighbour lists (ItemKNN). `curator similar` uses it.
public protocol ItemSimilarityModel: RecallModel {
    /// The `count` items most like `item`, best first, never `item` itself.
    func similarItems(to item: Int32, count: Int) -> [ScoredItem]
}

extension ALSModel: ItemSimilarityModel {}
extension BPRModel: ItemSimilarityModel {}
extension EASEModel: ItemSimilarityModel {}

extension ItemKNNModel: ItemSimilarityModel {
    public func similarItems(to item: Int32, count: Int) -> [ScoredItem] {
        guard item >= 0, Int(item) < itemCount else { return [] }
        let row = Int(item)
        let others = zip(similarities.columns(ofRow: row), similarities.values(ofRow: row))
            .map { ScoredItem(item: $0, score: $1) }
            .filter { $0.item != item }
        return TopK.best(count, of: others)
    }
}
