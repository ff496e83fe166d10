import CuratorCore
import Testing

/// The two percentile definitions: nearest rank for every reported figure, linear
/// interpolation for bootstrap interval ends.
@Suite("Percentiles")
struct PercentileTests {
    @Test func nearestRankIsTheSmallestValueWithTheShareAtOrBelowIt() {
        var generator = SeededGenerator(seed: 7)
        for count in [1, 2, 3, 10, 101] {
            let values = (0..<count).map { _ in Double(generator.next() % 1000) }
            let sorted = values.sorted()
            for q in [0.0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1] {
                // Oracle: scan for the first sorted value with at least q · n values at or below it.
                let expected = sorted.first { value in Double(sorted.count { $0 <= value }) >= q * Double(count) }!
                #expect(Percentile.nearestRank(values, q) == expected, "n \(count), q \(q)")
            }
        }
        #expect(Percentile.nearestRank([], 0.5).isNaN)
        #expect(Percentile.nearestRank([4, 1, 3, 2], 0.5) == 2)
    }

    @Test func interpolatedGoesLinearlyBetweenOrderStatistics() {
        // Position (n − 1) · p: 4 · 0.25 = 1 → the second value; 4 · 0.1 = 0.4 → 10 + 0.4 · (20 − 10).
        let values = [10.0, 20, 30, 40, 50]
        #expect(Percentile.interpolated(sorted: values, 0.25) == 20)
        #expect(abs(Percentile.interpolated(sorted: values, 0.1) - 14) < 1e-12)
        #expect(Percentile.interpolated(sorted: values, 0) == 10)
        #expect(Percentile.interpolated(sorted: values, 1) == 50)
        #expect(abs(Percentile.interpolated(sorted: values, 0.975) - 49) < 1e-12)
    }
}
