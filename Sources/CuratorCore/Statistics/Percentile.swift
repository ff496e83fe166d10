/// Percentiles of measured values (latencies, lengths): one definition for every report.
public enum Percentile {
    /// The nearest-rank `q`-quantile (`q` in 0...1): the smallest value with at least a share
    /// `q` of the values at or below it. NaN for no values.
    /// - Parameters:
    ///   - values: the measurements, in any order.
    ///   - q: the quantile, 0.5 for the median, 0.95 for p95.
    public static func nearestRank(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((min(max(q, 0), 1) * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
