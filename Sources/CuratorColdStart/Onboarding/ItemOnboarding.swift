import CuratorCore
import CuratorText

/// Adds items to a dataset after training: embeds them and stores them with the dataset's
/// onboarded items, so they are recommendable at once (see `OnboardedScorer`).
public enum ItemOnboarding {
    /// What happened to one item.
    public struct Outcome: Sendable {
        public var item: Item
        public var updated: Bool
    }

    /// Embeds `items` and stores them in one atomic write; an id given twice keeps the last.
    /// - Parameter source: where the items came from (a file, "--id", "request"), named in errors.
    /// - Throws: `DataError` at `source` when an id belongs to the dataset itself (nothing is
    ///   written); the embedder's or the store's error otherwise (nothing is written either).
    public static func add(_ items: [Item], from source: String, to store: OnboardedItemStore, dataset: Dataset,
                           embedder: any TextEmbedder) async throws -> [Outcome] {
        var latest: [String: Item] = [:], order: [String] = []
        for item in items {
            if let index = dataset.items.index(of: item.id) {
                throw DataError(.invalid("\(dataset.catalog[Int(index)].spokenDisplayTitle) is already in the dataset, as id \(item.id); onboarding adds new items only"), file: source)
            }
            if latest.updateValue(item, forKey: item.id) == nil { order.append(item.id) }
        }
        let unique = order.map { latest[$0]! }
        let vectors = try await embedder.embed(unique.map(ItemText.text(for:)))
        let width = vectors.count / max(unique.count, 1)
        guard width > 0, vectors.count == unique.count * width else {
            throw TextError(.dimension(expected: unique.count, found: vectors.count), location: embedder.name)
        }
        let existing = Set(try store.load().map(\.item.id))
        let records = unique.enumerated().map { i, item in
            OnboardedItemStore.Record(item: item, embedder: embedder.name, embedding: Array(vectors[i * width..<(i + 1) * width]))
        }
        try store.upsert(records)
        return unique.map { Outcome(item: $0, updated: existing.contains($0.id)) }
    }

    /// The onboarded items of `store`, re-embedded (and stored again) when another embedder
    /// made them, so every vector in one space comes from one model.
    /// - Returns: the records and how many were re-embedded.
    public static func records(
        in store: OnboardedItemStore, dataset: Dataset, embedder: any TextEmbedder
    ) async throws -> (records: [OnboardedItemStore.Record], reembedded: Int) {
        let records = try store.load()
        let stale = records.filter { $0.embedder != embedder.name }.map(\.item)
        guard !stale.isEmpty else { return (records, 0) }
        _ = try await add(stale, from: store.path, to: store, dataset: dataset, embedder: embedder)
        return (try store.load(), stale.count)
    }
}
