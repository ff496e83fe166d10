import CuratorCore
import CuratorText

/// An embedder that counts keywords: texts sharing words are close, as with a real model,
/// but exactly predictable.
public struct KeywordEmbedder: TextEmbedder {
    public static let words = ["horror", "comedy", "western", "space", "love"]
    public init() {}
    public var name: String { "keywords" }
    public var dimension: Int { Self.words.count + 1 }
    public func embed(_ texts: [String]) async throws -> [Float] {
        normalizedRows(texts.flatMap { text -> [Float] in
            let lower = text.lowercased()
            return Self.words.map { lower.contains($0) ? 1 : 0 } + [0.2]
        }, width: dimension)
    }
}

extension DatasetFixtures {
    /// Users who mostly watch one genre (horror, comedy or western); item `m<i>` is titled by
    /// its genre, `i % 3` (0 horror, 1 comedy, 2 western), and, with `years`, released in 1980 + i % 30.
    public static func genreLoyal(items: Int = 60, seed: UInt64 = 11, years: Bool = false) -> Dataset {
        var c = SyntheticDataset.Configuration()
        c.users = 200
        c.interactions = 4_000
        c.seed = seed
        let genres = ["Horror", "Comedy", "Western"]
        let catalog = (0..<items).map {
            Item(id: "m\($0)", title: "\(genres[$0 % 3]) film \($0)", year: years ? 1980 + $0 % 30 : nil, genres: [genres[$0 % 3]])
        }
        return SyntheticDataset.generate(c, catalog: catalog)
    }
}
