import CuratorConversationEval
import CuratorCore
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
        let (report, _) = try await ConversationBenchmarkTests.run(on: dataset, configuration)
        let u = try #require(report.understanding.first)
        let precision = try #require(u.linkingPrecision), linkRecall = try #require(u.linkingRecall), feeling = try #require(u.feelingAccuracy)
        print(String(format: "ml-latest fixture (%d titles, %d users): %d films named, %d linked, %d right: precision %.3f recall %.3f feeling accuracy %.3f, asked back %d",
                     dataset.catalog.count, report.users, u.mentions, u.linked, u.correct, precision, linkRecall, feeling, u.ambiguous))
        for miss in report.misses { print("MISS \(miss.kind) typed \(miss.typed ?? "-") expected \(miss.expected ?? "-") linked \(miss.linked ?? "-") ← \(miss.turn)") }
        #expect(u.mentions >= 1_000, "enough films named to measure")
        #expect(precision >= 0.98)
        #expect(linkRecall >= 0.95)
        #expect(feeling >= 0.95)
    }
}
