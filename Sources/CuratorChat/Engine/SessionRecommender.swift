import Foundation
import CuratorCore
import CuratorLLMStage
import CuratorRecall

/// Ranks items for a conversation: candidates from a recall model for the films the list is
/// built on (`ChatSession.steering`: the liked ones and those asked for more like of, in the
/// order mentioned), popularity when there are none yet; then the session's filters,
/// its wishes (tags, text) and its dislikes reshape the list.
public struct SessionRecommender: Sendable {
    public let catalog: [Item]
    /// Every tag of the catalog: a wish among them is met by tags alone (`meets`).
    let catalogTags: Set<String>
    public let items: IDMap
    public let model: any RecallModel
    public let popularity: PopularityModel
    /// How many recall candidates the filters and wishes work on; when they leave fewer than
    /// a list, the whole catalog is read.
    public var candidateCount = 200
    /// How much an item's popularity (log-scaled, 0 to 1) adds to its score while ranking
    /// for liked items: a few liked films make a thin profile, and a well-known film is the
    /// likelier wish (0.3: 0.500 against 0.487 without, within 5 turns, on 300 validation
    /// users of the conversation benchmark with ease; a small edge).
    public var popularityWeight: Float = 0.3
    /// How much the most recently liked film's own recommendations add, with two or more
    /// liked: the film just named ("I also liked …") says most about what is wanted now.
    /// 0.5: success within 3 / 5 turns 0.274 / 0.556 against 0.256 / 0.542 without, on 500
    /// validation users of the conversation benchmark with ease (a small edge, within noise;
    /// popularity's weight at 0, 0.6 or 1 and a deeper candidate list changed nothing; on
    /// test users 0.442 against 0.440 within 5 turns).
    public var recentWeight: Float = 0.5

    /// How much sharing genres with the liked films adds (Jaccard of the genre sets, the most
    /// recently liked film counting as much as all of them together): "like X" in a
    /// conversation is a kind of film as well as what X's viewers also watched. 0.5: success
    /// within 3 / 5 turns 0.306 / 0.660 against 0.266 / 0.608 without, on 500 validation
    /// users of the conversation benchmark with sknn (whose simulated users name, as a film
    /// close to what they want, the one sharing the most genres with it: part of this edge
    /// comes from how the benchmark picks that film).
    public var genreWeight: Float = 0.5
    /// How far down a liked film's own list (the model's films for it alone) an item may be
    /// for its reason to credit that film: further down, the two are not near, whatever the
    /// filters brought up ("something for the kids from the 50s" after Alien: Cinderella is
    /// not "because you liked Alien"). At most a twentieth of the catalog (10 at least).
    public var anchorDepth = 50
    /// How much each wish met adds for a film among the first `moodPool` of the recall list:
    /// enough to lead the films that meet none (the other parts add up to about 2.3), so a
    /// mood asked for reorders the films near the liked ones; further down, 0.5.
    public var moodWeight: Float = 2
    /// How far down the recall list a film meeting a wish is near enough to lead: a fifth of
    /// the catalog (50 at least).
    var moodPool: Int { Self.moodPool(itemCount: catalog.count) }

    /// `moodPool` for a catalog of `itemCount` items.
    static func moodPool(itemCount: Int) -> Int { max(50, itemCount / 5) }

    /// What meeting `met` wishes adds to a film's score (on the recall scores' scale, the best
    /// at 1): `weight` each when it is `near` the top of the list, so a mood asked for leads
    /// there; 0.5 each further down. The one rule for the chat and for a request in words.
    static func moodBonus(met: Int, near: Bool, weight: Float) -> Float {
        (near ? weight : 0.5) * Float(met)
    }
    /// Each item's genres as bits (nil when the catalog has more than 64 genres), and each
    /// genre's bit.
    let genreMasks: [UInt64]?
    let genreBits: [String: UInt64]
    /// Catalog entries that are no film to recommend: MovieLens 100K's item titled "unknown",
    /// an entry without a title (a first trial's "idk something fun" listed "unknown" first).
    let unlisted: Set<Int32>
    /// The model's scores for one film alone, kept across turns: every turn's anchors read
    /// them, and so do the last liked film's own list and a single disliked film's penalty.
    let singleItemScores: SingleItemScores

    public init(catalog: [Item], items: IDMap, model: any RecallModel, popularity: PopularityModel) {
        self.catalog = catalog
        catalogTags = Set(catalog.flatMap(\.tags))
        self.items = items
        self.model = model
        self.popularity = popularity
        (genreMasks, genreBits) = Self.masks(of: catalog)
        unlisted = Set(catalog.indices.filter { catalog[$0].isPlaceholder }.map(Int32.init))
        singleItemScores = SingleItemScores(itemCount: catalog.count)
    }

