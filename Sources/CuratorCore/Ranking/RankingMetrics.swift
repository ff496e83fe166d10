import Foundation

/// Ranking metrics of one ranked list against a set of relevant items (binary relevance).
///
/// With a single relevant item, as in `loo`, HR@k = Recall@k and MRR@k = MAP@k.
public enum RankingMetrics {
    /// 1 when any relevant item is in the top `k`, else 0.
    public static func hitRate(_ ranked: [Int32], relevant: Set<Int32>, k: Int) -> Double {
        ranked.prefix(k).contains(where: relevant.contains) ? 1 : 0
    }

    /// Share of the relevant items found in the top `k`.
    public static func recall(_ ranked: [Int32], relevant: Set<Int32>, k: Int) -> Double {
        guard !relevant.isEmpty else { return 0 }
        return Double(ranked.prefix(k).count(where: relevant.contains)) / Double(relevant.count)
    }

    /// Share of the top `k` slots holding a relevant item (a short list still divides by `k`).
    public static func precision(_ ranked: [Int32], relevant: Set<Int32>, k: Int) -> Double {
        guard k > 0 else { return 0 }
        return Double(ranked.prefix(k).count(where: relevant.contains)) / Double(k)
    }

    /// Discounted cumulative gain over the ideal: gains 1/log2(rank + 1) with 1-based ranks.
    public static func ndcg(_ ranked: [Int32], relevant: Set<Int32>, k: Int) -> Double {
        guard !relevant.isEmpty else { return 0 }
        var dcg = 0.0
        for (position, item) in ranked.prefix(k).enumerated() where relevant.contains(item) {
            dcg += ndcg(position: position, k: k)
        }
        let ideal = (0..<min(k, relevant.count)).reduce(0.0) { $0 + ndcg(position: $1, k: k) }
        return dcg / ideal
    }

    /// NDCG@k with one relevant item found at 0-based `position`: 1/log2(position + 2) inside
    /// the first `k`, else 0. It is also the gain of any relevant item at that position.
    /// - Parameters:
    ///   - position: where the relevant item ranks, 0 for first.
    ///   - k: the cut-off.
    public static func ndcg(position: Int, k: Int) -> Double {
        position >= 0 && position < k ? 1 / log2(Double(position) + 2) : 0
    }

    /// Reciprocal of the 1-based rank of the first relevant item in the top `k`, else 0.
    public static func reciprocalRank(_ ranked: [Int32], relevant: Set<Int32>, k: Int) -> Double {
        guard let position = ranked.prefix(k).firstIndex(where: relevant.contains) else { return 0 }
        return 1 / Double(position + 1)
    }

    /// Average precision at `k`: mean of precision@i over the ranks i of relevant items,
    /// divided by min(k, |relevant|).
    public static func averagePrecision(_ ranked: [Int32], relevant: Set<Int32>, k: Int) -> Double {
        guard !relevant.isEmpty, k > 0 else { return 0 }
        var hits = 0, sum = 0.0
        for (position, item) in ranked.prefix(k).enumerated() where relevant.contains(item) {
            hits += 1
            sum += Double(hits) / Double(position + 1)
        }
        return sum / Double(min(k, relevant.count))
    }

    /// Share of the catalog that appears in at least one list's top `k`.
    public static func coverage(_ lists: [[Int32]], itemCount: Int, k: Int) -> Double {
        guard itemCount > 0 else { return 0 }
        var seen = [Bool](repeating: false, count: itemCount)
        for list in lists { for item in list.prefix(k) { seen[Int(item)] = true } }
        return Double(seen.count(where: { $0 })) / Double(itemCount)
    }

    /// Mean popularity percentile of the recommended items: 1 means only the most popular
    /// item, 0.5 no lean. An item's percentile is the share of items strictly less popular.
    public static func popularityBias(_ lists: [[Int32]], itemCounts: [Int], k: Int) -> Double {
        let percentile = popularityPercentiles(itemCounts)
        var sum = 0.0, n = 0
        for list in lists { for item in list.prefix(k) { sum += percentile[Int(item)]; n += 1 } }
        return n > 0 ? sum / Double(n) : 0
    }

    static func popularityPercentiles(_ counts: [Int]) -> [Double] {
        let sorted = counts.sorted()
        let n = Double(max(counts.count - 1, 1))
        return counts.map { count in
            var lo = 0, hi = sorted.count
            while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < count { lo = mid + 1 } else { hi = mid } }
            return Double(lo) / n
        }
    }
}
