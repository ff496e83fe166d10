import CuratorCore

/// How many items, from where in the list, and which items may appear.
public struct RecommendationQuery: Sendable, Equatable {
    public var count: Int
    public var offset: Int
    /// Leave out items the user already has (history and feedback); unwanted items are always left out.
    public var excludeSeen: Bool
    /// Only items of this genre (case-insensitive).
    public var genre: String?
    public var minYear: Int?
    public var maxYear: Int?

    public init(count: Int = 10, offset: Int = 0, excludeSeen: Bool = true, genre: String? = nil, minYear: Int? = nil, maxYear: Int? = nil) {
        self.count = count
        self.offset = offset
        self.excludeSeen = excludeSeen
        self.genre = genre
        self.minYear = minYear
        self.maxYear = maxYear
    }

    /// Checks the ranges, naming the field at fault.
    /// - Throws: `ServiceError` (bad request).
    public func validate(maxCount: Int) throws {
        guard (1...maxCount).contains(count) else { throw ServiceError.badField("n", "must be a whole number in 1...\(maxCount)") }
        guard offset >= 0, offset <= 10_000 else { throw ServiceError.badField("offset", "must be a whole number in 0...10000") }
        for (field, year) in [("min_year", minYear), ("max_year", maxYear)] {
            if let year, !(0...9999).contains(year) { throw ServiceError.badField(field, "must be a whole number in 0...9999") }
        }
        if let minYear, let maxYear, minYear > maxYear { throw ServiceError.badField("min_year", "is after max_year") }
    }

    /// Checks that `genre` is one of the catalog's, naming them when it is not: an unknown
    /// genre would filter every item out and answer an empty list that says nothing.
    /// - Throws: `ServiceError` (bad request naming `genre`).
    func validateGenre(among items: some Sequence<Item>) throws {
        guard let genre else { return }
        var known = Set<String>()
        for item in items { known.formUnion(item.genres) }
        guard !known.contains(where: { $0.caseInsensitiveCompare(genre) == .orderedSame }) else { return }
        throw ServiceError.badField("genre", "'\(genre)' is not a genre of this catalog; its genres are \(known.sorted().joined(separator: ", "))")
    }

    /// Whether `item` passes the genre and year filters.
    func admits(_ item: Item) -> Bool {
        if let genre, !item.genres.contains(where: { $0.caseInsensitiveCompare(genre) == .orderedSame }) { return false }
        if minYear != nil || maxYear != nil {
            guard let year = item.year else { return false }
            if let minYear, year < minYear { return false }
            if let maxYear, year > maxYear { return false }
        }
        return true
    }
}

/// One recommended item as the service returns it.
public struct RecommendedItem: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    /// The title as people say it, with the year: "The Fugitive (1993)" for "Fugitive, The".
    public var displayTitle: String
    public var year: Int?
    public var genres: [String]
    public var score: Float
    /// Its rank in the model's own list before filters and the offset (1 = the model's best).
    public var recallRank: Int
    /// Why it is here, in words grounded in the user's history or request.
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case id, title, year, genres, score, reason
        case displayTitle = "display_title"
        case recallRank = "recall_rank"
    }
}

/// A shown list: its id (the key feedback and impressions share), the model and its version.
public struct Recommendation: Sendable, Equatable, Codable {
    public var recommendationID: String
    public var model: String
    public var modelVersion: String
    public var items: [RecommendedItem]

    enum CodingKeys: String, CodingKey {
        case model, items
        case recommendationID = "recommendation_id"
        case modelVersion = "model_version"
    }
}
