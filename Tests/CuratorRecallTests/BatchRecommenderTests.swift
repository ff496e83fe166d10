import CuratorCore
import CuratorTestSupport
import Testing
@testable import CuratorRecall

/// Batch top-k (sgemm blocks, EASE's item-major blocks, the generic path) must give the same
/// lists as scoring users one by one.
@Suite struct BatchRecommenderTests {
    @Test(arguments: ["ease", "als", "bpr", "itemknn", "popularity"])
    func batchListsEqualOneByOneLists(kind: String) throws {
        let data = ClassicFixtures.random(users: 150, items: 70, density: 0.12, seed: 9)
        let model = try RecallModelRegistry.fit(kind: kind, parameters: ModelParameters(), data: data)
        let k = 15
        let batch = BatchRecommender.recommendAll(model, data: data, count: k)
        for u in 0..<data.userCount {
            let history = Array(data.sequences.sequence(of: u))
            let single = model.recommend(UserContext(user: Int32(u), history: history), count: k, excluding: Set(history))
            let lists = Array(batch[u * k..<(u + 1) * k]).filter { $0 >= 0 }
            // Blocked and one-by-one sums round differently: at most one near-tie may swap at the cut.
            #expect(Set(lists).intersection(single.map(\.item)).count >= single.count - 1, "user \(u)")
            #expect(lists.count == single.count, "user \(u)")
            #expect(Set(lists).isDisjoint(with: history))
        }
    }
}
