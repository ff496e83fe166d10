import CuratorCore
import CuratorLLMStage

/// A paired bootstrap confidence interval of a mean difference (system − baseline, per user).
///
/// Users are resampled with replacement `resamples` times; the interval is the percentile
/// interval of the resampled means. Seeded: the same data and seed give the same interval.
public struct PairedBootstrap: Sendable {
    public var resamples: Int
    /// The coverage, e.g. 0.95.
    public var confidence: Double
    public var seed: UInt64

    public init(resamples: Int = 2000, confidence: Double = 0.95, seed: UInt64 = 42) {
        self.resamples = resamples
        self.confidence = confidence
        self.seed = seed
    }

    /// A mean and its interval (the calibration record keeps them in the same shape).
    public typealias Interval = CalibrationRecord.Interval

    /// The interval of the mean of `system[i] - baseline[i]`.
    /// - Precondition: the arrays are paired (same length).
    public func interval(system: [Double], baseline: [Double]) -> Interval {
        precondition(system.count == baseline.count, "paired samples")
        return interval(differences: zip(system, baseline).map { $0 - $1 })
    }

    /// The interval of the mean of `differences`; all zero when there are none.
    public func interval(differences: [Double]) -> Interval {
        guard !differences.isEmpty else { return Interval(mean: 0, low: 0, high: 0) }
        let n = differences.count
        let mean = differences.reduce(0, +) / Double(n)
        var generator = SeededGenerator(seed: seed)
        var means = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n { sum += differences[Int(generator.next() % UInt64(n))] }
            means[r] = sum / Double(n)
        }
        means.sort()
        let tail = (1 - confidence) / 2
        return Interval(mean: mean, low: Percentile.interpolated(sorted: means, tail), high: Percentile.interpolated(sorted: means, 1 - tail))
    }
}
