import CuratorTestSupport
import Foundation
import Testing

/// What the commands say about a dataset they read, as a user meets it: items the catalog
/// lacks, no timestamps, a filter that leaves nothing, a state folder that cannot be used.
@Suite("curator reading a dataset")
struct DatasetReadingCLITests {
    /// A Curator folder of four users whose last interaction names `zzz`, which the catalog lacks.
    private func dataset(_ dir: TemporaryDirectory, timestamps: Bool = true) -> String {
        let rows = [("a", "i1"), ("a", "i2"), ("a", "i3"), ("b", "i1"), ("b", "i4"), ("c", "i2"), ("c", "i4"), ("c", "i5"), ("d", "i4"), ("d", "zzz")]
        let lines = rows.enumerated().map { timestamps ? "\($1.0),\($1.1),\(100 + $0),5" : "\($1.0),\($1.1),5" }
        dir.write("data/interactions.csv", (timestamps ? "user,item,timestamp,value\n" : "user,item,value\n") + lines.joined(separator: "\n") + "\n")
        dir.write("data/items.jsonl", ["Alpha", "Bravo", "Charlie", "Delta", "Echo"].enumerated()
            .map { #"{"id":"i\#($0 + 1)","title":"\#($1)","year":\#(2001 + $0)}"# }.joined(separator: "\n") + "\n")
        return dir.path + "/data"
    }

    @Test func itemsTheCatalogLacksAreSaidOnceAndNeverListedAsATitle() async throws {
        let dir = TemporaryDirectory()
        let data = dataset(dir)
        let state = dir.path + "/state"
        let recommend = try await CLIRunner.run(["recommend", "--data", data, "--user", "a", "--model", "popularity", "--state", state])
        #expect(recommend.status == 0, "\(recommend.standardError)")
        #expect(recommend.standardOutput.contains("untitled item zzz"))
        #expect(!recommend.standardOutput.contains(". zzz"))
        let notes = recommend.standardError.split(separator: "\n").filter { $0.contains("lacks") }
        #expect(notes == ["note: \(data)/interactions.csv:11: 1 interaction names 1 item that \(data)/items.jsonl lacks (zzz); they are kept as untitled items: add them to the catalog to give them titles"])
        let info = try await CLIRunner.run(["data", "info", "--data", data, "--state", state])
        #expect(info.status == 0)
        #expect(info.standardOutput.contains("6 (5 with titles"))
        #expect(info.standardOutput.contains("not in catalog 1 interaction names 1 item that \(data)/items.jsonl lacks (zzz), first on line 11; kept untitled"))
    }

    @Test func dataInfoSaysThereAreNoTimestamps() async throws {
        let dir = TemporaryDirectory()
        let info = try await CLIRunner.run(["data", "info", "--data", dataset(dir, timestamps: false), "--state", dir.path + "/state"])
        #expect(info.status == 0, "\(info.standardError)")
        #expect(info.standardOutput.contains("time span      no timestamps (file order stands for time)"))
        #expect(info.standardError.contains("no timestamp column: the file's order stands for time"))
    }

    @Test func aFilterThatLeavesNothingFailsBeforeAnyWork() async throws {
        let dir = TemporaryDirectory()
        let data = dataset(dir)
        for command in [["eval", "--model", "popularity"], ["data", "info"], ["recommend", "--user", "a"]] {
            let result = try await CLIRunner.run(command + ["--data", data, "--min-user", "1000", "--state", dir.path + "/state"])
            #expect(result.status != 0, "\(command)")
            #expect(result.standardError.contains("the filter --min-user 1000 leaves no users, items or interactions of data (4 users, 6 items, 10 interactions before it; the longest user history has 3): loosen it"), "\(command)")
            #expect(!result.standardError.contains("fitting"), "\(command)")
            #expect(result.standardOutput.isEmpty, "\(command): no table of zeros")
        }
        let similar = try await CLIRunner.run(["similar", "--data", data, "--item", "i3", "--min-item", "2", "--model", "itemknn", "--state", dir.path + "/state"])
        #expect(similar.status != 0)
        #expect(similar.standardError.contains("item 'i3' is in data, but the filter --min-item 2 removed it"))
        #expect(!similar.standardError.contains("fitting"), "said before fitting")
    }

    @Test func aStateFolderThatCannotBeUsedIsOneLineBeforeTheFit() async throws {
        let dir = TemporaryDirectory()
        let data = dataset(dir)
        let file = dir.write("afile", "not a folder")
        let result = try await CLIRunner.run(["recommend", "--data", data, "--user", "a", "--model", "popularity", "--state", file])
        #expect(result.status != 0)
        #expect(result.standardError.contains("cannot be made or written: \(file) is a file, not a folder; choose another with --state or CURATOR_STATE"))
        #expect(!result.standardError.contains("fitting"))
        #expect(!result.standardError.contains("NSCocoaErrorDomain"))
    }
}
