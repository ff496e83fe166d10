import CuratorCore
import CuratorEval
import CuratorRecall
import CuratorTestSupport
import Testing

@Suite("cold-items protocol")
struct ColdItemsProtocolTests {
    /// Users who each watch only one genre: genre knowledge must find their cold items.
    private func genreLoyalDataset() -> Dataset {
        var c = SyntheticDataset.Configuration()
        c.users = 200
        c.interactions = 4_000
        c.seed = 11
        let catalog = (0..<60).map { Item(id: "m\($0)", title: "M\($0)", genres: [["Horror", "Comedy", "Western"][$0 % 3]]) }
        return SyntheticDataset.generate(c, catalog: catalog)
    }

    @Test(arguments: [1, 2] as [UInt64])
    func coldItemsNeverReachTraining(seed: UInt64) {
        let d = genreLoyalDataset()
        let evaluation = ColdItemsProtocol(dataset: d, fraction: 0.2, seed: seed)
        #expect(evaluation.coldItems.count == 12)
        let cold = Set(evaluation.coldItems)
        #expect(evaluation.training.sequences.items.allSatisfy { !cold.contains($0) })
        for user in evaluation.evaluatedUsers { #expect(evaluation.targets[user].isSubset(of: cold)) }
        let again = ColdItemsProtocol(dataset: d, fraction: 0.2, seed: seed)
        #expect(again.coldItems == evaluation.coldItems, "the held-out items follow the seed")
    }

    @Test func userGenresBeatRandomWhenTastesFollowGenres() {
        let evaluation = ColdItemsProtocol(dataset: genreLoyalDataset(), fraction: 0.25, seed: 3)
        let ndcg = MetricName(.ndcg, 10)
        let random = evaluation.run(ColdItemBaselines.RandomScorer(seed: 1)).test.metrics[ndcg]!
        let genres = evaluation.run(ColdItemBaselines.UserGenreScorer()).test.metrics[ndcg]!
        #expect(genres > random + 0.05, "user-genres \(genres) vs random \(random)")
        #expect(evaluation.run(ColdItemBaselines.UserGenreScorer()).test.users == evaluation.evaluatedUsers.count)
    }
}
