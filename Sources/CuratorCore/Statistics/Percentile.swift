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

    /// The `q`-quantile of sorted values interpolating linearly between order statistics
    /// (position `(n − 1) · q`, R's type 7); 0 for no values. For the ends of bootstrap
    /// intervals, where a smooth estimate matters; reported latencies use `nearestRank`.
    /// - Parameters:
    ///   - values: the values, sorted ascending.
    ///   - q: the quantile, in 0...1.
    public static func interpolated(sorted values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let position = Double(values.count - 1) * min(max(q, 0), 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, values.count - 1)
        return values[below] + (position - Double(below)) * (values[above] - values[below])
    }
}
