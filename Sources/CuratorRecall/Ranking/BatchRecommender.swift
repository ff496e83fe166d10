import CuratorCore

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
