import CBLAS
import CuratorCore

/// A recall model whose scores are dot products of a user vector with item vectors (ALS, BPR).
///
/// A context whose user was seen at fit time, with exactly the fitted history and no weights,
/// uses the fitted vector; any other history (a new user, a chat session, weighted likes) is
/// folded in: the user's vector is solved from the history with the item vectors fixed.
public protocol FactorModel: RecallModel {
    var factors: FactorMatrices { get }
    /// `HistoryFingerprint` of each fitted user's training history.
    var trainingFingerprints: [UInt64] { get }

    /// Solves a user vector (`factors.width` floats) for `context`'s history.
    func foldIn(_ context: UserContext) -> [Float]
}

extension FactorModel {
    public var itemCount: Int { factors.itemCount }

    /// The vector a context is scored with: the fitted one when the context is the fitted
    /// user's own training history, else a fold-in.
    public func userVector(for context: UserContext) -> [Float] {
        if let user = context.user.map(Int.init), user >= 0, user < factors.userCount,
           context.weights == nil || context.weights!.allSatisfy({ $0 == 1 }),
           HistoryFingerprint.of(context.history) == trainingFingerprints[user] {
            return factors.userVector(user)
        }
        return foldIn(context)
    }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        let vector = userVector(for: context)
        vector.withUnsafeBufferPointer { factors.scoreItems(with: $0, into: scores) }
    }

    /// Items most similar to `item` by the cosine of their vectors, best first.
    public func similarItems(to item: Int32, count: Int) -> [ScoredItem] {
        let n = factors.itemCount, f = factors.width
        guard item >= 0, Int(item) < n else { return [] }
        var norms = [Float](repeating: 0, count: n)
        var scores = [Float](repeating: 0, count: n)
        factors.items.withUnsafeBufferPointer { y in
            for i in 0..<n { norms[i] = cblas_snrm2(Int32(f), y.baseAddress! + i * f, 1) }
            scores.withUnsafeMutableBufferPointer { s in
                factors.scoreItems(with: UnsafeBufferPointer(start: y.baseAddress! + Int(item) * f, count: f), into: s)
            }
        }
        for i in 0..<n { scores[i] = norms[i] > 0 && norms[Int(item)] > 0 ? scores[i] / (norms[i] * norms[Int(item)]) : 0 }
        return scores.withUnsafeBufferPointer { TopK.select(count, from: $0, excluded: { $0 == item }) }
    }

    /// The top `count` items of every fitted user, never one of their `excluded` row's items:
    /// scores for blocks of users with one `cblas_sgemm`, then a bounded heap per user in parallel.
    /// - Returns: `userCount × count` item indices, row-major (-1 pads short lists).
    public func recommendAllUsers(count: Int, excluding excluded: CSRMatrix) -> [Int32] {
        let users = factors.userCount, n = factors.itemCount
        // sgemm runs markedly slower for an inner dimension that is not a multiple of 8 (BPR's
        // 64 + 1 bias): pad both sides with zero columns.
        let f = (factors.width + 7) / 8 * 8
        let (userRows, itemRows) = f == factors.width
            ? (factors.users, factors.items)
            : (Self.padded(factors.users, width: factors.width, to: f), Self.padded(factors.items, width: factors.width, to: f))
        let block = 512
        var result = [Int32](repeating: -1, count: users * count)
        var scores = [Float](repeating: 0, count: block * n)
        userRows.withUnsafeBufferPointer { x in
            itemRows.withUnsafeBufferPointer { y in
                scores.withUnsafeMutableBufferPointer { s in
                    result.withUnsafeMutableBufferPointer { out in
                        let out = DisjointWrites(out), s = DisjointWrites(s)
                        for start in stride(from: 0, to: users, by: block) {
                            let rows = min(block, users - start)
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(f), 1,
                                        x.baseAddress! + start * f, Int32(f), y.baseAddress, Int32(f), 0, s.base, Int32(n))
                            Parallel.forEachChunk(rows, minimumChunk: 32) { range, _ in
                                for r in range {
                                    let row = UnsafeMutableBufferPointer(start: s.base + r * n, count: n)
                                    for item in excluded.columns(ofRow: start + r) { row[Int(item)] = -.infinity }
                                    for (slot, best) in TopK.select(count, from: UnsafeBufferPointer(row)).enumerated() {
                                        out[(start + r) * count + slot] = best.item
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Rows of `width` floats copied into rows of `target` floats, zero-filled.
    static func padded(_ rows: [Float], width: Int, to target: Int) -> [Float] {
        let count = rows.count / width
        var result = [Float](repeating: 0, count: count * target)
        for r in 0..<count {
            for c in 0..<width { result[r * target + c] = rows[r * width + c] }
        }
        return result
    }
}
