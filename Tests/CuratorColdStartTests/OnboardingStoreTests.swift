import CuratorColdStart
import CuratorCore
import CuratorTestSupport
import Foundation
import Testing

@Suite struct OnboardingStoreTests {
    @Test func recordsSurviveARestartBitForBit() throws {
        let dir = TemporaryDirectory()
        let record = OnboardedItemStore.Record(
            item: Item(id: "new-1", title: "Space Horror", year: 2024, genres: ["Horror"], text: "Aliens, é"),
            embedder: "keywords", embedding: [0.1, -2.5e-8, .pi, 1])
        try OnboardedItemStore(datasetFolder: dir.path).upsert([record])
        let reopened = try OnboardedItemStore(datasetFolder: dir.path).load()
        #expect(reopened.count == 1)
        #expect(reopened[0].item == record.item)
        #expect(reopened[0].embedding.map(\.bitPattern) == record.embedding.map(\.bitPattern))
    }

    @Test func theSameIdUpdatesInPlace() throws {
        let dir = TemporaryDirectory()
        let store = OnboardedItemStore(datasetFolder: dir.path)
        func record(_ id: String, _ title: String) -> OnboardedItemStore.Record {
            .init(item: Item(id: id, title: title), embedder: "k", embedding: [1])
        }
        #expect(try store.upsert([record("a", "A"), record("b", "B")]) == (2, 0))
        #expect(try store.upsert([record("a", "A2"), record("c", "C")]) == (1, 1))
        #expect(try store.load().map(\.item.title) == ["A2", "B", "C"])
        #expect(try store.remove(ids: ["b"]) == 1)
        #expect(try store.load().map(\.item.id) == ["a", "c"])
    }

    @Test func aCorruptStoreIsAClearError() throws {
        let dir = TemporaryDirectory()
        dir.write("onboarded-items.json", "{\"version\":1,\"items\":[{\"item\":")
        #expect(throws: DataError.self) { try OnboardedItemStore(datasetFolder: dir.path).load() }
    }

    @Test func onboardingRefusesDatasetIdsAndWritesNothing() async throws {
        let dir = TemporaryDirectory()
        let store = OnboardedItemStore(datasetFolder: dir.path)
        let dataset = genreLoyalDataset()
        let error = await #expect(throws: DataError.self) {
            try await ItemOnboarding.add([Item(id: "new", title: "New"), Item(id: "m3", title: "Clash")], from: "new.csv", to: store, dataset: dataset,
                                         embedder: KeywordEmbedder())
        }
        #expect(error?.file == "new.csv", "the error points at the items given, not at the store")
        #expect(!FileManager.default.fileExists(atPath: store.path))
        let outcomes = try await ItemOnboarding.add([Item(id: "new", title: "Old"), Item(id: "new", title: "Newer")], from: "test", to: store, dataset: dataset, embedder: KeywordEmbedder())
        #expect(outcomes.map(\.item.title) == ["Newer"])
        #expect(try store.load().count == 1)
    }
}