    /// The genres of every item as bits, one bit per genre of the catalog.
    static func masks(of catalog: [Item]) -> (masks: [UInt64]?, bits: [String: UInt64]) {
        var bits: [String: UInt64] = [:]
        var masks: [UInt64] = []
        masks.reserveCapacity(catalog.count)
        for item in catalog {
            var mask: UInt64 = 0
            for genre in item.genres where genre.lowercased() != "unknown" {
                if bits[genre] == nil {
                    guard bits.count < 64 else { return (nil, [:]) }
                    bits[genre] = 1 << UInt64(bits.count)
                }
                mask |= bits[genre]!
            }
            masks.append(mask)
        }
        return (masks, bits)
    }

    /// How much of its genres `item` shares with the liked items: Jaccard with the most
    /// recent, averaged with the mean Jaccard over all of them.
    func genreAffinity(_ item: Int32, liked: [Int32]) -> Float {
        guard let masks = genreMasks, let last = liked.last else { return 0 }
        let mask = masks[Int(item)]
        func jaccard(_ other: Int32) -> Float {
            let union = (mask | masks[Int(other)]).nonzeroBitCount
            return union == 0 ? 0 : Float((mask & masks[Int(other)]).nonzeroBitCount) / Float(union)
        }
        return 0.5 * jaccard(last) + 0.5 * liked.reduce(0) { $0 + jaccard($1) } / Float(liked.count)
    }

    /// One ranked item and what put it there.
    public struct Ranked: Sendable, Equatable {
        public var item: Int32
        public var score: Float
        /// The film the list is built on that pulls this one up the most (for "because you liked …").
        public var anchor: Int32?
        /// The session's wishes this item meets.
        public var wishesMet: [String]
        /// Its position in the recall list before filters and wishes (1-based).
        public var recallRank: Int
        /// Whether the recall list came from the user's words rather than from likes or popularity.
        public var fromWords = false
    }

    /// The best `count` items for `session`, skipping `skipping` (what `/more` has shown).
    /// `startingScores` (one per item, from the user's words through text embeddings) take
    /// popularity's place while nothing is liked yet.
    public func rank(_ session: ChatSession, count: Int, skipping: Set<String> = [], startingScores: [Float]? = nil) -> [Ranked] {
        // The films the list is built on: "liked" below, as far as ranking goes.
        let liked = session.steering.compactMap(items.index(of:))
        let disliked = session.disliked.compactMap(items.index(of:))
        let excluded = Set(session.excluded.compactMap(items.index(of:))).union(skipping.compactMap(items.index(of:))).union(unlisted)
        let fromWords = liked.isEmpty && startingScores?.count == catalog.count
        func recall(_ depth: Int) -> [ScoredItem] {
            if fromWords, let startingScores {
                return startingScores.withUnsafeBufferPointer { TopK.select(depth, from: $0, excluded: { excluded.contains($0) }) }
            }
            let recallModel: any RecallModel = liked.isEmpty ? popularity : model
            return recallModel.recommend(UserContext(history: liked), count: depth, excluding: excluded)
        }
        let dislikeScores = disliked.isEmpty ? nil
            : disliked.count == 1 ? singleItemScores.scores(for: disliked[0], model: model) : model.scores(for: UserContext(history: disliked))
        let recentScores = liked.count < 2 || recentWeight == 0 || fromWords ? nil : singleItemScores.scores(for: liked.last!, model: model)
        let recentTop = recentScores.map { max($0.max() ?? 1, .leastNormalMagnitude) } ?? 1
        let dislikeTop = dislikeScores.map { ($0.max() ?? 1) } ?? 1
        let counts = popularity.counts
        let logTop = max(log1p(counts.max() ?? 1), 1)
        let genreTest = GenreTest(session.constraints, bits: genreBits)
        func shape(_ recall: [ScoredItem]) -> [Ranked] {
            let top = recall.first?.score ?? 1
            var ranked: [Ranked] = []
            for (position, candidate) in recall.enumerated() {
                guard passes(Int(candidate.item), session.constraints, genreTest: genreTest) else { continue }
                let wishes = session.constraints.wishes.isEmpty ? []
                    : session.constraints.wishes.filter { meets(catalog[Int(candidate.item)], wish: $0) }
                // Recall scores on a common scale, then a bonus per wish met and a penalty for
                // resembling what the user disliked.
                var score = top > 0 ? candidate.score / top : 0
                // A mood asked for leads among the films near the liked ones: "something cozy"
                // after The Matrix listed thrillers with one feel-good film third.
                score += Self.moodBonus(met: wishes.count, near: position < moodPool, weight: moodWeight)
                if let dislikeScores, dislikeTop > 0 { score -= 0.5 * dislikeScores[Int(candidate.item)] / dislikeTop }
                if let recentScores { score += recentWeight * recentScores[Int(candidate.item)] / recentTop }
                if genreWeight > 0, !liked.isEmpty { score += genreWeight * genreAffinity(candidate.item, liked: liked) }
                if !liked.isEmpty && popularityWeight > 0 { score += popularityWeight * log1p(counts[Int(candidate.item)]) / logTop }
                ranked.append(Ranked(item: candidate.item, score: score, anchor: nil, wishesMet: wishes, recallRank: position + 1, fromWords: fromWords))
            }
            return ranked
        }
        let shallow = recall(candidateCount)
        var ranked = shape(shallow)
        if ranked.count < count && shallow.count >= candidateCount {
            // Strict filters leave too few of the top candidates: look through the whole
            // catalog, where items recall scores alike (often all zero) go by popularity.
            let deep = recall(catalog.count).enumerated().sorted { a, b in
                if a.element.score != b.element.score { return a.element.score > b.element.score }
                let (pa, pb) = (counts[Int(a.element.item)], counts[Int(b.element.item)])
                return pa != pb ? pa > pb : a.offset < b.offset
            }.map(\.element)
            ranked = shape(deep)
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.recallRank < $1.recallRank }
        // One entry per film: catalogs list some twice under two ids (MovieLens 100K's "Body
        // Snatchers (1993)"), and a list showing it twice shows one film fewer.
        var titles = Set<String>(), best: [Ranked] = []
        for candidate in ranked where best.count < count && titles.insert(catalog[Int(candidate.item)].displayTitle.lowercased()).inserted {
            best.append(candidate)
        }
        let anchors = anchors(of: best.map(\.item), liked: liked) { self.passes($0, session.constraints, genreTest: genreTest) }
        for index in best.indices { best[index].anchor = anchors[index] }
        return best
    }

