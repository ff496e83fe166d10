import CuratorCore
import CuratorTestSupport
import Foundation
import Testing

/// The whole Spark path as a user runs it: `curator data export --format spark`, the
/// repository's PySpark job in local mode (pyspark installed once into the cache by
/// scripts/install-spark.sh), then `curator import spark-als --check`. Fails with what to
/// install when Java or pyspark is missing.
@Suite(.serialized)
struct SparkRoundTripTests {
    @Test func exportFitImportReproducesSpark() async throws {
        let spark = try SparkJob.locate()
        let directory = TemporaryDirectory()
        let data = directory.folder("data"), state = directory.folder("state")
        try DatasetWriter.write(DatasetFixtures.random(users: 80, items: 50, perUser: 9, seed: 17), to: data)
        let export = directory.path + "/export", out = directory.path + "/als"

        let exported = try await CLIRunner.run(["data", "export", "--format", "spark", "--data", data, "--out", export])
        #expect(exported.status == 0, "\(exported.standardError)")
        #expect(exported.standardOutput.contains("720 interactions of 80 users and 50 items"))

        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                continuation.resume(with: Result {
                    try spark.run(export: export, out: out, arguments: [
                        "--rank", "8", "--max-iter", "6", "--reg-param", "0.1", "--alpha", "2", "--blocks", "2", "--recommend", "10"])
                })
            }.start()
        }

        let imported = try await CLIRunner.run(["import", "spark-als", out, "--data", data, "--state", state, "--check", "--json"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(imported.standardOutput.utf8)) as? [String: Any])
        let fidelity = try #require(report["fidelity"] as? [String: Any])
        #expect(fidelity["slots"] as? Int == 800)
        #expect((fidelity["slotAgreement"] as? Double ?? 0) >= 0.995, "\(fidelity)")
        #expect((fidelity["foldInSlotAgreement"] as? Double ?? 0) >= 0.995, "\(fidelity)")
        #expect((fidelity["foldInMaxRelativeError"] as? Double ?? 1) < 1e-4, "\(fidelity)")
        #expect((report["parameters"] as? [String: String])?["formulation"] == "spark")

        // recommend serves the imported model (it does not fit one of its own), never an item the user has.
        let recommended = try await CLIRunner.run(["recommend", "--data", data, "--state", state, "--model", "als", "--user", "5", "--json"])
        #expect(recommended.status == 0, "\(recommended.standardError)")
        #expect(!recommended.standardError.contains("fitting one now"))
        let list = try #require(try JSONSerialization.jsonObject(with: Data(recommended.standardOutput.utf8)) as? [String: Any])
        #expect((list["items"] as? [Any])?.count == 10)

        // Fusion takes the imported model as its als member as it is: its own list decides the fused one.
        #expect(try await CLIRunner.run(["train", "--data", data, "--state", state, "--model", "popularity"]).status == 0)
        let fusion = try await CLIRunner.run(["train", "--data", data, "--state", state, "--model", "fusion", "--params", "models=als+popularity,stored=als"])
        #expect(fusion.status == 0, "\(fusion.standardError)")
        #expect(fusion.standardOutput.contains("fusion member als: the stored model") && fusion.standardOutput.contains("formulation=spark"),
                "\(fusion.standardOutput)")
        try await StoredFusionCLITests.expectFusionOfOwnLists(data: data, state: state, user: "5")
    }
}
