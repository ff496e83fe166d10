import CuratorCore
import CuratorEval
import CuratorRecall

/// One evaluated user: history, recall candidates (best first) and the held-out item.
public struct LabCase: Sendable {
    /// The dense user index (the key of the journal).
    public var user: Int
    public var history: [Int32]
    public var recall: [ScoredItem]
    public var target: Int32

    public init(user: Int, history: [Int32], recall: [ScoredItem], target: Int32) {
        self.user = user
        self.history = history
        self.recall = recall
        self.target = target
    }

    /// A seeded sample of the `loo` test users, with candidates from `model` fitted on
    /// training + validation (what the test phase of `curator eval` fits on).
    /// - Parameters:
    ///   - dataset: the data.
    ///   - users: how many users to sample (fewer when the protocol has fewer).
    ///   - seed: seeds the sample.
    ///   - model: the recall model's kind (`itemknn`, ...).
    ///   - candidates: how many candidates per user (the grid's largest candidate count).
    ///   - only: these dense user indices instead of a sample.
    /// - Throws: the model's fitting errors.
    public static func leaveLastOut(
        dataset: Dataset, users: Int, seed: UInt64, model: String, candidates: Int, only: [Int]? = nil,
        progress: any ProgressReporter = SilentProgress()
    ) throws -> [LabCase] {
        let protocolRun = LeaveLastOutProtocol(dataset: dataset)
        let training = protocolRun.trainingData(for: .test)
        let recommender = try RecallModelRegistry.fit(kind: model, parameters: ModelParameters(), data: training, progress: progress)
        var generator = SeededGenerator(seed: seed)
        let sample = only ?? Array(protocolRun.split.evaluatedUsers.shuffled(using: &generator).prefix(users))
        return sample.compactMap { user in
            let history = Array(training.sequences.sequence(of: user))
            guard !history.isEmpty else { return nil }
            let recall = recommender.recommend(UserContext(user: Int32(user), history: history), count: candidates, excluding: Set(history))
            return LabCase(user: user, history: history, recall: recall, target: protocolRun.split.test[user])
        }
    }
}
