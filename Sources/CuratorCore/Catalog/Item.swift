/// What the catalog knows about one item: enough text for an LLM prompt, an embedding,
/// or a person reading a recommendation.
public struct Item: Sendable, Codable, Equatable {
    /// The external id, as the data files spell it.
    public var id: String
    public var title: String
    /// Release year, when known.
    public var year: Int?
    public var genres: [String]
    /// Free text: a description, a plot summary, anything worth embedding.
    public var text: String
    public var tags: [String]

    public init(
        id: String, title: String, year: Int? = nil, genres: [String] = [], text: String = "",
        tags: [String] = []
    ) {
        self.id = id
        self.title = title
        self.year = year
        self.genres = genres
        self.text = text
        self.tags = tags
    }

    /// The release years a catalog may hold: a year outside them is a typo (20050), not a film's.
    public static let releaseYears = 1800...2200

    /// Refuses a year outside `releaseYears`, the one rule for every catalog reader and for
    /// `curator items add`.
    /// - Throws: `DataError.Kind.invalid` saying the year and the range (the caller adds the
    ///   file, line and field).
    public static func checkYear(_ year: Int?) throws(DataError.Kind) {
        guard let year, !releaseYears.contains(year) else { return }
        throw .invalid("the year \(year) is not a release year (\(releaseYears.lowerBound)...\(releaseYears.upperBound))")
    }

    /// Whether the item has a title of its own, not only its id (a catalog entry, not an
    /// id that interactions named and the catalog lacks, nor an item of a dataset with none).
    public var hasTitle: Bool { title != id }

    /// The title for a list of recommendations: an untitled item is said to be one, never
    /// shown as if its id were a title. (Not "not in the catalog": a dataset of interactions
    /// alone has no catalog; the load's note names the items a catalog lacks.)
    public var listedTitle: String { hasTitle ? spokenDisplayTitle : "untitled item \(id)" }

    /// An item known only by its id (interactions that mention an item the catalog lacks).
    public static func placeholder(id: String) -> Item { Item(id: id, title: id) }

    /// "Heat (1995)", or the bare title when the year is unknown.
    public var displayTitle: String {
        if let year, !title.hasSuffix("(\(year))") { return "\(title) (\(year))" }
        return title
    }

    /// A catalog's stand-in for a film it does not know (MovieLens 100K's item 267, titled
    /// "unknown", with no year or genre): never a recommendation.
    public var isPlaceholder: Bool {
        ["", "unknown"].contains(title.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The title as people say it, for sentences: "The Fugitive", not the catalog's sortable
    /// "Fugitive, The". Alternative titles in parentheses stay.
    public var spokenTitle: String { Self.spoken(title) }

    /// "The Fugitive (1993)": `spokenTitle` with the year, as `displayTitle` is for `title`.
    public var spokenDisplayTitle: String {
        if let year, !title.hasSuffix("(\(year))") { return "\(spokenTitle) (\(year))" }
        return Self.spoken(title)
    }

    /// Articles that catalogs (MovieLens among them) move behind the title for sorting.
    static let trailingArticles = ["The", "A", "An", "La", "Le", "Les", "L'", "Il", "El", "Das", "Der", "Die"]

    /// Moves a sorting article back to the front of a title's main part: "City of Lost
    /// Children, The (Cité des enfants perdus, La) (1995)" → "The City of Lost Children (Cité
    /// des enfants perdus, La) (1995)". Titles without one come back unchanged.
    public static func spoken(_ title: String) -> String {
        let cut = title.range(of: " (")?.lowerBound ?? title.endIndex
        let main = title[..<cut], rest = title[cut...]
        for article in trailingArticles where main.hasSuffix(", \(article)") {
            let base = main.dropLast(article.count + 2)
            return (article.hasSuffix("'") ? article + base : article + " " + base) + rest
        }
        return title
    }

    private enum CodingKeys: String, CodingKey { case id, title, year, genres, text, tags }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? id
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        genres = try c.decodeIfPresent([String].self, forKey: .genres) ?? []
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
    }
}
