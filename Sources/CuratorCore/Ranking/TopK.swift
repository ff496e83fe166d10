/// An item and its score, ordered so that "better" means a higher score, then a lower item
/// index: the tie-break that makes every ranking in Curator reproducible.
public struct ScoredItem: Sendable, Equatable, Comparable, Codable {
    public var item: Int32
    public var score: Float

    public init(item: Int32, score: Float) {
        self.item = item
        self.score = score
    }

    /// `a < b` when `a` ranks below `b`.
    public static func < (a: ScoredItem, b: ScoredItem) -> Bool {
        a.score != b.score ? a.score < b.score : a.item > b.item
    }
}

/// Top-k selection over a buffer of scores: the one home for every ranking and neighbour search.
public enum TopK {
    /// The `k` best items of `scores`, best first, skipping items where `excluded` is true and
    /// scores that are NaN or -infinity.
    public static func select(
        _ k: Int, from scores: UnsafeBufferPointer<Float>, excluded: (Int32) -> Bool = { _ in false }
    ) -> [ScoredItem] {
        guard k > 0 else { return [] }
        // Candidates go into a buffer of 2k; when it is full, the best k are kept and the k-th
        // score becomes the bar. Items come in ascending index order, so a later item with a
        // score equal to the bar ranks below every kept one: only a strictly higher score can
        // enter (NaN and -infinity never pass either). Most items cost one comparison, and the
        // rare compaction is a linear-time selection over 2k entries: measured faster than a
        // heap, whose replacements dominated ranking 20k items.
        let capacity = 2 * k
        var buffer: [ScoredItem] = []
        buffer.reserveCapacity(min(capacity, scores.count))
        var bar = -Float.infinity
        let base = scores.baseAddress
        var index = 0
        while index < scores.count {
            // Eight scores at a time: most blocks hold nothing above the bar.
            // `max` may drop a NaN together with its neighbours, so a block with a NaN (its sum
            // is NaN) is always read one by one; without one, the maximum is exact.
            if index + 8 <= scores.count, let p = base.map({ $0 + index }) {
                let high = max(max(max(p[0], p[1]), max(p[2], p[3])), max(max(p[4], p[5]), max(p[6], p[7])))
                let sum = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]))
                if high <= bar && !sum.isNaN {
                    index += 8
                    continue
                }
            }
            let end = min(index + 8, scores.count)
            for position in index..<end {
                let score = scores[position]
                guard score > bar, !excluded(Int32(position)) else { continue }
                buffer.append(ScoredItem(item: Int32(position), score: score))
                if buffer.count == capacity {
                    keepBest(k, of: &buffer)
                    bar = buffer.lazy.map(\.score).min()!
                }
            }
            index = end
        }
        if buffer.count > k { keepBest(k, of: &buffer) }
        buffer.sort(by: >)
        return buffer
    }

    /// The `k` best of `items`, best first: the order of sorting them all, in expected
    /// linear time plus a sort of the `k`.
    public static func best(_ k: Int, of items: [ScoredItem]) -> [ScoredItem] {
        guard k > 0 else { return [] }
        var items = items
        if items.count > k { keepBest(k, of: &items) }
        items.sort(by: >)
        return items
    }

    /// Reorders `items` so that its best `k` come first (in no particular order) and drops
    /// the rest: quickselect with a median-of-three pivot, expected linear time.
    static func keepBest(_ k: Int, of items: inout [ScoredItem]) {
        items.withUnsafeMutableBufferPointer { a in
            var lo = 0, hi = a.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                // Median of three as the pivot, moved to `hi`.
                if a[mid] > a[lo] { a.swapAt(mid, lo) }
                if a[hi] > a[lo] { a.swapAt(hi, lo) }
                if a[mid] > a[hi] { a.swapAt(mid, hi) }
                let pivot = a[hi]
                var store = lo
                for i in lo..<hi where a[i] > pivot {
                    a.swapAt(i, store)
                    store += 1
                }
                a.swapAt(store, hi)
                // a[lo..<store] beat the pivot, a[store] is the pivot, the rest do not.
                if store == k - 1 || store == k { break }
                if store < k { lo = store + 1 } else { hi = store - 1 }
            }
        }
        items.removeLast(items.count - k)
    }
}
