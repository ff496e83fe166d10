import CuratorCore
import CuratorText

/// A dataset's catalog extended by its onboarded items (indices `baseItemCount...`), with each
/// onboarded item's nearest warm items in text space.
public struct OnboardedCatalog: Sendable {
    public let baseItemCount: Int
    /// The dataset's items, then the onboarded ones.
    public let items: [Item]
    /// Text embeddings of every item of `items`.
    public let embeddings: ItemEmbeddings
    /// Per onboarded item, its nearest warm items (items with interactions) and their
    /// similarities, best first.
    public let neighbours: [[ScoredItem]]
    private let indexByID: [String: Int32]

    /// - Parameters:
    ///   - catalogEmbeddings: embeddings of the dataset's catalog, in index order.
    ///   - records: onboarded items (their embeddings must have the catalog's width).
    ///   - itemCounts: training interactions per dataset item (zero marks an item as not warm).
    /// - Throws: `TextError` when an onboarded embedding has another width (another model).
    public init(dataset: Dataset, catalogEmbeddings: ItemEmbeddings, records: [OnboardedItemStore.Record],
                itemCounts: [Int], neighbourCount: Int = 20) throws {
        let d = catalogEmbeddings.dimension
        var vectors = catalogEmbeddings.vectors
        for record in records {
            guard record.embedding.count == d else {
                throw TextError(.dimension(expected: d, found: record.embedding.count), location: "onboarded item \(record.item.id) (embedded by \(record.embedder))")
            }
            vectors += record.embedding
        }
        baseItemCount = dataset.itemCount
        items = dataset.catalog + records.map(\.item)
        embeddings = ItemEmbeddings(dimension: d, vectors: vectors)
        var ids: [String: Int32] = [:]
        for (i, item) in items.enumerated() { ids[item.id] = Int32(i) }
        indexByID = ids
        let warm = (0..<dataset.itemCount).filter { $0 < itemCounts.count && itemCounts[$0] > 0 }.map(Int32.init)
        let index = ExactVectorIndex(vectors: catalogEmbeddings.rows(warm), dimension: d)
        neighbours = records.isEmpty ? [] : index.search(records.flatMap(\.embedding), count: neighbourCount, excluding: { _ in false })
            .map { $0.map { ScoredItem(item: warm[Int($0.item)], score: $0.score) } }
    }

    /// `dataset` with the onboarded items appended to its ids and catalog: what a list, a
    /// reply or a title lookup over this catalog reads (`recommend`, the chat, the server's sessions).
    public func extending(_ dataset: Dataset) -> Dataset {
        var extended = dataset
        for item in items.dropFirst(baseItemCount) {
            _ = extended.items.insert(item.id)
            extended.catalog.append(item)
        }
        return extended
    }

    public var count: Int { items.count }
    public var onboardedCount: Int { count - baseItemCount }
    public func index(of id: String) -> Int32? { indexByID[id] }

    /// For every onboarded item, the similarity-weighted mean of `values` over its positive
    /// neighbours (how an onboarded item borrows a warm item's score or popularity).
    public func borrowed(_ values: UnsafeBufferPointer<Float>) -> [Float] {
        neighbours.map { list in
            var total: Float = 0, weight: Float = 0
            for n in list where n.score > 0 { total += n.score * values[Int(n.item)]; weight += n.score }
            return weight > 0 ? total / weight : 0
        }
    }
}
