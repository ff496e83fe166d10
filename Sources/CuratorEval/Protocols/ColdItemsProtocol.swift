import CuratorCore
import CuratorRecall
import Foundation

/// The `cold-items` protocol: a seeded share of the items is removed from training entirely;
/// for every user who interacted with some of them, those cold items are ranked among all
/// cold items, by a scorer that sees only the user's warm history and the catalog (text,
/// genres) — as a new item with only a description would be.
public struct ColdItemsProtocol: Sendable {
    public static let name = "cold-items"
    public let datasetName: String
    public let catalog: [Item]
    /// Items held out of training, ascending.
    public let coldItems: [Int32]
    /// Training interactions: every interaction with a warm item.
    public let training: TrainingData
    /// Per user, the cold items they interacted with.
    public let targets: [Set<Int32>]
    public var metrics: [MetricName] = [
        .init(.hitRate, 10), .init(.ndcg, 10), .init(.mrr, 100), .init(.recall, 10), .init(.recall, 50),
    ]

    /// Holds out `fraction` of the items that have interactions, chosen with `seed`.
    public init(dataset: Dataset, fraction: Double = 0.1, seed: UInt64 = 42) {
        datasetName = dataset.name
        catalog = dataset.catalog
        var rng = SeededGenerator(seed: seed)
        let counts = dataset.itemInteractionCounts()
        var candidates = (0..<dataset.itemCount).filter { counts[$0] > 0 }.map(Int32.init)
        candidates.shuffle(using: &rng)
        let cold = Set(candidates.prefix(Int((Double(candidates.count) * fraction).rounded())))
        coldItems = cold.sorted()
        let log = dataset.interactions
        var targets = [Set<Int32>](repeating: [], count: dataset.userCount)
        for e in 0..<log.count where cold.contains(log.items[e]) { targets[Int(log.users[e])].insert(log.items[e]) }
        self.targets = targets
        let warm = log.filter { !cold.contains(log.items[$0]) }
        training = TrainingData(sequences: UserSequences(warm, userCount: dataset.userCount), itemCount: dataset.itemCount)
    }

    /// Users with at least one cold item and one warm item.
    public var evaluatedUsers: [Int] {
        targets.indices.filter { !targets[$0].isEmpty && !training.sequences.sequence(of: $0).isEmpty }
    }

    /// Ranks cold items with `scorer` and reports the metrics over evaluated users.
    public func run(_ scorer: any ColdItemScorer, progress: any ProgressReporter = SilentProgress()) -> EvaluationReport {
        let warmItems = Set(0..<Int32(catalog.count)).subtracting(coldItems).sorted()
        let cases = evaluatedUsers.map { user in
            ListEvaluator.Case(
                context: UserContext(user: Int32(user), history: Array(training.sequences.sequence(of: user))),
                excluded: warmItems, relevant: targets[user])
        }
        let clock = ContinuousClock()
        var figures: [MetricName: Double] = [:]
        let prepared = scorer.prepared(for: self)
        let time = clock.measure {
            let tracker = ProgressTracker(task: "\(scorer.name): ranking cold items", total: cases.count, reporter: progress)
            figures = ListEvaluator(metrics: metrics, itemCounts: training.itemCounts())
                .evaluate(itemCount: catalog.count, cases: cases, progress: tracker) { prepared.score($0, into: $1) }
            tracker.finish()
        }
        return EvaluationReport(
            dataset: datasetName, protocolName: Self.name, model: scorer.name, parameters: [:], validation: nil,
            test: PhaseResult(phase: "test", users: cases.count, metrics: figures, fitSeconds: 0, evaluationSeconds: time.seconds))
    }
}

/// Scores items for a user from what is known without interactions on them.
public protocol ColdItemScorer: Sendable {
    var name: String { get }
    /// Learns what it needs from the warm training data and the catalog.
    func prepared(for evaluation: ColdItemsProtocol) -> any PreparedColdScorer
}

public protocol PreparedColdScorer: Sendable {
    /// Writes a score per item; only cold items' scores are used.
    func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>)
}
