import CuratorCore
import CuratorRecall

/// Ranks items for many users in parallel and averages the metrics of their lists: the engine
/// shared by every protocol. A protocol supplies, per user, the context to score, the items
/// to exclude and the relevant items.
struct ListEvaluator {
    struct Case: Sendable {
        var context: UserContext
        /// Sorted item indices never to recommend (what the user already has).
        var excluded: [Int32]
        var relevant: Set<Int32>
    }

    let metrics: [MetricName]
    let itemCounts: [Int]

    /// Evaluates `model` on `cases`, returning averaged per-user metrics and list-level ones.
    func evaluate(_ model: any RecallModel, cases: [Case], progress: ProgressTracker?) -> [MetricName: Double] {
        evaluate(itemCount: model.itemCount, cases: cases, progress: progress) { model.score($0, into: $1) }
    }

    /// Evaluates any scoring function: it writes one score per item (higher is better).
    func evaluate(
        itemCount n: Int, cases: [Case], progress: ProgressTracker?,
        score: @escaping @Sendable (UserContext, UnsafeMutableBufferPointer<Float>) -> Void
    ) -> [MetricName: Double] {
        let depth = metrics.map(\.k).max() ?? 10
        let listMetrics = metrics.filter { $0.kind == .coverage || $0.kind == .popularityBias }
        let userMetrics = metrics.filter { !listMetrics.contains($0) }
        var perUser = [Double](repeating: 0, count: cases.count * userMetrics.count)
        var lists = [[Int32]](repeating: [], count: cases.count)
        perUser.withUnsafeMutableBufferPointer { perUserOut in
            lists.withUnsafeMutableBufferPointer { listsOut in
                let perUserOut = DisjointWrites(perUserOut), listsOut = DisjointWrites(listsOut)
                Parallel.forEachChunk(cases.count, minimumChunk: 16) { range, _ in
                    let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
                    defer { scores.deallocate() }
                    for index in range {
                        let c = cases[index]
                        scores.initialize(repeating: 0)
                        score(c.context, scores)
                        for item in c.excluded { scores[Int(item)] = -.infinity }
                        let ranked = TopK.select(depth, from: UnsafeBufferPointer(scores)).map(\.item)
                        for (m, metric) in userMetrics.enumerated() {
                            perUserOut[index * userMetrics.count + m] = Self.value(metric, ranked, c.relevant)
                        }
                        listsOut[index] = ranked
                    }
                    progress?.advance(by: range.count)
                }
            }
        }
        var result: [MetricName: Double] = [:]
        for (m, metric) in userMetrics.enumerated() {
            let sum = stride(from: m, to: perUser.count, by: userMetrics.count).reduce(0.0) { $0 + perUser[$1] }
            result[metric] = cases.isEmpty ? 0 : sum / Double(cases.count)
        }
        for metric in listMetrics {
            result[metric] = metric.kind == .coverage
                ? RankingMetrics.coverage(lists, itemCount: n, k: metric.k)
                : RankingMetrics.popularityBias(lists, itemCounts: itemCounts, k: metric.k)
        }
        return result
    }

    /// A per-user metric of one list (list-level ones, coverage and popularity bias, give 0).
    static func value(_ metric: MetricName, _ ranked: [Int32], _ relevant: Set<Int32>) -> Double {
        switch metric.kind {
        case .hitRate: return RankingMetrics.hitRate(ranked, relevant: relevant, k: metric.k)
        case .ndcg: return RankingMetrics.ndcg(ranked, relevant: relevant, k: metric.k)
        case .mrr: return RankingMetrics.reciprocalRank(ranked, relevant: relevant, k: metric.k)
        case .map: return RankingMetrics.averagePrecision(ranked, relevant: relevant, k: metric.k)
        case .precision: return RankingMetrics.precision(ranked, relevant: relevant, k: metric.k)
        case .recall: return RankingMetrics.recall(ranked, relevant: relevant, k: metric.k)
        case .coverage, .popularityBias: return 0
        }
    }
}
