import CuratorColdStart
import CuratorCore
import CuratorTestSupport
import CuratorText
import Synchronization
import Testing

/// The chat's words start: the catalog embedded in the background, never waited for unless asked.
@Suite("A new user's words, the catalog embedded in the background")
struct NewUserWordsScorerTests {
    /// Holds the catalog's embeddings back until `release()`, as a slow first embedding would.
    final class Gate: Sendable {
        private let opened = Mutex(false)
        func release() { opened.withLock { $0 = true } }
        func wait() async throws {
            while !opened.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        }
    }

    @Test func beforeTheCatalogIsReadyATurnIsToldSoOrWaitsAndThenScoresByText() async throws {
        let dataset = genreLoyalDataset()
        let gate = Gate()
        let scorer = NewUserWordsScorer(embedder: KeywordEmbedder(), dataset: dataset) {
            try await gate.wait()
            return try await embeddings(of: dataset)
        }
        #expect(!scorer.isReady)
        await #expect(throws: NewUserWordsScorer.NotReady.self) { try await scorer.scores(for: "a western") }
        async let waited = scorer.scores(for: "a western", waiting: true)
        gate.release()
        let scores = try await waited
        #expect(scorer.isReady)
        let best = try #require(scores.indices.max { scores[$0] < scores[$1] })
        #expect(dataset.catalog[best].genres == ["Western"], "the words pick a western")
        #expect(try await scorer.scores(for: "a western") == scores, "once ready, no waiting")
    }

    @Test func stoppingEndsTheBackgroundWorkAndLeavesNothingReady() async throws {
        let dataset = genreLoyalDataset()
        let scorer = NewUserWordsScorer(embedder: KeywordEmbedder(), dataset: dataset) {
            try await Gate().wait()  // never opened: only cancellation ends it
            return try await embeddings(of: dataset)
        }
        await scorer.stop()
        #expect(!scorer.isReady)
        await #expect(throws: CancellationError.self) { try await scorer.prepared() }
    }

    @Test func embeddingInChunksGivesTheSameVectorsAsAtOnce() async throws {
        let texts = genreLoyalDataset().catalog.map(ItemText.text(for:))
        let whole = try await ItemEmbeddings.compute(texts, with: KeywordEmbedder(), chunk: texts.count)
        let chunked = try await ItemEmbeddings.compute(texts, with: KeywordEmbedder(), chunk: 7)
        #expect(whole == chunked)
        #expect(whole.count == texts.count)
    }
}
