import CuratorCore
import CuratorRecall
import CuratorTestSupport
import Foundation
import Testing

@Suite("Popularity and ItemKNN")
struct ClassicBaselineTests {
    @Test func popularityCountsUsersAndBreaksTiesByItem() throws {
        let d = DatasetFixtures.dataset([("u1", "a", 1), ("u1", "b", 2), ("u2", "b", 1), ("u2", "c", 2), ("u3", "c", 1)])
        let model = try PopularityModel.fit(TrainingData(dataset: d), parameters: ModelParameters())
        #expect(model.counts == [1, 2, 2])
        let top = model.recommend(UserContext(history: []), count: 3)
        #expect(top.map(\.item) == [1, 2, 0], "b and c tie at 2: lower index first")
        #expect(model.recommend(UserContext(history: [1]), count: 3, excluding: [1]).map(\.item) == [2, 0])
    }

    /// Cosine with shrinkage computed the slow, obvious way.
    private func oracleSimilarity(_ d: Dataset, _ i: Int, _ j: Int, shrink: Float) -> Float {
        var usersOf = [Set<Int32>](repeating: [], count: d.itemCount)
        for e in 0..<d.interactions.count { usersOf[Int(d.interactions.items[e])].insert(d.interactions.users[e]) }
        let overlap = Float(usersOf[i].intersection(usersOf[j]).count)
        return overlap / ((Float(usersOf[i].count) * Float(usersOf[j].count)).squareRoot() + shrink)
    }

    @Test(arguments: [(1, 0), (2, 5), (3, 0)] as [(UInt64, Float)])
    func itemKNNMatchesASlowCosineOracle(seed: UInt64, shrink: Float) throws {
        let d = DatasetFixtures.random(users: 40, items: 25, perUser: 6, seed: seed)
        let k = 5
        let model = try ItemKNNModel.fit(
            TrainingData(dataset: d), parameters: ModelParameters(["neighbors": "\(k)", "shrink": "\(shrink)"]))
        for i in 0..<d.itemCount {
            let oracle = (0..<d.itemCount).filter { $0 != i }
                .map { ScoredItem(item: Int32($0), score: oracleSimilarity(d, i, $0, shrink: shrink)) }
                .filter { $0.score > 0 }
                .sorted(by: >).prefix(k)
            let neighbours = Array(model.similarities.columns(ofRow: i))
            let weights = Array(model.similarities.values(ofRow: i))
            #expect(neighbours == oracle.map(\.item), "item \(i)")
            for (w, o) in zip(weights, oracle) { #expect(abs(w - o.score) < 1e-5) }
        }
        // Scores are the weighted sum of the history items' neighbour rows.
        let history: [Int32] = [0, 3, 7]
        let weights: [Float] = [1, 2, 0.5]
        let scores = model.scores(for: UserContext(history: history, weights: weights))
        for j in 0..<d.itemCount {
            var expected: Float = 0
            for (h, w) in zip(history, weights) {
                let row = model.similarities.columns(ofRow: Int(h))
                if let slot = row.firstIndex(of: Int32(j)) { expected += w * model.similarities.values[slot] }
            }
            #expect(abs(scores[j] - expected) < 1e-5)
        }
    }

    @Test func itemKNNRecoversBlockStructure() throws {
        // Two taste blocks: users 0-19 like items 0-9, users 20-39 like items 10-19.
        var events: [(user: String, item: String, time: Int64)] = []
        var rng = SeededGenerator(seed: 5)
        for u in 0..<40 {
            let base = u < 20 ? 0 : 10
            var chosen = Set<Int>()
            while chosen.count < 5 { chosen.insert(base + Int(rng.next() % 10)) }
            for (t, i) in chosen.enumerated() { events.append(("\(u)", "\(i)", Int64(t))) }
        }
        let d = DatasetFixtures.dataset(events)
        let model = try ItemKNNModel.fit(TrainingData(dataset: d), parameters: ModelParameters(["neighbors": "20"]))
        for item in 0..<20 {
            let block = item < 10 ? 0..<10 : 10..<20
            let itemIndex = d.items.index(of: "\(item)")!
            let top = model.recommend(UserContext(history: [itemIndex]), count: 5, excluding: [itemIndex])
            for scored in top { #expect(block.contains(Int(d.items.id(at: scored.item))!)) }
        }
    }

    @Test func saveAndLoadGiveIdenticalScores() throws {
        let dir = TemporaryDirectory()
        let d = DatasetFixtures.random(users: 30, items: 20, perUser: 5, seed: 8)
        let store = ModelStore(state: StateDirectory(root: dir.path), datasetPath: dir.path + "/data", filter: .init(), dataset: d)
        let context = UserContext(history: [1, 4, 9])
        for kind in RecallModelRegistry.kinds {
            let model = try RecallModelRegistry.fit(kind: kind, parameters: ModelParameters(), data: TrainingData(dataset: d))
            try store.save(model)
            let loaded = try store.load(kind)
            #expect(loaded.scores(for: context) == model.scores(for: context), "\(kind)")
        }
    }

    @Test func storeRefusesAModelFittedOnOtherData() throws {
        let dir = TemporaryDirectory()
        let state = StateDirectory(root: dir.path)
        let a = DatasetFixtures.random(users: 30, items: 20, perUser: 5, seed: 1)
        let b = DatasetFixtures.random(users: 30, items: 20, perUser: 5, seed: 2)
        try ModelStore(state: state, datasetPath: "/d", filter: .init(), dataset: a)
            .save(try PopularityModel.fit(TrainingData(dataset: a), parameters: ModelParameters()))
        let error = try #require(throws: ModelFileError.self) {
            try ModelStore(state: state, datasetPath: "/d", filter: .init(), dataset: b).load("popularity")
        }
        #expect(error.reason == .otherDataset)
        let missing = try #require(throws: ModelFileError.self) {
            try ModelStore(state: state, datasetPath: "/d", filter: .init(), dataset: a).load("itemknn")
        }
        #expect(missing.reason == .missing)
    }

