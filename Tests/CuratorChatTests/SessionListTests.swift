@testable import CuratorChat
import CuratorCore
import CuratorRecall
import Testing

/// What a list never shows, whatever ranks it first: a catalog entry that is no film
/// (MovieLens 100K's "unknown"), and the same film twice under two ids.
@Suite("a list's entries")
struct SessionListTests {
    @Test func noPlaceholderEntryAndNoFilmTwice() throws {
        let catalog = [
            Item(id: "267", title: "unknown", genres: ["unknown"]),
            Item(id: "573", title: "Body Snatchers", year: 1993, genres: ["Horror", "Sci-Fi"]),
            Item(id: "670", title: "Body Snatchers", year: 1993, genres: ["Horror", "Sci-Fi"]),
            Item(id: "1", title: "Heat", year: 1995, genres: ["Crime"]),
            Item(id: "2", title: "Alien", year: 1979, genres: ["Horror", "Sci-Fi"]),
            Item(id: "3", title: "Fargo", year: 1996, genres: ["Crime"]),
        ]
        var configuration = SyntheticDataset.Configuration()
        (configuration.users, configuration.interactions, configuration.seed) = (50, 600, 3)
        let dataset = SyntheticDataset.generate(configuration, catalog: catalog)
        let data = TrainingData(dataset: dataset)
        let recommender = SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: try ItemKNNModel.fit(data, parameters: ModelParameters()),
            popularity: try PopularityModel.fit(data, parameters: ModelParameters()))
        // The user's words put the placeholder first and the twin entries next.
        var scores = [Float](repeating: 0.1, count: dataset.catalog.count)
        for (id, score) in [("267", 1.0), ("573", 0.9), ("670", 0.85), ("2", 0.5)] as [(String, Float)] {
            scores[Int(try #require(dataset.items.index(of: id)))] = score
        }
        let listed = recommender.rank(ChatSession(), count: 3, startingScores: scores).map { dataset.catalog[Int($0.item)].id }
        #expect(listed.count == 3)
        #expect(!listed.contains("267"), "\(listed)")
        #expect(listed.filter { ["573", "670"].contains($0) }.count == 1, "\(listed)")
    }
}
