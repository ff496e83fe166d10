/// What a recall model is fitted on: ordered histories and the same data as a matrix.
public struct TrainingData: Sendable {
    public let userCount: Int
    public let itemCount: Int
    /// Each user's training items in time order.
    public let sequences: UserSequences
    /// Binary user × item matrix of `sequences`.
    public let userItems: CSRMatrix

    public init(sequences: UserSequences, itemCount: Int) {
        self.userCount = sequences.userCount
        self.itemCount = itemCount
        self.sequences = sequences
        self.userItems = sequences.matrix(itemCount: itemCount)
    }

    /// All of a dataset's interactions, for a model that serves recommendations.
    public init(dataset: Dataset) {
        self.init(sequences: UserSequences(dataset.interactions, userCount: dataset.userCount), itemCount: dataset.itemCount)
    }

    /// Interactions per item over the training data (how popularity is counted).
    public func itemCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: itemCount)
        for item in sequences.items { counts[Int(item)] += 1 }
        return counts
    }
}
