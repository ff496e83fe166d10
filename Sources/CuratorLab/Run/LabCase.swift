import CuratorCore
import CuratorEval
import CuratorLLMStage
import CuratorRecall

/// One evaluated user: history, recall candidates (best first) and the held-out item(s).
public struct LabCase: Sendable {
    /// The dense user index (the key of the journal).
    public var user: Int
    public var history: [Int32]
    public var recall: [ScoredItem]
    /// The held-out items: one under `loo`, the user's cold items under `cold-items`.
    public var relevant: Set<Int32>
    /// The validation phase of the same user (`loo` only): history without the validation
    /// item, candidates from a model fitted on training only, the validation item as target.
    /// Calibration chooses on it; the test phase above is for reporting.
    public var validation: Phase?
    /// The anchor of each candidate by the recall signal (`AnchorSelector`), where it gives one.
    public var anchors: [Int32: Int32] = [:]

    /// One phase of a user's evaluation.
    public struct Phase: Sendable {
        public var history: [Int32]
        public var recall: [ScoredItem]
        public var relevant: Set<Int32>

        public init(history: [Int32], recall: [ScoredItem], relevant: Set<Int32>) {
            self.history = history
            self.recall = recall
            self.relevant = relevant
        }
    }

    public init(user: Int, history: [Int32], recall: [ScoredItem], relevant: Set<Int32>) {
        self.user = user
        self.history = history
        self.recall = recall
        self.relevant = relevant
    }

    /// A `loo` case: one held-out item.
    public init(user: Int, history: [Int32], recall: [ScoredItem], target: Int32) {
        self.init(user: user, history: history, recall: recall, relevant: [target])
    }

    /// The protocols the lab samples users from.
    public static let protocols = ["loo", ColdItemsProtocol.name]

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
        let validationTraining = protocolRun.trainingData(for: .validation)
        let validationModel = try RecallModelRegistry.fit(kind: model, parameters: ModelParameters(), data: validationTraining, progress: progress)
        var generator = SeededGenerator(seed: seed)
        let sample = only ?? Array(protocolRun.split.evaluatedUsers.shuffled(using: &generator).prefix(users))
        return sample.compactMap { user in
            let history = Array(training.sequences.sequence(of: user))
            guard !history.isEmpty else { return nil }
            let recall = recommender.recommend(UserContext(user: Int32(user), history: history), count: candidates, excluding: Set(history))
            var labCase = LabCase(user: user, history: history, recall: recall, target: protocolRun.split.test[user])
            let earlier = Array(validationTraining.sequences.sequence(of: user))
            if !earlier.isEmpty {
                let recallBefore = validationModel.recommend(UserContext(user: Int32(user), history: earlier), count: candidates, excluding: Set(earlier))
                labCase.validation = Phase(history: earlier, recall: recallBefore, relevant: [protocolRun.split.validation[user]])
            }
            let items = recall.map(\.item)
            for (item, anchor) in zip(items, AnchorSelector(model: recommender).signalAnchors(history: history, candidates: items)) {
                if let anchor { labCase.anchors[item] = anchor }
            }
            return labCase
        }
    }

    /// A seeded sample of the `cold-items` users (items held out of training entirely, as
    /// `curator eval --protocol cold-items` holds them out): the candidates are the held-out
    /// items ranked by `scorer` from the user's warm history and the catalog only; the relevant
    /// items are the held-out ones the user had. This asks whether the LLM, reading titles,
    /// genres and text, ranks items no interaction data knows better than the text baseline.
    /// - Parameters:
    ///   - scorer: the first ranking of the cold items (`user-genres`, ...).
    ///   - coldFraction: the share of items held out.
    public static func coldItems(
        dataset: Dataset, users: Int, seed: UInt64, scorer: any ColdItemScorer, candidates: Int, coldFraction: Double = 0.1
    ) -> [LabCase] {
        let evaluation = ColdItemsProtocol(dataset: dataset, fraction: coldFraction)
        let prepared = scorer.prepared(for: evaluation)
        var generator = SeededGenerator(seed: seed)
        let sample = evaluation.evaluatedUsers.shuffled(using: &generator).prefix(users)
        var scores = [Float](repeating: 0, count: dataset.itemCount)
        return sample.map { user in
            let history = Array(evaluation.training.sequences.sequence(of: user))
            scores.withUnsafeMutableBufferPointer { prepared.score(UserContext(user: Int32(user), history: history), into: $0) }
            let ranked = TopK.best(candidates, of: evaluation.coldItems.map { ScoredItem(item: $0, score: scores[Int($0)]) })
            return LabCase(user: user, history: history, recall: ranked, relevant: evaluation.targets[user])
        }
    }
}
