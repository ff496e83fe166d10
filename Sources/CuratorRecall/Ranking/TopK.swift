
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
        // rare compaction sorts 2k entries: measured faster than a heap, whose replacements
        // dominated ranking 20k items.
        let capacity = 2 * k
        var buffer: [ScoredItem] = []
        buffer.reserveCapacity(min(capacity, scores.count))
        var bar = -Float.infinity
        for index in 0..<scores.count {
            let score = scores[index]
            guard score > bar, !excluded(Int32(index)) else { continue }
            buffer.append(ScoredItem(item: Int32(index), score: score))
            if buffer.count == capacity {
                buffer.sort(by: >)
                buffer.removeLast(capacity - k)
                bar = buffer[k - 1].score
            }
        }
        buffer.sort(by: >)
        return Array(buffer.prefix(k))
    }
}

extension RecallModel {
    /// The `k` best items for `context`, never one of `excluded` (typically the history).
    public func recommend(_ context: UserContext, count k: Int, excluding excluded: Set<Int32> = []) -> [ScoredItem] {
        let scores = scores(for: context)
        return scores.withUnsafeBufferPointer { TopK.select(k, from: $0, excluded: { excluded.contains($0) }) }
    }
}
