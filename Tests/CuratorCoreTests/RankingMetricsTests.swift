import CuratorCore
import Foundation
import Testing

/// Every metric against values computed by hand.
@Suite("Ranking metrics")
struct RankingMetricsTests {
    // Ranked list 5, 3, 8, 1, 9; relevant {3, 9, 42}: hits at ranks 2 and 5.
    let ranked: [Int32] = [5, 3, 8, 1, 9]
    let relevant: Set<Int32> = [3, 9, 42]

    @Test func hitRate() {
        #expect(RankingMetrics.hitRate(ranked, relevant: relevant, k: 1) == 0)
        #expect(RankingMetrics.hitRate(ranked, relevant: relevant, k: 2) == 1)
    }

    @Test func recallAndPrecision() {
        #expect(RankingMetrics.recall(ranked, relevant: relevant, k: 5) == 2.0 / 3)
        #expect(RankingMetrics.recall(ranked, relevant: relevant, k: 3) == 1.0 / 3)
        #expect(RankingMetrics.precision(ranked, relevant: relevant, k: 5) == 2.0 / 5)
        #expect(RankingMetrics.precision(ranked, relevant: relevant, k: 10) == 2.0 / 10)
    }

    @Test func ndcg() {
        // DCG = 1/log2(3) + 1/log2(6); IDCG (3 relevant) = 1 + 1/log2(3) + 1/2.
        let expected = (1 / log2(3.0) + 1 / log2(6.0)) / (1 + 1 / log2(3.0) + 0.5)
        #expect(abs(RankingMetrics.ndcg(ranked, relevant: relevant, k: 5) - expected) < 1e-12)
        // One relevant item at rank 1 is perfect; at rank 2 it is 1/log2(3).
        #expect(RankingMetrics.ndcg([7, 1], relevant: [7], k: 10) == 1)
        #expect(abs(RankingMetrics.ndcg([1, 7], relevant: [7], k: 10) - 1 / log2(3.0)) < 1e-12)
        #expect(RankingMetrics.ndcg([1, 7], relevant: [7], k: 1) == 0)
    }

    @Test func reciprocalRankAndAveragePrecision() {
        #expect(RankingMetrics.reciprocalRank(ranked, relevant: relevant, k: 5) == 0.5)
        #expect(RankingMetrics.reciprocalRank(ranked, relevant: relevant, k: 1) == 0)
        // AP@5 = (1/2 + 2/5) / min(5, 3).
        #expect(abs(RankingMetrics.averagePrecision(ranked, relevant: relevant, k: 5) - (0.5 + 0.4) / 3) < 1e-12)
    }

    @Test func coverageAndPopularityBias() {
        #expect(RankingMetrics.coverage([[0, 1], [1, 2]], itemCount: 8, k: 2) == 3.0 / 8)
        #expect(RankingMetrics.coverage([[0, 1], [1, 2]], itemCount: 8, k: 1) == 2.0 / 8)
        // Counts 10, 5, 5, 0: item 0 has 3 of 3 other items below it (1.0), items 1 and 2
        // have 1 of 3 (1/3), item 3 none.
        let counts = [10, 5, 5, 0]
        #expect(abs(RankingMetrics.popularityBias([[0], [1]], itemCounts: counts, k: 1) - (1 + 1.0 / 3) / 2) < 1e-12)
        #expect(RankingMetrics.popularityBias([[3]], itemCounts: counts, k: 1) == 0)
    }

    @Test func emptyInputs() {
        #expect(RankingMetrics.ndcg([], relevant: [1], k: 10) == 0)
        #expect(RankingMetrics.recall([1], relevant: [], k: 10) == 0)
        #expect(RankingMetrics.coverage([], itemCount: 0, k: 10) == 0)
    }
}
