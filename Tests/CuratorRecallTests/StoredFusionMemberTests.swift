import CuratorCore
import CuratorTestSupport
import Foundation
import Testing
@testable import CuratorRecall

/// A fusion member taken as it is from the dataset's state folder (`stored=als`): an ALS
/// imported from Spark (written here as the Spark job writes it) is fused with its own scores,
/// never refitted, and a stored model of other data is refused.
@Suite struct StoredFusionMemberTests {
    /// A dataset, a store for it, and the Spark-imported ALS saved in it as `curator import spark-als` does.
    static func importedStore(seed: UInt64, in directory: TemporaryDirectory) throws -> (Dataset, ModelStore, ALSModel) {
        let dataset = DatasetFixtures.random(users: 40, items: 30, perUser: 7, seed: seed)
        let folder = try SparkALSImportTests.sparkFolder(dataset, rank: 4, seed: seed, in: directory)
        let imported = try SparkALSImport.load(folder: folder, dataset: dataset).model
        let store = ModelStore(state: StateDirectory(root: directory.folder("state")), datasetPath: directory.path + "/data",
                               filter: .init(), dataset: dataset)
        try store.save(imported)
        return (dataset, store, imported)
    }

    @Test(arguments: [UInt64(1), 2])
    func importedALSIsFusedWithItsOwnScores(seed: UInt64) throws {
        let directory = TemporaryDirectory()
        let (dataset, store, imported) = try Self.importedStore(seed: seed, in: directory)
        let parameters = try ModelParameters(parsing: "models=als+popularity,stored=als,depth=12")
        let model = try store.fit(kind: "fusion", parameters: parameters, data: TrainingData(dataset: dataset))
        let fusion = try #require(model as? FusionModel)
        #expect(fusion.configuration.stored == ["als"])
        #expect(fusion.configuration.weights == [1, 1] && fusion.choice == nil, "a stored member: equal weights, none chosen")
        #expect(fusion.configuration.parameters["stored"] == "als" && fusion.configuration.parameters["tune"] == "0")
        let member = try #require(fusion.fusion.members[0].model as? ALSModel)
        #expect(member.configuration.formulation == .spark, "the imported model, not a refit of Curator's own")
        let popularity = try PopularityModel.fit(TrainingData(dataset: dataset), parameters: ModelParameters())

        // A known user and a new history (folded in as Spark solves a user).
        let training = TrainingData(dataset: dataset)
        let contexts = [UserContext(user: 3, history: Array(training.userItems.columns(ofRow: 3))), UserContext(history: [2, 9, 17])]
        try store.save(fusion)
        let restored = try store.load("fusion")
        for context in contexts {
            let own = imported.scores(for: context)
            #expect(member.scores(for: context) == own)
            let excluded = Set(context.history)
            func top(_ model: any RecallModel) -> [ScoredItem] {
                var scores = model.scores(for: context)
                for item in excluded { scores[Int(item)] = -.infinity }
                return scores.withUnsafeBufferPointer { TopK.select(12, from: $0) }
            }
            let lists = [top(imported), top(popularity)]
            let expected = CandidateFusion.fuse(lists, names: ["als", "popularity"], weights: [1, 1], method: .rrf, constant: 60, count: 24)
            let fused = fusion.candidates(for: context, count: 24)
            #expect(fused.map(\.item) == expected.map(\.item))
            #expect(fused.map(\.score) == expected.map(\.score))
            for candidate in fused {
                if let source = candidate.source("als") { #expect(source.score == own[Int(candidate.item)]) }
            }
            // The saved fusion keeps its copy of the stored member and says which it was.
            #expect(restored.scores(for: context) == fusion.scores(for: context))
        }
        #expect((restored as? FusionModel)?.configuration.stored == ["als"])
    }

    @Test func givenWeightsWeighAStoredMember() throws {
        let directory = TemporaryDirectory()
        let (dataset, store, _) = try Self.importedStore(seed: 5, in: directory)
        let model = try store.fit(kind: "fusion", parameters: ModelParameters(parsing: "models=popularity+als,stored=als,weights=1+3"),
                                  data: TrainingData(dataset: dataset))
        #expect((model as? FusionModel)?.fusion.members.map(\.weight) == [1, 3])
    }

    @Test func aStoredMemberOfOtherDataIsRefused() throws {
        let directory = TemporaryDirectory()
        let (_, store, _) = try Self.importedStore(seed: 3, in: directory)
        // The data at that path changed since the import: the same store path, another fingerprint.
        let changed = DatasetFixtures.random(users: 40, items: 30, perUser: 8, seed: 99)
        let now = ModelStore(state: store.state, datasetPath: store.datasetPath, filter: store.filter, dataset: changed)
        #expect(now.path(for: "als") == store.path(for: "als"))
        let parameters = try ModelParameters(parsing: "models=als+popularity,stored=als")
        let error = try #require(throws: StoredMemberError.self) {
            try now.fit(kind: "fusion", parameters: parameters, data: TrainingData(dataset: changed))
        }
        #expect(error.error.reason == .otherDataset)
        #expect(error.description.contains("fitted on other data") && error.description.contains("stored=als"), "\(error)")

        let empty = ModelStore(state: StateDirectory(root: directory.folder("empty")), datasetPath: "/d", filter: .init(), dataset: changed)
        let missing = try #require(throws: StoredMemberError.self) {
            try empty.fit(kind: "fusion", parameters: parameters, data: TrainingData(dataset: changed))
        }
        #expect(missing.description.contains("no als model is stored") && missing.description.contains("curator import spark-als"), "\(missing)")
    }

    @Test func storedMembersAreCheckedWhenParsedAndNeverFittedElsewhere() throws {
        func refusal(_ spec: String) -> String {
            do { _ = try FusionModel.Configuration(ModelParameters(parsing: spec)) } catch { return "\(error)" }
            return "accepted"
        }
        #expect(refusal("models=als+sknn,stored=ease").contains("not one of models=als+sknn"))
        #expect(refusal("models=als+sknn,stored=als,als.factors=8").contains("als.factors cannot be set"))
        #expect(refusal("models=als+sknn,stored=als,tune=1").contains("weights cannot be chosen"))
        #expect(refusal("models=als+sknn,stored=als,tune=1,weights=1+2") == "accepted")
        // Through the registry (eval, tune, bench: a fit on a split) a stored member is not fitted.
        let data = DatasetFixtures.random(users: 10, items: 12, perUser: 4, seed: 1)
        let error = try #require(throws: ModelParameterError.self) {
            try RecallModelRegistry.fit(kind: "fusion", parameters: ModelParameters(parsing: "models=als+popularity,stored=als"),
                                        data: TrainingData(dataset: data))
        }
        #expect(error.message.contains("stored member") && error.message.contains("curator train"), "\(error)")
    }
}
