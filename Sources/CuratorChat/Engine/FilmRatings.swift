import CuratorCore

/// How the people in a dataset rated each film, when its interactions are ratings (MovieLens'
/// 1 to 5 stars): what a question about a film ("is titanic any good?") is answered with.
/// Interactions that are no ratings (all 1: watched, bought) give none; the count watched then
/// comes from popularity.
public struct FilmRatings: Sendable {
    /// The highest rating given in the data (5 for stars out of 5).
    public let scale: Float
    /// Ratings per item, their sum, and how many were in the top two steps (4 or 5 of 5).
    let counts: [Int]
    let sums: [Float]
    let high: [Int]

    /// Nil when the interactions carry no ratings (every value the same, or beyond ten).
    public init?(_ dataset: Dataset) {
        let values = dataset.interactions.values
        // A scale of at least three steps: 0/1 clicks or a few play counts are no stars.
        guard let top = values.max(), let bottom = values.min(), top > bottom, top <= 10, bottom >= 0, top >= 3,
              Set(values.prefix(10_000)).count >= 3 else { return nil }
        scale = top.rounded()
        var counts = [Int](repeating: 0, count: dataset.itemCount), sums = [Float](repeating: 0, count: dataset.itemCount)
        var high = [Int](repeating: 0, count: dataset.itemCount)
        for (item, value) in zip(dataset.interactions.items, values) {
            counts[Int(item)] += 1
            sums[Int(item)] += value
            if value >= scale - 1 { high[Int(item)] += 1 }
        }
        (self.counts, self.sums, self.high) = (counts, sums, high)
    }

    init(scale: Float, counts: [Int], sums: [Float], high: [Int]) {
        (self.scale, self.counts, self.sums, self.high) = (scale, counts, sums, high)
    }

    /// How many rated the item, their mean rating, and the share that gave it the top two steps.
    public func of(_ item: Int32) -> (count: Int, mean: Float, highShare: Float)? {
        let index = Int(item)
        guard counts.indices.contains(index), counts[index] > 0 else { return nil }
        return (counts[index], sums[index] / Float(counts[index]), Float(high[index]) / Float(counts[index]))
    }
}
