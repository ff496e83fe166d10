import Foundation
import Testing

/// `curator similar`, `tune` and `eval` as a user meets them: the built binary on the shipped
/// example dataset, in a temporary state folder. Skipped when the binary was not built
/// (`swift build` first).
@Suite(.enabled(if: BuiltCurator.path != nil, "build curator first: swift build"))
struct ClassicCommandsTests {
    static var binary: String? { BuiltCurator.path }
    static let movies = BuiltCurator.root.appendingPathComponent("examples/movies").path

    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static func curator(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary!)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   error: String(decoding: error, as: UTF8.self))
    }

    @Test(arguments: ["ease", "als", "bpr", "itemknn"])
    func similarListsOtherItems(model: String) throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("curator-cli-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        // A small model first (similar uses the trained one), so the test stays quick in debug builds.
        let small = ["ease": "reg=50", "als": "factors=8,iterations=5", "bpr": "factors=8,epochs=10", "itemknn": "neighbors=10"][model]!
        let train = try Self.curator(["train", "--data", Self.movies, "--state", state, "--model", model, "--params", small])
        #expect(train.status == 0, "\(train.error)")
        let run = try Self.curator(["similar", "--data", Self.movies, "--state", state, "--item", "heat-1995",
                                    "--model", model, "-k", "3", "--json"])
        #expect(run.status == 0, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let similar = try #require(object["similar"] as? [[String: Any]])
        #expect(similar.count == 3)
        #expect(!similar.contains { $0["item"] as? String == "heat-1995" })
    }

    @Test func similarRefusesAModelWithoutItemSimilarities() throws {
        let run = try Self.curator(["similar", "--data", Self.movies, "--item", "heat-1995", "--model", "popularity"])
        #expect(run.status != 0)
        #expect(run.error.contains("ease, als, bpr or itemknn"))
    }

    @Test func evalUsesTheBestTunedParameters() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("curator-cli-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let tune = try Self.curator(["tune", "--data", Self.movies, "--state", state, "--model", "ease", "--grid", "reg=1,50"])
        #expect(tune.status == 0, "\(tune.error)")
        // The defaults first, then the grid's two points.
        #expect(tune.output.contains("[3/3]") && tune.output.contains("best: reg="), "\(tune.output)")
        let eval = try Self.curator(["eval", "--data", Self.movies, "--state", state, "--model", "ease", "--json", "--test-only"])
        #expect(eval.status == 0, "\(eval.error)")
        #expect(eval.error.contains("using the best parameters from curator tune"))
        // train fits the point eval measured.
        let train = try Self.curator(["train", "--data", Self.movies, "--state", state, "--model", "ease"])
        #expect(train.status == 0 && train.error.contains("using the best parameters from curator tune"), "\(train.error)")
    }

    /// An option of the conversation protocol given to another is refused, not ignored.
    @Test func aConversationOptionGivenToLooIsRefused() throws {
        let result = try Self.curator(["eval", "--data", Self.movies, "--model", "popularity", "-k", "4", "--users", "10"])
        #expect(result.status != 0 && result.error.contains("--users, -k are for --protocol conversation"), "\(result.error)")
    }

    /// The conversation protocol without --model runs the chat's model, with that model's
    /// tuning only: it had taken itemknn's tuned point for sknn and failed on `shrink`.
    @Test func aConversationRunWithoutAModelTakesOnlyTheChatModelsTuning() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("curator-cli-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let tune = try Self.curator(["tune", "--data", Self.movies, "--state", state, "--model", "itemknn", "--grid", "neighbors=10,50"])
        #expect(tune.status == 0, "\(tune.error)")
        let arguments = ["eval", "--data", Self.movies, "--state", state, "--protocol", "conversation", "--users", "3", "--turns", "2", "--llm", "none"]
        let untuned = try Self.curator(arguments)
        #expect(untuned.status == 0, "\(untuned.error)")
        #expect(!untuned.error.contains("using the best parameters"), "itemknn's tuning is not sknn's: \(untuned.error)")
        #expect(untuned.output.contains("recall sknn"), "\(untuned.output)")
    }
}

/// Where `swift build` put the curator binary of this checkout, if it did.
enum BuiltCurator {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let path: String? = ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/curator").path }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
