import CuratorCore

/// A baseline's side of a simulated conversation: a fixed ranking, filtered turn by turn by
/// what the user has revealed so far, read exactly (the genres, the decade, the tags), never
/// showing an item twice, never an item the user named.
struct BaselineConversation {
    let user: SimulatedUser
    let world: SimulatorCatalog
    let turns: Int
    let listSize: Int
    /// How deep a turn's ranking is kept (Recall@50).
    static let depth = 50

    /// What a baseline produced: the turn whose list showed the target, and the last ranking.
    struct Outcome {
        var hitTurn: Int?
        var lastRanking: [Int32]
        var target: Int32
    }

    /// Turn by turn over `order` (best first), without the items in `excluding`.
    func run(order: [Int32], excluding: Set<Int32>) -> Outcome {
        var excluded = excluding.union(user.opening.named.map(\.item))
        var genres: [String] = [], tags: [String] = [], decade: Int?
        var ranking: [Int32] = []
        for turn in 1...turns {
            if turn >= 2, turn - 2 < user.facts.count {
                switch user.facts[turn - 2] {
                case .genre(let genre): genres.append(genre)
                case .decade(let start): decade = start
                case .tag(let tag): tags.append(tag)
                case .similarFilm(let film): excluded.insert(film)
                }
            }
            ranking = []
            for item in order where !excluded.contains(item) {
                let entry = world.catalog[Int(item)]
                guard genres.allSatisfy(entry.genres.contains), tags.allSatisfy(entry.tags.contains) else { continue }
                if let decade, !(entry.year.map { $0 >= decade && $0 < decade + 10 } ?? false) { continue }
                ranking.append(item)
                if ranking.count == Self.depth { break }
            }
            if ranking.prefix(listSize).contains(user.profile.target) {
                return Outcome(hitTurn: turn, lastRanking: ranking, target: user.profile.target)
            }
            excluded.formUnion(ranking.prefix(listSize))
        }
        return Outcome(hitTurn: nil, lastRanking: ranking, target: user.profile.target)
    }

    /// One list, no conversation: the first `depth` of `order` without `excluding`.
    func oneList(order: [Int32], excluding: Set<Int32>) -> Outcome {
        let ranking = Array(order.lazy.filter { !excluding.contains($0) }.prefix(Self.depth))
        let hit = ranking.prefix(listSize).contains(user.profile.target)
        return Outcome(hitTurn: hit ? 1 : nil, lastRanking: ranking, target: user.profile.target)
    }
}
