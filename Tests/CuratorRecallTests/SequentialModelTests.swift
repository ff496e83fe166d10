import CuratorCore
import CuratorTestSupport
import Testing
@testable import CuratorRecall

/// Sequences where each item is followed by a planted successor most of the time.
enum SequentialFixtures {
    static func successor(of item: Int32, items: Int) -> Int32 { Int32((Int(item) * 7 + 3) % items) }

    /// `users` walks of `length` steps over `items` items: with probability `0.8` the next item
    /// is the planted successor, else a random one. Items never repeat inside a walk.
    static func plantedWalks(users: Int = 200, items: Int = 50, length: Int = 12, seed: UInt64) -> TrainingData {
        var starts = [0], all: [Int32] = []
        for u in 0..<users {
            var rng = SeededGenerator.stream(seed, u)
            var walk: [Int32] = [Int32(rng.next() % UInt64(items))]
            while walk.count < length {
                var next = rng.nextUnitFloat() < 0.8 ? successor(of: walk.last!, items: items) : Int32(rng.next() % UInt64(items))
                while walk.contains(next) { next = Int32(rng.next() % UInt64(items)) }
                walk.append(next)
            }
            all.append(contentsOf: walk)
            starts.append(all.count)
        }
        return TrainingData(sequences: UserSequences(starts: starts, items: all), itemCount: items)
    }
}

@Suite struct SequentialModelTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func markovRecoversPlantedTransitions(seed: UInt64) throws {
        let data = SequentialFixtures.plantedWalks(seed: seed)
        for parameters in [["decay": "0"], [:]] {
            let model = try MarkovModel.fit(data, parameters: ModelParameters(parameters))
            for item in Int32(0)..<50 {
                let top = model.recommend(UserContext(history: [item]), count: 1)
                #expect(top.first?.item == SequentialFixtures.successor(of: item, items: 50), "\(parameters) after \(item)")
            }
        }
    }

    @Test func markovBreaksTiesByPopularityAndScoresEmptyHistories() throws {
        // 0 → 1 and 0 → 2 once each; 2 is more popular than 1.
        let sequences = UserSequences(starts: [0, 2, 4, 5, 6, 7], items: [0, 1, 0, 2, 2, 3, 2])
        let model = try MarkovModel.fit(TrainingData(sequences: sequences, itemCount: 4), parameters: ModelParameters(["decay": "0"]))
        #expect(model.recommend(UserContext(history: [0]), count: 2).map(\.item) == [2, 1])
        #expect(model.recommend(UserContext(history: []), count: 1).first?.item == 2)
    }

    @Test(arguments: [UInt64(1), 2])
    func sessionKNNFollowsSharedSequences(seed: UInt64) throws {
        let data = SequentialFixtures.plantedWalks(seed: seed)
        let model = try SessionKNNModel.fit(data, parameters: ModelParameters())
        var hits = 0
        for item in Int32(0)..<50 {
            let top = model.recommend(UserContext(history: [item]), count: 3, excluding: [item])
            if top.contains(where: { $0.item == SequentialFixtures.successor(of: item, items: 50) }) { hits += 1 }
        }
        #expect(hits >= 45, "\(hits) of 50 successors in the top 3")
    }

    @Test func sequentialModelsRoundTripThroughModelFiles() throws {
        let data = SequentialFixtures.plantedWalks(seed: 9)
        for kind in ["markov", "sknn"] {
            let model = try RecallModelRegistry.fit(kind: kind, parameters: ModelParameters(), data: data)
            let file = RecallModelRegistry.modelFile(for: model, datasetFingerprint: 7)
            let restored = try RecallModelRegistry.load(file, path: "mem", datasetFingerprint: 7)
            let context = UserContext(history: [3, 24, 19], weights: [1, 0.5, 2])
            #expect(model.scores(for: context) == restored.scores(for: context), "\(kind)")
        }
    }
}
