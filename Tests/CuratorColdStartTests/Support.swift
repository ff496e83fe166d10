import CuratorColdStart
import CuratorCore
import CuratorText

/// An embedder that counts keywords: texts sharing words are close, as with a real model,
/// but exactly predictable.
struct KeywordEmbedder: TextEmbedder {
    static let words = ["horror", "comedy", "western", "space", "love"]
    var name: String { "keywords" }
    var dimension: Int { Self.words.count + 1 }
    func embed(_ texts: [String]) async throws -> [Float] {
        normalizedRows(texts.flatMap { text -> [Float] in
            let lower = text.lowercased()
            return Self.words.map { lower.contains($0) ? 1 : 0 } + [0.2]
        }, width: dimension)
    }
}

/// Users who each watch only one genre (horror, comedy or western), items titled by genre.
func genreLoyalDataset(items: Int = 60, seed: UInt64 = 11) -> Dataset {
    var c = SyntheticDataset.Configuration()
    c.users = 200
    c.interactions = 4_000
    c.seed = seed
    let genres = ["Horror", "Comedy", "Western"]
    let catalog = (0..<items).map { Item(id: "m\($0)", title: "\(genres[$0 % 3]) film \($0)", genres: [genres[$0 % 3]]) }
    return SyntheticDataset.generate(c, catalog: catalog)
}

func embeddings(of dataset: Dataset) async throws -> ItemEmbeddings {
    try await ItemEmbeddings.compute(dataset.catalog.map(ItemText.text(for:)), with: KeywordEmbedder())
}
