import CuratorCore
import CuratorTestSupport
import Foundation
import Testing

/// What reading a dataset tells the user: items the catalog lacks, files without times, a
/// byte order mark, a year out of range, a filter that leaves nothing, a state folder that
/// cannot be written.
@Suite("Reading a dataset")
struct DatasetReadingTests {
    private let catalog = """
        {"id":"i1","title":"Alpha","year":2001}
        {"id":"i2","title":"Bravo","year":2002}
        {"id":"i3","title":"Charlie","year":2003}

        """

    /// A Curator folder with `interactions` and, when given, `items`.
    private func folder(_ dir: TemporaryDirectory, interactions: String, items: String? = nil) -> String {
        dir.write("data/interactions.csv", interactions)
        if let items { dir.write("data/items.jsonl", items) }
        return dir.path + "/data"
    }

    @Test func itemsTheCatalogLacksAreKeptUntitledAndSaidWithTheirLine() throws {
        let dir = TemporaryDirectory()
        let path = folder(dir, interactions: "user,item,timestamp,value\na,i1,1,5\nb,zzz,2,4\na,i2,3,5\nc,yyy,4,3\nc,zzz,5,3\n", items: catalog)
        let loaded = try DatasetLoader.load(path: path)
        let gap = try #require(loaded.report.catalogGap)
        #expect(gap.interactions == 3 && gap.items == 2)
        #expect(gap.examples == ["zzz", "yyy"], "in the order the interactions first name them")
        #expect(gap.firstLine == 3)
        #expect(gap.description.hasPrefix(path + "/interactions.csv:3: 3 interactions name 2 items that " + path + "/items.jsonl lacks (zzz, yyy)"))
        #expect(loaded.report.notices.count == 1 && !gap.description.contains("\n"))
        let d = loaded.dataset
        #expect(d.itemCount == 5 && d.interactions.count == 5, "nothing dropped")
        let zzz = d.catalog[Int(try #require(d.items.index(of: "zzz")))]
        #expect(!zzz.hasTitle)
        #expect(zzz.listedTitle == "untitled item zzz")
        #expect(d.catalog[Int(d.items.index(of: "i1")!)].listedTitle == "Alpha (2001)")
        #expect(DatasetSummary(d).itemsWithTitles == 3)
    }

    @Test func aCatalogThatHasEveryItemOrNoCatalogSaysNothing() throws {
        let dir = TemporaryDirectory()
        let whole = try DatasetLoader.load(path: folder(dir, interactions: "user,item,timestamp\na,i1,1\nb,i3,2\n", items: catalog))
        #expect(whole.report.notices.isEmpty)
        let source = dir.write("clicks.csv", "user,item,timestamp\na,x,1\n")
        let (_, report) = try DatasetLoader.importFiles(interactions: source, name: "clicks")
        #expect(report.catalogGap == nil)
    }

    @Test func importSaysWhichItemsItGaveNoTitle() throws {
        let dir = TemporaryDirectory()
        let source = dir.write("clicks.csv", "uid,sku\n1,A\n1,Z\n")
        let products = dir.write("products.csv", "id,title\nA,Apple\nB,Banana\n")
        let (dataset, report) = try DatasetLoader.importFiles(
            interactions: source, mapping: InteractionColumnMapping(parsing: "user=uid,item=sku"), items: products, name: "shop")
        let gap = try #require(report.catalogGap)
        #expect(gap.examples == ["Z"] && gap.firstLine == 3 && gap.catalogFile == products)
        #expect(dataset.catalog.filter { !$0.hasTitle }.map(\.id) == ["Z"])
    }

    /// Without a timestamp column, each user's latest interaction is their last line, whatever
    /// the ids' order: leave-last-out holds out the last line.
    @Test func withoutTimestampsFileOrderIsTimeAndItIsSaid() throws {
        let dir = TemporaryDirectory()
        let loaded = try DatasetLoader.load(path: folder(dir, interactions: "user,item,value\na,i3,5\na,i1,4\nb,i1,3\na,i2,5\n"))
        let untimed = try #require(loaded.report.untimedFile)
        #expect(untimed.hasSuffix("interactions.csv"))
        #expect(loaded.report.notices == ["\(untimed): no timestamp column: the file's order stands for time (each user's last line is their latest)"])
        let d = loaded.dataset
        let split = LeaveLastOutSplit(dataset: d)
        let a = Int(d.users.index(of: "a")!)
        #expect(split.test[a] == d.items.index(of: "i2"))
        #expect(split.validation[a] == d.items.index(of: "i1"))
        let summary = DatasetSummary(d, timestamped: false)
        #expect(summary.firstTimestamp == nil && summary.lastTimestamp == nil && !summary.timestamped)
        let other = TemporaryDirectory()
        let timed = try DatasetLoader.load(path: folder(other, interactions: "user,item,timestamp\na,i1,7\n"))
        #expect(timed.report.untimedFile == nil)
    }

    @Test func aByteOrderMarkAsExcelWritesItIsRead() throws {
        let dir = TemporaryDirectory()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        dir.write("data/interactions.csv", bytes: bom + Array("user,item,timestamp\na,i1,1\nb,i2,2\n".utf8))
        dir.write("data/items.jsonl", bytes: bom + Array(catalog.utf8))
        let d = try DatasetLoader.load(path: dir.path + "/data").dataset
        #expect(d.users.externalIDs == ["a", "b"] && d.itemCount == 3)
        let products = dir.write("products.csv", bytes: bom + Array("id,title\nA,Apple\n".utf8))
        #expect(try ItemFileReader.read(path: products).items.map(\.title) == ["Apple"])
    }

    /// One range and one wording for every catalog reader and for `items add`.
    @Test(arguments: ["items.jsonl", "items.csv"])
    func aYearOutOfRangeIsRefusedWithItsFieldAndLine(file: String) throws {
        let dir = TemporaryDirectory()
        let text = file.hasSuffix(".csv")
            ? "id,title,year\ni1,Alpha,2001\ni2,Bravo,20050\n"
            : "{\"id\":\"i1\",\"title\":\"Alpha\",\"year\":2001}\n{\"id\":\"i2\",\"title\":\"Bravo\",\"year\":20050}\n"
        let path = dir.write(file, text)
        let error = try #require(throws: DataError.self) { try ItemFileReader.read(path: path) }
        #expect(error.line == (file.hasSuffix(".csv") ? 3 : 2) && error.field == "year")
        #expect(error.description.hasSuffix(": field 'year' the year 20050 is not a release year (1800...2200)"))
        let skipped = try ItemFileReader.read(path: path, options: ReadOptions(skipBadLines: true))
        #expect(skipped.items.map(\.id) == ["i1"] && skipped.report.skippedLines == 1)
        #expect(throws: DataError.Kind.invalid("the year 3000 is not a release year (1800...2200)")) { try Item.checkYear(3000) }
        try Item.checkYear(1895)
        try Item.checkYear(nil)
    }

    @Test func aFilterThatLeavesNothingIsAnErrorNamingIt() throws {
        let dir = TemporaryDirectory()
        let path = folder(dir, interactions: "user,item,timestamp,value\na,i1,1,5\na,i2,2,4\na,i3,3,2\nb,i1,4,3\n", items: catalog)
        let error = try #require(throws: FilteredOut.self) {
            try DatasetLoader.load(path: path, filter: InteractionFilter(minUserInteractions: 1000))
        }
        #expect(error.description == "the filter --min-user 1000 leaves no users, items or interactions of data "
            + "(2 users, 3 items, 4 interactions before it; the longest user history has 3): loosen it")
        let byRating = try #require(throws: FilteredOut.self) {
            try DatasetLoader.load(path: path, filter: InteractionFilter(minItemInteractions: 3, minValue: 4.5))
        }
        #expect(byRating.description.contains("--min-item 3 --min-rating 4.5"))
        #expect(byRating.description.contains("the most interacted item has 2, the highest value is 5.0"))
        let kept = try DatasetLoader.load(path: path, filter: InteractionFilter(minUserInteractions: 2)).dataset
        #expect(kept.userCount == 1)
    }

    @Test func anIDTheFilterRemovedIsSaidToBeRemovedByIt() throws {
        let dir = TemporaryDirectory()
        let path = folder(dir, interactions: "user,item,timestamp\na,i1,1\na,i2,2\nb,i1,3\nb,i2,4\nc,i3,5\n", items: catalog)
        let d = try DatasetLoader.load(path: path, filter: InteractionFilter(minItemInteractions: 2)).dataset
        #expect(d.items.index(of: "i3") == nil)
        #expect(d.removedByFilter(item: "i3") == "item 'i3' is in data, but the filter --min-item 2 removed it; loosen it to use it")
        #expect(d.removedByFilter(user: "c") == "user 'c' is in data, but the filter --min-item 2 removed them; loosen it to use them")
        #expect(d.removedByFilter(item: "i1") == nil, "kept")
        #expect(d.removedByFilter(item: "nowhere") == nil, "never there")
        #expect(try DatasetLoader.load(path: path).dataset.removedByFilter(item: "nowhere") == nil)
    }

    @Test func aStateFolderThatCannotBeMadeSaysWhichPartAndWhy() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("afile", "not a folder")
        let underFile = try #require(throws: StateDirectory.NotWritable.self) { try StateDirectory.checkWritable(file + "/datasets/x") }
        #expect(underFile.reason == "\(file) is a file, not a folder")
        #expect(underFile.description.hasPrefix("the state folder \(file)/datasets/x cannot be made or written: "))
        #expect(!underFile.description.contains("\n"))
        try StateDirectory.checkWritable(dir.path + "/state/models")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/state/models"))
    }
}
