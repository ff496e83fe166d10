import CuratorChat
import CuratorConversationEval
import CuratorCore
import CuratorEval
import CuratorRecall
import CuratorTestSupport
import Foundation
import Testing

/// Mention linking measured the benchmark's way on a MovieLens-latest catalog of a few hundred
/// titles (`LatestCatalogFixture`): simulated users name films from their histories as people
/// type them, and the chat's reading is graded against the films they named. The issue's
/// targets: precision ≥ 0.98, recall ≥ 0.95, feeling accuracy ≥ 0.95.
@Suite("Linking on a MovieLens-latest catalog")
struct LatestFormatLinkingTests {
    @Test func theSimulatorsMentionsAreLinked() async throws {
        let directory = TemporaryDirectory()
        let dataset = try LatestFormatFixture.load(in: directory, LatestCatalogFixture.movies, viewers: 800)
        #expect(dataset.catalog.count == LatestCatalogFixture.movies.count)
        var configuration = ConversationBenchmark.Configuration()
        configuration.users = 800
        configuration.examples = 40
        let benchmark = ConversationBenchmark(dataset: dataset, configuration: configuration)
        let data = benchmark.trainingData()
        let recall = try ItemKNNModel.fit(data, parameters: ModelParameters(["neighbors": "10"]))
        let popularity = try PopularityModel.fit(data, parameters: ModelParameters())
        let engine = ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: recall, popularity: popularity))
        let report = await benchmark.run([ChatConversation(name: "chat", conversation: Conversation(engine: engine))], recall: recall, modelName: "itemknn")
        let u = try #require(report.understanding.first)
        let precision = try #require(u.linkingPrecision), recall_ = try #require(u.linkingRecall), feeling = try #require(u.feelingAccuracy)
        print(String(format: "ml-latest fixture (%d titles, %d users): %d films named, %d linked, %d right: precision %.3f recall %.3f feeling accuracy %.3f, asked back %d",
                     dataset.catalog.count, report.users, u.mentions, u.linked, u.correct, precision, recall_, feeling, u.ambiguous))
        for miss in report.misses { print("MISS \(miss.kind) typed \(miss.typed ?? "-") expected \(miss.expected ?? "-") linked \(miss.linked ?? "-") ← \(miss.turn)") }
        #expect(u.mentions >= 1_000, "enough films named to measure")
        #expect(precision >= 0.98)
        #expect(recall_ >= 0.95)
        #expect(feeling >= 0.95)
    }
}
