import CuratorCore
import CuratorRecall

/// The baselines of the `cold-items` protocol, the floor any text-based method must clear.
public enum ColdItemBaselines {
    public static let all: [any ColdItemScorer] = [RandomScorer(seed: 7), GenrePopularityScorer(), UserGenreScorer()]

    /// Random order (seeded): what knowing nothing gives.
    public struct RandomScorer: ColdItemScorer, PreparedColdScorer {
        public var seed: UInt64
        public init(seed: UInt64) { self.seed = seed }
        public var name: String { "random" }
        public func prepared(for evaluation: ColdItemsProtocol) -> any PreparedColdScorer { self }
        public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
            var rng = SeededGenerator.stream(seed, Int(context.user ?? 0))
            for i in scores.indices { scores[i] = rng.nextUnitFloat() }
        }
    }

    /// An item scores the training popularity of its genres (the same for every user).
    public struct GenrePopularityScorer: ColdItemScorer {
        public init() {}
        public var name: String { "genre-popularity" }
        public func prepared(for evaluation: ColdItemsProtocol) -> any PreparedColdScorer {
            let share = GenreShares(evaluation.training.sequences.items, catalog: evaluation.catalog)
            let scores = evaluation.catalog.map { share.score($0.genres) }
            return Fixed(scores: scores)
        }

        struct Fixed: PreparedColdScorer {
            let scores: [Float]
            func score(_ context: UserContext, into out: UnsafeMutableBufferPointer<Float>) { _ = out.update(fromContentsOf: scores) }
        }
    }

    /// An item scores how much of the user's own history shares its genres.
    public struct UserGenreScorer: ColdItemScorer {
        public init() {}
        public var name: String { "user-genres" }
        public func prepared(for evaluation: ColdItemsProtocol) -> any PreparedColdScorer { Prepared(catalog: evaluation.catalog) }

        struct Prepared: PreparedColdScorer {
            let catalog: [Item]
            func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
                let share = GenreShares(context.history, catalog: catalog)
                for i in scores.indices { scores[i] = share.score(catalog[i].genres) }
            }
        }
    }
}

/// How often each genre appears among a list of items, as shares.
struct GenreShares {
    private var shares: [String: Float] = [:]

    init(_ items: some Sequence<Int32>, catalog: [Item]) {
        var total: Float = 0
        for item in items {
            for genre in catalog[Int(item)].genres { shares[genre, default: 0] += 1; total += 1 }
        }
        if total > 0 { for key in shares.keys { shares[key]! /= total } }
    }

    /// The mean share of `genres` (an item without genres scores 0).
    func score(_ genres: [String]) -> Float {
        genres.isEmpty ? 0 : genres.reduce(0) { $0 + (shares[$1] ?? 0) } / Float(genres.count)
    }
}
