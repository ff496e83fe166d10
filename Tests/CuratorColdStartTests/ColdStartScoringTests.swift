import CuratorColdStart
import CuratorCore
import CuratorEval
import CuratorRecall
import CuratorTestSupport
import Testing

@Suite struct ColdStartScoringTests {
    @Test func textScorersBeatRandomOnColdItemsWhenTastesFollowText() async throws {
        let dataset = genreLoyalDataset()
        let evaluation = ColdItemsProtocol(dataset: dataset, fraction: 0.25, seed: 3)
        let ndcg = MetricName(.ndcg, 10)
        let random = evaluation.run(ColdItemBaselines.RandomScorer(seed: 1)).test.metrics[ndcg]!
        for scorer in TextColdScorers.all(embeddings: try await embeddings(of: dataset)) {
            let figure = evaluation.run(scorer).test.metrics[ndcg]!
            #expect(figure > random + 0.05, "\(scorer.name) \(figure) vs random \(random)")
        }
    }

    /// The dominant genre of a user's history.
    func genre(of user: Int, in dataset: Dataset) -> String {
        var counts: [String: Int] = [:]
        for e in 0..<dataset.interactions.count where dataset.interactions.users[e] == Int32(user) {
            counts[dataset.catalog[Int(dataset.interactions.items[e])].genres[0], default: 0] += 1
        }
        return counts.max { $0.value < $1.value }!.key
    }

    @Test(arguments: ["als", "itemknn"])
    func onboardedItemsReachTheUsersWhoseTasteTheirTextMatches(kind: String) async throws {
        let dataset = genreLoyalDataset()
        let records = try await zip(["new-horror", "new-comedy", "new-western"], ["Horror", "Comedy", "Western"]).asyncMap { id, genre in
            OnboardedItemStore.Record(item: Item(id: id, title: "\(genre) premiere", genres: [genre]), embedder: "keywords",
                                      embedding: try await KeywordEmbedder().embed(["\(genre) premiere. \(genre)"]))
        }
        let counts = dataset.itemInteractionCounts()
        let catalog = try OnboardedCatalog(dataset: dataset, catalogEmbeddings: try await embeddings(of: dataset), records: records, itemCounts: counts)
        let model = try RecallModelRegistry.fit(kind: kind, parameters: ModelParameters(), data: TrainingData(dataset: dataset), progress: SilentProgress())
        let scorer = OnboardedScorer(model: model, catalog: catalog, itemCounts: counts)
        #expect(scorer.placement == (kind == "als" ? "mapped factors" : "text neighbours"))
        let sequences = UserSequences(dataset.interactions, userCount: dataset.userCount)
        var agree = 0, users = 0
        for user in 0..<dataset.userCount where sequences.sequence(of: user).count >= 5 {
            var scores = [Float](repeating: 0, count: catalog.count)
            scores.withUnsafeMutableBufferPointer { scorer.score(UserContext(history: Array(sequences.sequence(of: user))), into: $0) }
            let onboarded = Array(scores[dataset.itemCount...])
            let best = catalog.items[dataset.itemCount + onboarded.indices.max { onboarded[$0] < onboarded[$1] }!]
            users += 1
            if best.genres[0] == genre(of: user, in: dataset) { agree += 1 }
        }
        #expect(Double(agree) > 0.8 * Double(users), "\(agree) of \(users) users get the onboarded item of their genre first")
    }

    @Test func newUsersStartFromTheirTextAndMoveToTheModelAsLikesArrive() async throws {
        let dataset = genreLoyalDataset()
        let counts = dataset.itemInteractionCounts()
        let catalog = try OnboardedCatalog(dataset: dataset, catalogEmbeddings: try await embeddings(of: dataset), records: [], itemCounts: counts)
        let model = try RecallModelRegistry.fit(kind: "itemknn", parameters: ModelParameters(), data: TrainingData(dataset: dataset), progress: SilentProgress())
        let recommender = NewUserRecommender(catalog: catalog, scorer: OnboardedScorer(model: model, catalog: catalog, itemCounts: counts), itemCounts: counts)
        let query = try await KeywordEmbedder().embed(["I love a good horror night"])
        let fresh = recommender.recommend(query: query, likes: [], count: 10)
        #expect(fresh.allSatisfy { catalog.items[Int($0.item)].genres == ["Horror"] })
        let comedies = (0..<Int32(dataset.itemCount)).filter { dataset.catalog[Int($0)].genres == ["Comedy"] }.prefix(12)
        let later = recommender.recommend(query: query, likes: Array(comedies), count: 10)
        let comedy = later.filter { catalog.items[Int($0.item)].genres == ["Comedy"] }.count
        let horror = later.filter { catalog.items[Int($0.item)].genres == ["Horror"] }.count
        #expect(comedy >= 5 && comedy > horror, "with 12 comedy likes the model leads: \(comedy) comedies, \(horror) horror")
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
