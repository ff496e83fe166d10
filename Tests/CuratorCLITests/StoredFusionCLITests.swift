import CuratorCore
import CuratorTestSupport
import Foundation
import Testing

/// `curator train --model fusion --params …,stored=als` as a user runs it: the dataset's stored
/// ALS is fused as it is (its own recommendations decide the fused list), and refused once the
/// data changed under it. The Spark-imported case is in `SparkRoundTripTests`.
@Suite(.serialized)
struct StoredFusionCLITests {
    /// A `recommend --json` list as (external id, score) pairs, best first.
    static func recommended(_ arguments: [String]) async throws -> [(id: String, score: Float)] {
        let result = try await CLIRunner.run(["recommend", "--json"] + arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        return items.map { (id: $0["id"] as? String ?? "", score: Float($0["score"] as? Double ?? .nan)) }
    }

    /// Checks that the trained `fusion` of `als` and `popularity` (equal weights, RRF constant 60,
    /// every item within the depth) is the fusion of the two models' own lists for `user`:
    /// the same scores, item by item.
    static func expectFusionOfOwnLists(data: String, state: String, user: String) async throws {
        let base = ["--data", data, "--state", state, "--user", user, "-k", "1000"]
        let als = try await recommended(base + ["--model", "als"]), popularity = try await recommended(base + ["--model", "popularity"])
        var expected: [String: Float] = [:]
        for list in [als, popularity] {
            for (position, entry) in list.enumerated() { expected[entry.id, default: 0] += 1 / (60 + Float(position + 1)) }
        }
        let fused = try await recommended(base + ["--model", "fusion"])
        #expect(fused.count == expected.count && !fused.isEmpty)
        for entry in fused { #expect(entry.score == expected[entry.id], "\(entry.id)") }
        #expect(fused.map(\.score) == expected.values.sorted(by: >))
    }

    @Test func aTrainedALSIsFusedAsItIsAndRefusedAfterTheDataChanged() async throws {
        let directory = TemporaryDirectory()
        let data = directory.folder("data"), state = directory.folder("state")
        try DatasetWriter.write(DatasetFixtures.random(users: 30, items: 25, perUser: 6, seed: 4), to: data)
        let train = { (arguments: [String]) in try await CLIRunner.run(["train", "--data", data, "--state", state] + arguments) }
        #expect(try await train(["--model", "als", "--params", "factors=4,iterations=3,seed=9"]).status == 0)
        #expect(try await train(["--model", "popularity"]).status == 0)

        let fusion = try await train(["--model", "fusion", "--params", "models=als+popularity,stored=als"])
        #expect(fusion.status == 0, "\(fusion.standardError)")
        #expect(fusion.standardOutput.contains("fusion member als: the stored model"), "\(fusion.standardOutput)")
        #expect(fusion.standardOutput.contains("not refitted") && fusion.standardOutput.contains("factors=4"))
        #expect(fusion.standardOutput.contains("fusion weights: equal"))
        #expect(fusion.standardError.contains("stored=popularity fuses it"), "the other stored model is pointed out")
        try await Self.expectFusionOfOwnLists(data: data, state: state, user: "3")

        // The data changes under the stored model: the fusion refuses it, saying why and what to do.
        try DatasetWriter.write(DatasetFixtures.random(users: 30, items: 25, perUser: 7, seed: 5), to: data)
        let refused = try await train(["--model", "fusion", "--params", "models=als+popularity,stored=als"])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("fusion member als (stored=als)") && refused.standardError.contains("fitted on other data"),
                "\(refused.standardError)")
        // Evaluation refits every member on its split, so it refuses a stored one instead of leaking the test items.
        let eval = try await CLIRunner.run(["eval", "--data", data, "--model", "fusion", "--params", "models=als+popularity,stored=als"])
        #expect(eval.status != 0 && eval.standardError.contains("stored member"), "\(eval.standardError)")
    }

    @Test func helpTeachesStoredMembers() async throws {
        // The help wraps at the terminal's width: compare with the line breaks as spaces.
        func help(_ arguments: [String]) async throws -> String {
            try await CLIRunner.run(arguments + ["--help"]).standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let train = try await help(["train"])
        #expect(train.contains("models=als+sknn,stored=als") && train.contains("fused as they are, never refitted"), "\(train)")
        #expect(train.contains("refused when they were fitted on other data"))
        let imported = try await help(["import", "spark-als"])
        #expect(imported.contains("a fusion takes them as its als member"), "\(imported)")
    }
}