    /// The film each item's reason may credit: the liked film (or one asked for more like of)
    /// the item is nearest to, each film's own list read on its own scale (so the film just
    /// named does not take every reason), the one sharing more genres on a near tie, the
    /// later-named on ties (the project's one anchor rule, `AnchorSelector`); none when the item
    /// is not among the first `anchorDepth` films of that film's own list (then it is here
    /// for the filters, popularity or a wish, and its reason says so, not "because you liked").
    /// Under filters, the depth counts only the films they let through: "sci-fi like Arrival"
    /// lists the sci-fi films nearest Arrival, each credited to it though thrillers come before
    /// them on Arrival's own list (all but the first were said to be there for the filter alone).
    /// - Parameter passing: whether a catalog index passes the session's filters.
    func anchors(of candidates: [Int32], liked: [Int32], passing: (Int) -> Bool = { _ in true }) -> [Int32?] {
        guard !liked.isEmpty else { return candidates.map { _ in nil } }
        let lists = liked.map { singleItemScores.scores(for: $0, model: model) }
        let tops = zip(liked, lists).map { film, scores in
            scores.indices.lazy.filter { $0 != Int(film) }.map { scores[$0] }.max() ?? 0
        }
        let weights = tops.map { $0 > 0 ? 1 / $0 : 0 }
        let chosen = AnchorSelector(model: model, recentLimit: liked.count, memo: singleItemScores)
            .signalAnchors(history: liked, candidates: candidates, weights: weights, catalog: catalog)
        // A fifth of a small catalog is no "near": the depth is a share of the catalog too.
        let depth = min(anchorDepth, max(10, catalog.count / 20))
        return zip(candidates, chosen).map { candidate, anchor in
            guard let anchor, let slot = liked.lastIndex(of: anchor) else { return nil }
            // Films of no shared genre are tied by co-watching alone, which on a catalog watched
            // in one era is mostly popularity (Twelve Monkeys is fifth on Willy Wonka's list and
            // on Toy Story's): no reason credits that.
            let (item, film) = (catalog[Int(candidate)].genres, catalog[Int(anchor)].genres)
            if !item.isEmpty, !film.isEmpty, Set(item).isDisjoint(with: film) { return nil }
            let scores = lists[slot], score = scores[Int(candidate)]
            // Not watched with it at all: nothing ties the two.
            guard score > 0 else { return nil }
            var above = 0
            for index in scores.indices where index != Int(anchor) && scores[index] > score && passing(index) {
                above += 1
                if above >= depth { return nil }
            }
            return anchor
        }
    }

