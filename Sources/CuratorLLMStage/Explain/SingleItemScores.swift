import CuratorCore
import CuratorRecall
import Synchronization

/// Each item's single-item recall scores (the model's list for a history of that item alone),
/// kept once computed. Anchors ask for them for every liked film on every turn, and for the
/// same model the answer never changes: a server's fifty conversations spent a quarter of
/// their CPU recomputing them (session-kNN with its exponential decay). Hold one per model:
/// a new model needs a new cache.
public final class SingleItemScores: Sendable {
    private let stored = Mutex<[Int32: [Float]]>([:])
    /// Entries kept before the cache starts again (a byte budget over the catalog's size).
    let capacity: Int

    /// - Parameters:
    ///   - itemCount: the catalog's size (the length of one entry).
    ///   - byteBudget: the most the entries may take together.
    public init(itemCount: Int, byteBudget: Int = 64 << 20) {
        capacity = max(16, byteBudget / max(1, itemCount * MemoryLayout<Float>.stride))
    }

    /// `model`'s scores for a history of `item` alone.
    public func scores(for item: Int32, model: any RecallModel) -> [Float] {
        if let known = stored.withLock({ $0[item] }) { return known }
        let computed = model.scores(for: UserContext(history: [item]))
        stored.withLock { entries in
            // Full: start again rather than track recency; the liked films of live
            // conversations come back within a few turns.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[item] = computed
        }
        return computed
    }
}
