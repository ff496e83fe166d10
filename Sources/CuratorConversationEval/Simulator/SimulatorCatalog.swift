import CuratorCore

/// What every simulated user knows of the catalog: titles as people type them, how well known
/// each film is, which genres are rare, which words are distinctive in titles.
public struct SimulatorCatalog: Sendable {
    public let catalog: [Item]
    public let titles: SpokenTitleBook
    /// Interactions per item in the training data.
    public let popularity: [Int]
    let titleWordCounts: [String: Int]
    let genreCounts: [String: Int]

    /// Genres that say nothing a person would ask for.
    static let vacuousGenres: Set<String> = ["unknown", "(no genres listed)", "other", ""]

    /// - Parameters:
    ///   - catalog: the items, by dense index.
    ///   - popularity: interactions per item (what makes a title the well-known one).
    public init(catalog: [Item], popularity: [Int]) {
        precondition(catalog.count == popularity.count, "one popularity count per item")
        self.catalog = catalog
        self.popularity = popularity
        titles = SpokenTitleBook(catalog: catalog, popularity: popularity)
        titleWordCounts = LeakGuard.wordCounts(catalog)
        var genres: [String: Int] = [:]
        for item in catalog { for genre in item.genres { genres[genre, default: 0] += 1 } }
        genreCounts = genres
    }

    /// The leak guard for one target.
    public func leakGuard(for target: Int32) -> LeakGuard {
        LeakGuard(target: target, catalog: catalog, titleWordCounts: titleWordCounts)
    }

    /// An item's genres a person would ask for, the rarest (most telling) first.
    func askableGenres(of item: Int32) -> [String] {
        catalog[Int(item)].genres.filter { !Self.vacuousGenres.contains($0.lowercased()) }
            .sorted { (genreCounts[$0] ?? 0, $0) < (genreCounts[$1] ?? 0, $1) }
    }

    /// How alike two items' genres are (Jaccard), what a person means by "close to it".
    func genreSimilarity(_ a: Int32, _ b: Int32) -> Double {
        let x = Set(askableGenres(of: a)), y = Set(askableGenres(of: b))
        let union = x.union(y).count
        return union == 0 ? 0 : Double(x.intersection(y).count) / Double(union)
    }
}
