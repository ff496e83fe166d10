import CuratorCore
import CuratorTestSupport
import Foundation
import Testing

@Suite("Generic import")
struct GenericImportTests {
    @Test func csvWithColumnMappingAndItems() throws {
        let dir = TemporaryDirectory()
        let interactions = dir.write("clicks.csv", "ts,uid,sku,stars\n100,alice,b-2,4\n90,alice,a-1,5\n120,bob,a-1,3\n")
        let items = dir.write("items.csv", "id,title,year,genres,description\na-1,\"Apples, Green\",2001,Food|Fruit,crisp\nb-2,Bread,,Food,\n")
        let mapping = try InteractionColumnMapping(parsing: "user=uid,item=sku,timestamp=ts,value=stars")
        let (d, report) = try DatasetLoader.importFiles(interactions: interactions, mapping: mapping, items: items, name: "shop")
        #expect(report.skippedLines == 0)
        #expect(d.users.externalIDs == ["alice", "bob"])
        #expect(d.items.externalIDs == ["a-1", "b-2"])
        #expect(d.catalog[0] == Item(id: "a-1", title: "Apples, Green", year: 2001, genres: ["Food", "Fruit"], text: "crisp"))
        #expect(d.catalog[1].year == nil)
        #expect(d.interactions.timestamps == [100, 90, 120])
        #expect(d.interactions.values == [4, 5, 3])
    }

    @Test func tsvWithoutTimestampUsesLineOrder() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("plays.tsv", "user\titem\nu1\tx\nu1\ty\n")
        let (d, _) = try DatasetLoader.importFiles(interactions: path, name: "plays")
        #expect(d.interactions.timestamps == [0, 1])
        #expect(d.interactions.values == [1, 1])
    }

    @Test func jsonLinesWithNumbersOrStrings() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("events.jsonl", """
            {"user": 7, "item": "x", "timestamp": 5, "value": 2.5}
            {"user": "8", "item": "y", "timestamp": "6"}

            """)
        let items = dir.write("items.jsonl", #"{"id": "x", "title": "Ex", "tags": ["t"]}"# + "\n")
        let (d, _) = try DatasetLoader.importFiles(interactions: path, items: items, name: "events")
        #expect(d.users.externalIDs == ["7", "8"])
        #expect(d.interactions.values == [2.5, 1])
        #expect(d.catalog[0].tags == ["t"])
        #expect(d.catalog[1] == Item.placeholder(id: "y"), "an item without a catalog entry gets a placeholder")
    }

    @Test func writtenFolderReadsBackTheSameDataset() throws {
        let dir = TemporaryDirectory()
        let original = DatasetFixtures.dataset([("u1", "a", 3), ("u1", "b", 4), ("u2", "a", 5)])
        try DatasetWriter.write(original, to: dir.path + "/copy")
        let loaded = try DatasetLoader.load(path: dir.path + "/copy")
        #expect(loaded.format == .curator)
        #expect(loaded.dataset.interactions == original.interactions)
        #expect(loaded.dataset.catalog == original.catalog)
        #expect(loaded.dataset.fingerprint == original.fingerprint)
    }

    @Test func badColumnMappingIsRefused() {
        #expect(throws: DataError.Kind.self) { try InteractionColumnMapping(parsing: "person=uid") }
        #expect(throws: DataError.Kind.self) { try InteractionColumnMapping(parsing: "user") }
    }
}

@Suite("Identifiers")
struct IdentifierTests {
    @Test func naturalOrderIsNumericOnlyForCanonicalNumbers() {
        #expect(IDMap.naturalOrder(["10", "9", "100"]) == ["9", "10", "100"])
        #expect(IDMap.naturalOrder(["10", "007", "9"]) == ["007", "10", "9"], "a zero-padded id makes the order textual")
        #expect(IDMap.naturalOrder(["b", "a", "a"]) == ["a", "b"])
    }

    @Test func idsSpelledAlikeAsBytesOrTextGetOneKey() throws {
        let dir = TemporaryDirectory()
        // "007" and "7" are different ids; "ü" ids go through the byte table.
        let path = dir.write("ids.csv", "user,item\n007,ü\n7,ü\n007,x\n")
        let (d, _) = try DatasetLoader.importFiles(interactions: path, name: "ids")
        #expect(d.users.externalIDs == ["007", "7"])
        #expect(d.items.externalIDs == ["x", "ü"])
        #expect(d.interactions.users == [0, 1, 0])
        #expect(d.interactions.items == [1, 1, 0])
    }

    @Test(arguments: [1, 2] as [UInt64])
    func manyTextualIdsSurviveTableGrowth(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let ids = (0..<5000).map { _ in "id-\(rng.next() % 3000)" }
        var text = "user,item\n"
        for id in ids { text += "\(id),x\n" }
        let dir = TemporaryDirectory()
        let (d, _) = try DatasetLoader.importFiles(interactions: dir.write("many.csv", text), name: "many")
        #expect(d.users.externalIDs == Array(Set(ids)).sorted())
        let decoded = d.interactions.users.map { d.users.id(at: $0) }
        #expect(decoded == ids)
    }
}
