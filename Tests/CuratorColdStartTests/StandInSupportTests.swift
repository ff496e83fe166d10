@testable import CuratorColdStart
import CuratorCore
import CuratorRecall
import CuratorTestSupport
import Testing

/// An onboarded item in a history stands in as its nearest warm items, each as much as its
/// interactions say of it: a film seen once that is nearest in text no longer fills the list
/// with whatever its one viewer also saw (a stranger's "Nebula Run" had listed Shopping, Homage…
/// through a one-rating "Nemesis 2: Nebula").
@Suite struct StandInSupportTests {
    @Test func aRarelySeenNeighbourStandsInForLittle() async throws {
        // Twenty horror fans see the horror films, twenty comedy fans the comedies; one comedy
        // fan also saw "Nebula Horror", a film whose words are nearest the new item's.
        var events: [(user: String, item: String, time: Int64)] = []
        for user in 0..<20 { for film in 0..<8 { events.append(("h\(user)", "horror\(film)", Int64(film))) } }
        for user in 0..<20 { for film in 0..<8 { events.append(("c\(user)", "comedy\(film)", Int64(film))) } }
        events.append(("c0", "nebula", 9))
        var dataset = DatasetFixtures.dataset(events)
        dataset.catalog = dataset.catalog.map { item in
            var item = item
            item.title = item.id == "nebula" ? "A space horror" : item.id.hasPrefix("horror") ? "A horror night" : "A comedy night"
            item.genres = [item.id.hasPrefix("comedy") ? "Comedy" : "Horror"]
            return item
        }
        let counts = dataset.itemInteractionCounts()
        let record = OnboardedItemStore.Record(item: Item(id: "nebula-run", title: "A space horror run", genres: []), embedder: "keywords",
                                               embedding: try await KeywordEmbedder().embed(["A space horror run"]))
        let catalog = try OnboardedCatalog(
            dataset: dataset, catalogEmbeddings: try await ItemEmbeddings.compute(dataset.catalog.map(ItemText.text(for:)), with: KeywordEmbedder()),
            records: [record], itemCounts: counts)
        let model = try RecallModelRegistry.fit(kind: "itemknn", parameters: ModelParameters(), data: TrainingData(dataset: dataset), progress: SilentProgress())
        let scorer = OnboardedScorer(model: model, catalog: catalog, itemCounts: counts)
        let onboarded = Int32(dataset.itemCount)
        let nebula = try #require(dataset.items.index(of: "nebula"))
        let standIns = scorer.standIns(for: onboarded)
        #expect(standIns.first?.item == nebula, "the text's nearest: \(standIns)")
        #expect(standIns.first.map { $0.weight < 0.2 } == true, "one interaction: a small weight \(standIns)")

        var scores = [Float](repeating: 0, count: catalog.count)
        scores.withUnsafeMutableBufferPointer { scorer.score(UserContext(history: [onboarded]), into: $0) }
        let best = scores.withUnsafeBufferPointer { TopK.select(5, from: $0, excluded: { $0 == onboarded || $0 == nebula }) }
        let genres = best.map { catalog.items[Int($0.item)].genres.first ?? "" }
        #expect(genres.filter { $0 == "Horror" }.count >= 4, "the horror films its text is close to lead: \(genres)")
    }
}
