import CuratorCore

extension RecallModel {
    /// The `k` best items for `context`, never one of `excluded` (typically the history).
    public func recommend(_ context: UserContext, count k: Int, excluding excluded: Set<Int32> = []) -> [ScoredItem] {
        let scores = scores(for: context)
        return scores.withUnsafeBufferPointer { TopK.select(k, from: $0, excluded: { excluded.contains($0) }) }
    }
}
