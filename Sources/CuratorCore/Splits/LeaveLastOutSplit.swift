/// The `loo` protocol's split: per user, in (timestamp, item) order, the last item is the test
/// target, the one before it the validation target, the rest training.
///
/// Users with fewer than three distinct items stay whole in training and are not evaluated.
/// Tuning uses `training` against `validation`; the reported test uses `trainingWithValidation`
/// against `test`, excluding both earlier parts from the ranking.
public struct LeaveLastOutSplit: Sendable {
    public let itemCount: Int
    public let training: UserSequences
    /// Training plus each evaluated user's validation item, appended in time order.
    public let trainingWithValidation: UserSequences
    /// Validation target per user, -1 for users not evaluated.
    public let validation: [Int32]
    /// Test target per user, -1 for users not evaluated.
    public let test: [Int32]

    public init(dataset: Dataset) {
        self.init(sequences: UserSequences(dataset.interactions, userCount: dataset.userCount), itemCount: dataset.itemCount)
    }

    public init(sequences all: UserSequences, itemCount: Int) {
        self.itemCount = itemCount
        var trainStarts = [0], trainItems: [Int32] = []
        var fullStarts = [0], fullItems: [Int32] = []
        var validation = [Int32](repeating: -1, count: all.userCount)
        var test = [Int32](repeating: -1, count: all.userCount)
        for user in 0..<all.userCount {
            let history = all.sequence(of: user)
            if history.count >= 3 {
                let cut = history.endIndex - 2
                trainItems.append(contentsOf: history[..<cut])
                fullItems.append(contentsOf: history[..<(cut + 1)])
                validation[user] = history[cut]
                test[user] = history[cut + 1]
            } else {
                trainItems.append(contentsOf: history)
                fullItems.append(contentsOf: history)
            }
            trainStarts.append(trainItems.count)
            fullStarts.append(fullItems.count)
        }
        self.training = UserSequences(starts: trainStarts, items: trainItems)
        self.trainingWithValidation = UserSequences(starts: fullStarts, items: fullItems)
        self.validation = validation
        self.test = test
    }

    /// Users with a validation and a test target.
    public var evaluatedUsers: [Int] { test.indices.filter { test[$0] >= 0 } }
}
