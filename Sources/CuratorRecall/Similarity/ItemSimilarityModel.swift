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

/// Top-k lists for every user of the training data at once, as a batch job needs them.
public enum BatchRecommender {
    /// The `count` best items of every user of `data`, never one of the user's training items.
    /// Factor models score blocks of users with one `sgemm`; other models score user by user
    /// in parallel.
    /// - Returns: `userCount × count` item indices, row-major (-1 pads short lists).
    public static func recommendAll(_ model: any RecallModel, data: TrainingData, count: Int) -> [Int32] {
        if let factors = model as? any FactorModel, factors.factors.userCount == data.userCount {
            return factors.recommendAllUsers(count: count, excluding: data.userItems)
        }
        let n = model.itemCount, users = data.userCount
        var result = [Int32](repeating: -1, count: users * count)
        if let blocks = model as? any BlockScoringModel {
            let block = 256
            result.withUnsafeMutableBufferPointer { out in
                let out = DisjointWrites(out)
                Parallel.forEachChunk((users + block - 1) / block) { range, _ in
                    let scores = UnsafeMutablePointer<Float>.allocate(capacity: block * n)
                    defer { scores.deallocate() }
                    for b in range {
                        let lo = b * block, hi = min(users, lo + block)
                        blocks.scoreBlock(lo..<hi, of: data, into: scores)
                        for u in lo..<hi {
                            let row = scores + (u - lo) * n
                            for item in data.userItems.columns(ofRow: u) { row[Int(item)] = -.infinity }
                            for (slot, best) in TopK.select(count, from: UnsafeBufferPointer(start: row, count: n)).enumerated() {
                                out[u * count + slot] = best.item
                            }
                        }
                    }
                }
            }
            return result
        }
        result.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out)
            Parallel.forEachChunk(users, minimumChunk: 16) { range, _ in
                let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
                defer { scores.deallocate() }
                for u in range {
                    let history = Array(data.sequences.sequence(of: u))
                    scores.initialize(repeating: 0)
                    model.score(UserContext(user: Int32(u), history: history), into: scores)
                    for item in history { scores[Int(item)] = -.infinity }
                    for (slot, best) in TopK.select(count, from: UnsafeBufferPointer(scores)).enumerated() {
                        out[u * count + slot] = best.item
                    }
                }
            }
        }
        return result
    }
}

/// A model that scores a block of fitted users faster than one by one (EASE reuses each weight
/// row for every user of the block that has the item while it is in cache).
public protocol BlockScoringModel: RecallModel {
    /// Scores the training histories of `users` into `scores`, one row of `itemCount` per user.
    func scoreBlock(_ users: Range<Int>, of data: TrainingData, into scores: UnsafeMutablePointer<Float>)
}
