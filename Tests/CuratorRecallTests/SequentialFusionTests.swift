import CuratorCore
import CuratorTestSupport
import Testing
@testable import CuratorRecall

@Suite struct SequentialFusionTests {
    @Test func candidatesKeepEachMembersRankAndScore() throws {
        let data = SequentialFixtures.plantedWalks(seed: 4)
        let markov = try MarkovModel.fit(data, parameters: ModelParameters())
        let popularity = try PopularityModel.fit(data, parameters: ModelParameters())
        let fusion = CandidateFusion(members: [.init(name: "markov", model: markov), .init(name: "popularity", model: popularity)],
                                     method: .rrf, depth: 10)
        let context = UserContext(history: [5, 38, 12])
        let excluded: Set<Int32> = [5, 38, 12]
        let candidates = fusion.candidates(for: context, count: 50, excluding: excluded)
        let own = [markov.recommend(context, count: 10, excluding: excluded), popularity.recommend(context, count: 10, excluding: excluded)]
        #expect(Set(candidates.map(\.item)) == Set(own.flatMap { $0.map(\.item) }))
        for candidate in candidates {
            #expect(!candidate.sources.isEmpty && !excluded.contains(candidate.item))
            var expected: Float = 0
            for (m, name) in ["markov", "popularity"].enumerated() {
                let position = own[m].firstIndex { $0.item == candidate.item }
                #expect(candidate.source(name)?.rank == position.map { $0 + 1 }, "\(name) rank of \(candidate.item)")
                #expect(candidate.source(name)?.score == position.map { own[m][$0].score })
                if let position { expected += 1 / (60 + Float(position + 1)) }
            }
            #expect(abs(candidate.score - expected) < 1e-6)
        }
        #expect(zip(candidates, candidates.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func blendNormalisesEachListAndWeighsIt() {
        let lists: [[ScoredItem]] = [
            [.init(item: 1, score: 10), .init(item: 2, score: 6), .init(item: 3, score: 2)],
            [.init(item: 3, score: 0.9), .init(item: 4, score: 0.1)],
        ]
        let fused = CandidateFusion.fuse(lists, names: ["a", "b"], weights: [0.25, 0.75], method: .blend, constant: 60, count: 10)
        let score = Dictionary(uniqueKeysWithValues: fused.map { ($0.item, $0.score) })
        #expect(score == [1: 0.25, 2: 0.125, 3: 0.75, 4: 0])
        #expect(fused.first?.item == 3 && fused.first?.sources.map(\.model) == ["a", "b"])
    }

    @Test func weightGridCoversTheSimplex() {
        let grid = FusionWeightTuner.simplex(members: 3, steps: 10)
        #expect(grid.count == 66)
        #expect(grid.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-5 && $0.count == 3 })
    }

    @Test func fusionModelTunesWeightsAndRoundTrips() throws {
        let data = SequentialFixtures.plantedWalks(seed: 5)
        let model = try RecallModelRegistry.fit(
            kind: "fusion", parameters: ModelParameters(["models": "markov+popularity", "method": "blend", "depth": "20", "markov.decay": "0"]),
            data: data)
        let fusion = try #require(model as? FusionModel)
        let weights = try #require(fusion.configuration.weights)
        #expect(weights.count == 2 && weights[0] > weights[1], "the planted chain should outweigh popularity: \(weights)")
        let context = UserContext(history: [7, 8])
        let top = fusion.candidates(for: context, count: 5)
        #expect(top.first?.item == SequentialFixtures.successor(of: 8, items: 50))
        #expect(top.first?.source("markov")?.rank == 1)
        let file = RecallModelRegistry.modelFile(for: model, datasetFingerprint: 3)
        let restored = try RecallModelRegistry.load(file, path: "mem", datasetFingerprint: 3)
        #expect(restored.scores(for: context) == model.scores(for: context))
        #expect(throws: ModelParameterError.self) { try FusionModel.Configuration(ModelParameters(["models": "markov+fusion"])) }
        #expect(throws: ModelParameterError.self) { try FusionModel.Configuration(ModelParameters(["ease.reg": "3", "models": "markov"])) }
    }
}