    /// A state folder that cannot hold the model is said before the fit, not after it.
    @Test func anUnwritableStateFolderIsRefusedBeforeFitting() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("state", "a file, not a folder")
        let d = DatasetFixtures.random(users: 30, items: 20, perUser: 5, seed: 3)
        var fitted = false
        let error = try #require(throws: StateDirectory.NotWritable.self) {
            try ModelStore(state: StateDirectory(root: file), datasetPath: "/d", filter: .init(), dataset: d)
                .loadOrFit("popularity", dataset: d) { fitted = true }
        }
        #expect(!fitted)
        #expect(error.reason == "\(file) is a file, not a folder")
        let stored = try ModelStore(state: StateDirectory(root: dir.path + "/ok"), datasetPath: "/d", filter: .init(), dataset: d)
            .loadOrFit("popularity", dataset: d) { fitted = true }
        #expect(fitted && stored is PopularityModel)
    }

    @Test func unknownModelsAndParametersAreRefusedWithTheKnownOnes() {
        let unknown = #expect(throws: ModelParameterError.self) { try RecallModelRegistry.modelType(named: "svd") }
        #expect(unknown?.description.contains("itemknn") == true)
        let badName = #expect(throws: ModelParameterError.self) {
            try RecallModelRegistry.validate(kind: "itemknn", parameters: ModelParameters(["neighbours": "5"]))
        }
        #expect(badName?.description.contains("neighbors") == true)
        #expect(throws: ModelParameterError.self) {
            try RecallModelRegistry.validate(kind: "itemknn", parameters: ModelParameters(["neighbors": "-1"]))
        }
        #expect(throws: ModelParameterError.self) { try ModelParameters(parsing: "neighbors") }
    }
}
