import CuratorCore
import CuratorFetch
import CuratorTestSupport
import Foundation
import Testing
import ZIPFoundation

/// The command line as a user meets it: the built binary, its output and its exit code.
@Suite("curator command line")
struct CLITests {
    /// A small dataset folder with taste structure, written through the synth command.
    private func synthesize(_ dir: TemporaryDirectory) async throws -> String {
        let out = dir.path + "/synth"
        let result = try await CLIRunner.run(["data", "synth", "--users", "120", "--items", "60", "--interactions", "2400", "--clusters", "4", "--seed", "3", "--out", out])
        #expect(result.status == 0, "\(result.standardError)")
        return out
    }

    /// A catalog given to synth keeps every field it has (an author Curator does not read), in
    /// its own folder untouched; a small catalog's shortfall of interactions is said.
    @Test func synthKeepsTheCatalogAsItIs() async throws {
        let dir = TemporaryDirectory()
        let folder = dir.path + "/books"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lines = (1...12).map { #"{"id":"b\#($0)","title":"Book \#($0)","genres":["\#($0 % 2 == 0 ? "Mystery" : "Fantasy")"],"author":"A. Writer \#($0)"}"# }
        let catalog = lines.joined(separator: "\n") + "\n"
        try catalog.write(toFile: folder + "/items.jsonl", atomically: true, encoding: .utf8)
        let inPlace = try await CLIRunner.run(["data", "synth", "--catalog", folder + "/items.jsonl", "--users", "20", "--interactions", "400", "--out", folder])
        #expect(inPlace.status == 0, "\(inPlace.standardError)")
        #expect(try String(contentsOfFile: folder + "/items.jsonl", encoding: .utf8) == catalog, "the catalog's own file is left as it was")
        #expect(FileManager.default.fileExists(atPath: folder + "/interactions.csv"))
        #expect(inPlace.standardError.contains("fewer than the 400 interactions asked for"), "\(inPlace.standardError)")
        let elsewhere = try await CLIRunner.run(["data", "synth", "--catalog", folder + "/items.jsonl", "--users", "20", "--interactions", "100", "--out", dir.path + "/copy"])
        #expect(elsewhere.status == 0, "\(elsewhere.standardError)")
        #expect(try String(contentsOfFile: dir.path + "/copy/items.jsonl", encoding: .utf8).contains(#""author":"A. Writer 3""#))
        let info = try await CLIRunner.run(["data", "info", "--data", folder])
        #expect(info.status == 0 && info.standardOutput.contains("items          12"), "\(info.standardOutput)\(info.standardError)")
    }

    @Test func evalPrintsJSONWithTheReportedMetrics() async throws {
        let dir = TemporaryDirectory()
        let data = try await synthesize(dir)
        let result = try await CLIRunner.run(["eval", "--data", data, "--protocol", "loo", "--model", "itemknn", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        for key in ["hr@10", "ndcg@10", "mrr@100", "coverage@10", "recall@20", "recall@100"] {
            let value = try #require(json[key] as? Double, "\(key) missing")
            #expect((0...1).contains(value))
        }
        #expect(json["users"] as? Int == 120)
        #expect((json["validation"] as? [String: Any])?["ndcg@10"] is Double)
        // Recommendations from a model with taste structure beat popularity on this data.
        let popularity = try await CLIRunner.run(["eval", "--data", data, "--model", "popularity", "--json", "--test-only"])
        let popJSON = try #require(try JSONSerialization.jsonObject(with: Data(popularity.standardOutput.utf8)) as? [String: Any])
        #expect((json["ndcg@10"] as! Double) > (popJSON["ndcg@10"] as! Double))
    }

    @Test func trainThenRecommendForAUserAndForAHistory() async throws {
        let dir = TemporaryDirectory()
        let data = try await synthesize(dir)
        let state = dir.path + "/state"
        let train = try await CLIRunner.run(["train", "--data", data, "--model", "itemknn", "--state", state])
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardOutput.contains("saved to \(state)"))
        let byUser = try await CLIRunner.run(["recommend", "--data", data, "--user", "u000001", "-k", "4", "--json", "--state", state])
        #expect(byUser.status == 0, "\(byUser.standardError)")
        #expect(!byUser.standardError.contains("fitting one now"), "the trained model is reused")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(byUser.standardOutput.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count == 4)
        #expect(items.map { $0["rank"] as? Int } == [1, 2, 3, 4])
        let byHistory = try await CLIRunner.run(["recommend", "--data", data, "--history", "i000001,i000002", "--state", state])
        #expect(byHistory.status == 0)
        #expect(byHistory.standardOutput.contains("  1. "))
        #expect(!byHistory.standardOutput.contains("[i000001,"), "history items are not recommended")
    }

    @Test func dataInfoAndImport() async throws {
        let dir = TemporaryDirectory()
        let source = dir.write("clicks.tsv", "uid\tsku\tts\nann\tp1\t10\nann\tp2\t20\nbob\tp1\t15\n")
        let out = dir.path + "/shop"
        let imported = try await CLIRunner.run(["data", "import", "--interactions", source, "--columns", "user=uid,item=sku,timestamp=ts", "--out", out])
        #expect(imported.status == 0, "\(imported.standardError)")
        let info = try await CLIRunner.run(["data", "info", "--data", out, "--json"])
        #expect(info.status == 0)
        let summary = try JSONDecoder().decode(DatasetSummary.self, from: Data(info.standardOutput.utf8))
        #expect(summary.users == 2 && summary.items == 2 && summary.interactions == 3)
        #expect(summary.firstTimestamp == 10 && summary.lastTimestamp == 20)

        // A folder that holds a dataset is not written over without --force: nothing is lost.
        let written = try String(contentsOfFile: out + "/interactions.csv", encoding: .utf8)
        let other = dir.write("other.tsv", "uid\tsku\tts\ncid\tp9\t30\n")
        let again = try await CLIRunner.run(["data", "import", "--interactions", other, "--columns", "user=uid,item=sku,timestamp=ts", "--out", out])
        #expect(again.status != 0 && again.standardError.contains("already holds a dataset") && again.standardError.contains("--force"), "\(again.standardError)")
        #expect(try String(contentsOfFile: out + "/interactions.csv", encoding: .utf8) == written)
        let synth = try await CLIRunner.run(["data", "synth", "--users", "5", "--items", "4", "--interactions", "10", "--out", out])
        #expect(synth.status != 0 && synth.standardError.contains("already holds a dataset"), "\(synth.standardError)")
        let forced = try await CLIRunner.run(["data", "import", "--interactions", other, "--columns", "user=uid,item=sku,timestamp=ts", "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try String(contentsOfFile: out + "/interactions.csv", encoding: .utf8).contains("cid,p9"))
    }

    @Test func badInputIsOneClearLineAndANonZeroExit() async throws {
        let dir = TemporaryDirectory()
        let source = dir.write("bad.csv", "user,item,timestamp\na,x,1\nb,y,noon\n")
        let result = try await CLIRunner.run(["data", "import", "--interactions", source, "--out", dir.path + "/out"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("bad.csv:3: field 'timestamp' is not a number: \"noon\""))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/interactions.csv"), "nothing half-written")
        let missing = try await CLIRunner.run(["eval", "--data", dir.path + "/nowhere", "--model", "popularity"])
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("no such file"))
        let unknownModel = try await CLIRunner.run(["eval", "--data", dir.path, "--model", "svd"])
        #expect(unknownModel.status != 0)
        #expect(unknownModel.standardError.contains("unknown model 'svd'"))
    }

    @Test func unknownUserSaysWhatIdsLookLike() async throws {
        let dir = TemporaryDirectory()
        let data = try await synthesize(dir)
        let result = try await CLIRunner.run(["recommend", "--data", data, "--user", "nobody", "--state", dir.path + "/state"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("unknown user 'nobody'"))
        #expect(result.standardError.contains("u000001"))
    }

    /// An item given by a title that names one film is that film (said on standard error); words
    /// that name no one film are answered with the ids the title matches, as one error line (no
    /// usage text: the arguments were well formed).
    @Test func anItemGivenByItsTitleIsTakenOrAnsweredWithTheIdsItMatches() async throws {
        let dir = TemporaryDirectory()
        let movies = ClassicCommandsTests.movies
        let taken = try await CLIRunner.run(["similar", "--data", movies, "--item", "The Matrix", "-k", "3", "--state", dir.path + "/state"])
        #expect(taken.status == 0, "\(taken.standardError)")
        #expect(taken.standardError.contains("taking 'The Matrix' as the-matrix-1999 (The Matrix (1999))"), "\(taken.standardError)")
        #expect(taken.standardOutput.contains("like the-matrix-1999"), "\(taken.standardOutput)")
        let history = try await CLIRunner.run(["recommend", "--data", movies, "--history", "heat 1995", "-k", "3", "--json", "--state", dir.path + "/state"])
        #expect(history.status == 0, "\(history.standardError)")
        #expect(history.standardError.contains("as heat-1995"), "\(history.standardError)")
        // Another year, or words beside the title, name no one film.
        let wrongYear = try await CLIRunner.run(["similar", "--data", movies, "--item", "the matrix 1998", "--state", dir.path + "/state"])
        #expect(wrongYear.status != 0)
        #expect(wrongYear.standardError.contains("did you mean the-matrix-1999 (The Matrix (1999))?"), "\(wrongYear.standardError)")
        #expect(!wrongYear.standardError.contains("Usage:"), "\(wrongYear.standardError)")
        let more = try await CLIRunner.run(["recommend", "--data", movies, "--history", "heat with pacino", "--state", dir.path + "/state"])
        #expect(more.status != 0)
        #expect(more.standardError.contains("did you mean heat-1995"), "\(more.standardError)")
    }

    @Test func helpTeachesWithExamples() async throws {
        let result = try await CLIRunner.run(["eval", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("leave-last-out"))
        #expect(result.standardOutput.contains("Example"))
    }
}

@Suite("curator data fetch")
struct FetchCommandTests {
    @Test func fetchesFromAMirrorAndTellsWhereTheDataIs() async throws {
        let dir = TemporaryDirectory()
        dir.write("src/ml-100k/u.data", MovieLensFixtures.u100KData)
        let zipURL = URL(fileURLWithPath: dir.path + "/ml-100k.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: dir.path + "/src/ml-100k"), to: zipURL)
        let body = try Data(contentsOf: zipURL)
        let server = try LocalHTTPServer { request in
            request.path == "/ml-100k.zip" ? ScriptedResponse(body: body) : .text("not found", status: 404)
        }
        let cache = dir.path + "/cache"
        let mismatch = try await CLIRunner.run(["data", "fetch", "ml-100k", "--url", server.url("/ml-100k.zip").absoluteString, "--cache", cache])
        #expect(mismatch.status != 0)
        #expect(mismatch.standardError.contains("does not match its published checksum"))
        let md5 = try await CLIRunner.run(["data", "fetch", "ml-100k", "--url", server.url("/ml-100k.zip").absoluteString, "--md5", MD5.hex(of: body), "--cache", cache])
        #expect(md5.status == 0, "\(md5.standardError)")
        #expect(md5.standardOutput.contains("unpacked into \(cache)/datasets/ml-100k"))
        let info = try await CLIRunner.run(["data", "info", "--data", cache + "/datasets/ml-100k", "--json"])
        #expect(info.status == 0)
        let missing = try await CLIRunner.run(["data", "fetch", "ml-100k", "--url", server.url("/nothing.zip").absoluteString, "--cache", dir.path + "/other"])
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("404"))
    }
}
