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
        let grid = FusionSweep.simplex(members: 3, steps: 10)
        #expect(grid.count == 66)
        #expect(grid.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-5 && $0.count == 3 })
        #expect(grid.filter { $0.contains(1) }.count == 3, "each member alone is on the grid")
    }

    @Test(arguments: [3, 6, 9] as [UInt64])
    func defaultFusionChoosesWeightsNeverBelowItsBestMember(seed: UInt64) throws {
        let data = SequentialFixtures.plantedWalks(seed: seed)
        let parameters = ModelParameters(["models": "popularity+markov+itemknn", "depth": "20"])
        let fusion = try #require(try RecallModelRegistry.fit(kind: "fusion", parameters: parameters, data: data) as? FusionModel)
        let choice = try #require(fusion.choice, "no weights given: the fit chooses them")
        #expect(fusion.configuration.weights == choice.weights)
        #expect(fusion.configuration.parameters["weights"] == choice.weights.map { String($0) }.joined(separator: "+"), "stored with the model")
        #expect(choice.figures.ndcg10 >= choice.bestMemberFigures.ndcg10)
        #expect(choice.bestMember != "popularity", "a planted chain beats popularity: \(choice.summary)")
        #expect(choice.users > 0 && choice.summary.contains("weights"))
        // The choice is the sweep's own figures of those weights on the held-out last items.
        let split = LeaveLastOutSplit(sequences: data.sequences, itemCount: data.itemCount)
        let inner = TrainingData(sequences: split.trainingWithValidation, itemCount: data.itemCount)
        let members = try FusionModel.fitMembers(fusion.configuration, data: inner, progress: SilentProgress())
        let cases = split.evaluatedUsers.map { user in
            let history = Array(inner.sequences.sequence(of: user))
            return FusionSweep.Case(context: UserContext(user: Int32(user), history: history), excluded: Set(history), relevant: [split.test[user]])
        }
        let sweep = FusionSweep(members: zip(fusion.configuration.models, members).map { .init(name: $0, model: $1) },
                                depth: 20, cases: cases, task: "check", progress: SilentProgress())
        let alone = sweep.figures(FusionSweep.Setting.alone(fusion.configuration.models, constant: fusion.configuration.constant))
        #expect(alone.allSatisfy { $0.ndcg10 <= choice.figures.ndcg10 })
        #expect(sweep.figures([.init(method: .rrf, weights: choice.weights, constant: fusion.configuration.constant)]) == [choice.figures])
    }

    @Test func givenWeightsOrTuneZeroChooseNothing() throws {
        let data = SequentialFixtures.plantedWalks(seed: 2)
        for spec in ["models=markov+popularity,weights=1+2", "models=markov+popularity,tune=0"] {
            let fusion = try #require(try RecallModelRegistry.fit(kind: "fusion", parameters: ModelParameters(parsing: spec), data: data) as? FusionModel)
            #expect(fusion.choice == nil)
            #expect(fusion.configuration.weights == (spec.contains("tune=0") ? [1, 1] : [1, 2]))
        }
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