    /// Whether a film the session may still be shown (not excluded, not in `skipping`) passes
    /// its filters and meets every one of `wishes`.
    func anyLeft(meetingAll wishes: [String], in session: ChatSession, skipping: Set<String>) -> Bool {
        let excluded = session.excluded.union(skipping)
        return catalog.contains { item in
            !excluded.contains(item.id) && Self.passes(item, session.constraints) && wishes.allSatisfy { meets(item, wish: $0) }
        }
    }

    /// The films of `shown` the session may not be shown again only because they were shown:
    /// not excluded (liked, disliked, seen), passing its filters and meeting every one of
    /// `wishes`, in the order given. What a list leaves out may be what they already gave.
    func shownBefore(meetingAll wishes: [String], in session: ChatSession, among shown: [String]) -> [String] {
        let excluded = session.excluded
        return shown.filter { id in
            guard !excluded.contains(id), let index = items.index(of: id) else { return false }
            let item = catalog[Int(index)]
            return Self.passes(item, session.constraints) && wishes.allSatisfy { meets(item, wish: $0) }
        }
    }

    /// The constraints' genres as bits, when every genre they name has one: a candidate's
    /// genre test is then two mask operations instead of hashing its genre names (the whole
    /// catalog is tested when strict filters empty the top candidates).
    struct GenreTest {
        var groups: [UInt64] = []
        var excluded: UInt64 = 0

        init?(_ constraints: Constraints, bits: [String: UInt64]) {
            for genres in constraints.genreGroups {
                var group: UInt64 = 0
                for genre in genres {
                    guard let bit = bits[genre] else { return nil }
                    group |= bit
                }
                groups.append(group)
            }
            for genre in constraints.excludeGenres {
                guard let bit = bits[genre] else { return nil }
                excluded |= bit
            }
        }

        func passes(_ mask: UInt64) -> Bool {
            mask & excluded == 0 && groups.allSatisfy { mask & $0 != 0 }
        }
    }

    /// `passes(item, constraints)` for the catalog's item `index`, through `genreTest` when there is one.
    func passes(_ index: Int, _ constraints: Constraints, genreTest: GenreTest?) -> Bool {
        guard let genreTest, let genreMasks else { return Self.passes(catalog[index], constraints) }
        return genreTest.passes(genreMasks[index]) && Self.passesBeyondGenres(catalog[index], constraints)
    }

    static func passes(_ item: Item, _ constraints: Constraints) -> Bool {
        for genres in constraints.genreGroups where genres.isDisjoint(with: item.genres) { return false }
        if !constraints.excludeGenres.isDisjoint(with: item.genres) { return false }
        return passesBeyondGenres(item, constraints)
    }

    /// The years asked for (none turned away), and no mood turned away.
    private static func passesBeyondGenres(_ item: Item, _ constraints: Constraints) -> Bool {
        // A film of unknown year meets no year asked for (an item onboarded with a title only).
        if constraints.minYear != nil || constraints.maxYear != nil, item.year == nil { return false }
        if let min = constraints.minYear, let year = item.year, year < min { return false }
        if let max = constraints.maxYear, let year = item.year, year > max { return false }
        if !constraints.excludedYears.isEmpty, constraints.excludedYears.contains(where: { $0.contains(item.year ?? .min) }) { return false }
        if constraints.avoided.contains(where: { meets(item, wish: $0) }) { return false }
        return true
    }

    /// A wish is met by a tag, by a genre of its name, by a tag holding its words ("talking animals" for "animals"), or
    /// by its words standing whole in the description ("dark" matches "a dark fable", not
    /// "darkest Peru").
    /// - Parameter byTagOnly: the wish is one of the catalog's tags, which alone then tell:
    ///   "family" in "a struggling Seoul family" does not make Parasite a family film.
    static func meets(_ item: Item, wish: String, byTagOnly: Bool = false) -> Bool {
        if item.tags.contains(wish) { return true }
        let wanted = TextNormalizer.tokens(wish)
        guard !wanted.isEmpty else { return false }
        // A genre of that name is the wish ("mystery" for a Mystery), not a film that lacks it.
        if item.genres.contains(where: { TextNormalizer.tokens($0) == wanted }) { return true }
        if item.tags.contains(where: { Vocabulary.contains([wanted], in: TextNormalizer.tokens($0)) }) { return true }
        return !byTagOnly && Vocabulary.contains([wanted], in: TextNormalizer.tokens(item.text))
    }

    /// `meets`, a wish the catalog has as a tag met by tags alone.
    func meets(_ item: Item, wish: String) -> Bool {
        Self.meets(item, wish: wish, byTagOnly: catalogTags.contains(wish))
    }

}

