/// The figures `curator data info` shows: size, density, time span, history lengths.
public struct DatasetSummary: Sendable, Codable, Equatable {
    public var users: Int
    public var items: Int
    public var interactions: Int
    /// Interactions over users × items.
    public var density: Double
    public var firstTimestamp: Int64?
    public var lastTimestamp: Int64?
    /// Interactions per user at the 5th, 25th, 50th, 75th, 95th percentiles and the maximum.
    public var historyLengthPercentiles: [String: Int]
    /// Items with a title of their own (not just an id).
    public var itemsWithTitles: Int
    public var itemsWithText: Int
    /// Whether the interactions carry times; without, `firstTimestamp` and `lastTimestamp` are
    /// `nil` and file order stands for time.
    public var timestamped: Bool
    /// Interactions naming items the catalog lacks, when there are any.
    public var catalogGap: CatalogGap?

    /// - Parameters:
    ///   - timestamped: whether the files had times (`ReadReport.untimedFile` is `nil`).
    ///   - catalogGap: what `ReadReport.catalogGap` said.
    public init(_ dataset: Dataset, timestamped: Bool = true, catalogGap: CatalogGap? = nil) {
        self.timestamped = timestamped
        self.catalogGap = catalogGap
        users = dataset.userCount
        items = dataset.itemCount
        interactions = dataset.interactions.count
        density = users > 0 && items > 0 ? Double(interactions) / (Double(users) * Double(items)) : 0
        firstTimestamp = timestamped ? dataset.interactions.timestamps.min() : nil
        lastTimestamp = timestamped ? dataset.interactions.timestamps.max() : nil
        let lengths = dataset.userInteractionCounts().map(Double.init)
        var percentiles: [String: Int] = [:]
        if !lengths.isEmpty {
            for p in [5, 25, 50, 75, 95] {
                percentiles["p\(p)"] = Int(Percentile.nearestRank(lengths, Double(p) / 100))
            }
            percentiles["max"] = Int(lengths.max()!)
        }
        historyLengthPercentiles = percentiles
        itemsWithTitles = dataset.catalog.count(where: \.hasTitle)
        itemsWithText = dataset.catalog.count { !$0.text.isEmpty }
    }
}
