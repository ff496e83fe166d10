import CuratorCore
import CuratorRecall

/// Ranks items for a conversation: candidates from a recall model for the liked items (in
/// the order mentioned), popularity when nothing is liked yet; then the session's filters,
/// its wishes (tags, text) and its dislikes reshape the list.
public struct SessionRecommender: Sendable {
    public let catalog: [Item]
    public let items: IDMap
    public let model: any RecallModel
    public let popularity: PopularityModel
    /// How many recall candidates the filters and wishes work on.
    public var candidateCount = 200

    public init(catalog: [Item], items: IDMap, model: any RecallModel, popularity: PopularityModel) {
        self.catalog = catalog
        self.items = items
        self.model = model
        self.popularity = popularity
    }

    /// One ranked item and what put it there.
    public struct Ranked: Sendable, Equatable {
        public var item: Int32
        public var score: Float
        /// The liked item that pulls this one up the most (for "because you liked …").
        public var anchor: Int32?
        /// The session's wishes this item meets.
        public var wishesMet: [String]
        /// Its position in the recall list before filters and wishes (1-based).
        public var recallRank: Int
    }

    /// The best `count` items for `session`, skipping `skipping` (what `/more` has shown).
    public func rank(_ session: ChatSession, count: Int, skipping: Set<String> = []) -> [Ranked] {
        let liked = session.liked.compactMap(items.index(of:))
        let disliked = session.disliked.compactMap(items.index(of:))
        let excluded = Set(session.excluded.compactMap(items.index(of:))).union(skipping.compactMap(items.index(of:)))
        let recallModel: any RecallModel = liked.isEmpty ? popularity : model
        let recall = recallModel.recommend(UserContext(history: liked), count: candidateCount, excluding: excluded)
        let dislikeScores = disliked.isEmpty ? nil : model.scores(for: UserContext(history: disliked))
        let top = recall.first?.score ?? 1
        let dislikeTop = dislikeScores.map { ($0.max() ?? 1) } ?? 1
        var ranked: [Ranked] = []
        for (position, candidate) in recall.enumerated() {
            let item = catalog[Int(candidate.item)]
            guard Self.passes(item, session.constraints) else { continue }
            let wishes = session.constraints.wishes.filter { Self.meets(item, wish: $0) }
            // Recall scores on a common scale, then a bonus per wish met and a penalty for
            // resembling what the user disliked.
            var score = top > 0 ? candidate.score / top : 0
            score += 0.5 * Float(wishes.count)
            if let dislikeScores, dislikeTop > 0 { score -= 0.5 * dislikeScores[Int(candidate.item)] / dislikeTop }
            ranked.append(Ranked(item: candidate.item, score: score, anchor: nil, wishesMet: wishes, recallRank: position + 1))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.recallRank < $1.recallRank }
        var best = Array(ranked.prefix(count))
        // The anchor: the liked item whose own recommendations score the item highest.
        let perLiked = liked.count > 1 ? liked.map { model.scores(for: UserContext(history: [$0])) } : []
        for index in best.indices {
            let item = Int(best[index].item)
            best[index].anchor = liked.count > 1 ? liked[perLiked.indices.max { perLiked[$0][item] < perLiked[$1][item] }!] : liked.first
        }
        return best
    }

    static func passes(_ item: Item, _ constraints: Constraints) -> Bool {
        if !constraints.includeGenres.isEmpty && constraints.includeGenres.isDisjoint(with: item.genres) { return false }
        if !constraints.excludeGenres.isDisjoint(with: item.genres) { return false }
        if let min = constraints.minYear, (item.year ?? .max) < min { return false }
        if let max = constraints.maxYear, (item.year ?? .min) > max { return false }
        return true
    }

    static func meets(_ item: Item, wish: String) -> Bool {
        item.tags.contains(wish) || item.text.lowercased().contains(wish)
    }
}
