import HeapModule

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
        var heap = Heap<ScoredItem>()
        heap.reserveCapacity(k)
        // The worst kept score once the heap is full. Items come in ascending index order, so a
        // later item with an equal score ranks below every kept one: only a strictly higher
        // score can enter (NaN and -infinity never pass this test either).
        var threshold = -Float.infinity
        for index in 0..<scores.count {
            let score = scores[index]
            if heap.count == k {
                guard score > threshold else { continue }
                guard !excluded(Int32(index)) else { continue }
                heap.replaceMin(with: ScoredItem(item: Int32(index), score: score))
                threshold = heap.min!.score
            } else {
                guard !score.isNaN, score != -.infinity else { continue }
                let candidate = ScoredItem(item: Int32(index), score: score)
                guard !excluded(candidate.item) else { continue }
                heap.insert(candidate)
                if heap.count == k { threshold = heap.min!.score }
            }
        }
        var best: [ScoredItem] = []
        best.reserveCapacity(heap.count)
        while let top = heap.popMax() { best.append(top) }
        return best
    }
}

extension RecallModel {
    /// The `k` best items for `context`, never one of `excluded` (typically the history).
    public func recommend(_ context: UserContext, count k: Int, excluding excluded: Set<Int32> = []) -> [ScoredItem] {
        let scores = scores(for: context)
        return scores.withUnsafeBufferPointer { TopK.select(k, from: $0, excluded: { excluded.contains($0) }) }
    }
}
