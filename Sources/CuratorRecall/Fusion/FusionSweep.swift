import CuratorCore
import Foundation

/// Fusion settings scored on held-out items from one fit of the members: what a default fusion
/// uses to choose its weights (`FusionSweep.chooseWeights`, on the last item of each training
/// history) and what `curator bench fusion` reports (on loo's validation and test targets).
///
/// Each member's top `depth` list is made once per case; every setting only re-fuses those
/// lists, so a grid of weights, RRF constants and methods costs one fit of the members. A
/// member alone is its one-hot setting, so its figures equal its own evaluation.
public struct FusionSweep: Sendable {
    /// One way to fuse the member lists.
    public struct Setting: Sendable, Hashable {
        public var method: CandidateFusion.Method
        public var weights: [Float]
        public var constant: Float
        /// Shown instead of the parameters (a member alone).
        public var name: String?

        public init(method: CandidateFusion.Method, weights: [Float], constant: Float, name: String? = nil) {
            self.method = method
            self.weights = weights
            self.constant = constant
            self.name = name
        }

        /// Each member alone (its one-hot weights), named "M alone".
        public static func alone(_ models: [String], method: CandidateFusion.Method = .rrf, constant: Float = 60) -> [Setting] {
            models.indices.map { m in
                Setting(method: method, weights: models.indices.map { $0 == m ? 1 : 0 }, constant: constant, name: "\(models[m]) alone")
            }
        }

        public var label: String {
            if let name { return name }
            let weights = self.weights.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: "+")
            return method == .rrf ? "rrf \(weights) c=\(Int(constant))" : "blend \(weights)"
        }
    }

    /// A setting's figures, averaged over the cases.
    public struct Figures: Sendable, Equatable {
        public var ndcg10 = 0.0
        public var hitRate10 = 0.0
        public var recall20 = 0.0
        public var recall50 = 0.0

        public init() {}

        /// What a choice maximises: the first page, and what a reranker of the top 20 works with.
        public var objective: Double { ndcg10 + recall20 }

        /// The figures of one ranked list (binary relevance; NDCG over the ideal).
        init(ranked: [Int32], relevant: Set<Int32>) {
            guard !relevant.isEmpty else { return }
            func hits(_ k: Int) -> Double { Double(ranked.prefix(k).count(where: relevant.contains)) }
            ndcg10 = RankingMetrics.ndcg(ranked, relevant: relevant, k: 10)
            hitRate10 = hits(10) > 0 ? 1 : 0
            recall20 = hits(20) / Double(relevant.count)
            recall50 = hits(50) / Double(relevant.count)
        }

        static func mean(_ all: [Figures]) -> Figures {
            var mean = Figures()
            guard !all.isEmpty else { return mean }
            let n = Double(all.count)
            mean.ndcg10 = all.reduce(0) { $0 + $1.ndcg10 } / n
            mean.hitRate10 = all.reduce(0) { $0 + $1.hitRate10 } / n
            mean.recall20 = all.reduce(0) { $0 + $1.recall20 } / n
            mean.recall50 = all.reduce(0) { $0 + $1.recall50 } / n
            return mean
        }
    }

    /// A held-out case: the history to recommend for, what no member may propose, what is relevant.
    public struct Case: Sendable {
        public var context: UserContext
        public var excluded: Set<Int32>
        public var relevant: Set<Int32>

        public init(context: UserContext, excluded: Set<Int32>, relevant: Set<Int32>) {
            self.context = context
            self.excluded = excluded
            self.relevant = relevant
        }
    }

    /// The members' names, in weight order.
    public let names: [String]
    /// Per case, each member's top list.
    let lists: [[[ScoredItem]]]
    let relevant: [Set<Int32>]

    /// Makes each member's top `depth` list for every case.
    /// - Parameters:
    ///   - members: the fitted members (their weights are not used).
    ///   - task: the progress line's name.
    public init(members: [CandidateFusion.Member], depth: Int, cases: [Case], task: String, progress: any ProgressReporter) {
        let fusion = CandidateFusion(members: members, depth: depth)
        var lists = [[[ScoredItem]]](repeating: [], count: cases.count)
        let tracker = ProgressTracker(task: task, total: cases.count, reporter: progress)
        lists.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out)
            Parallel.forEachChunk(cases.count, minimumChunk: 16) { range, _ in
                for index in range { out[index] = fusion.memberLists(for: cases[index].context, excluding: cases[index].excluded) }
                tracker.advance(by: range.count)
            }
        }
        tracker.finish()
        self.names = members.map(\.name)
        self.lists = lists
        self.relevant = cases.map(\.relevant)
    }

    /// Each setting's figures over the cases.
    /// - Parameter progress: advanced by one per setting.
    public func figures(_ settings: [Setting], progress: ProgressTracker? = nil) -> [Figures] {
        var result = [Figures](repeating: Figures(), count: settings.count)
        result.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out)
            Parallel.forEachChunk(settings.count) { range, _ in
                for s in range {
                    let setting = settings[s]
                    out[s] = Figures.mean(lists.indices.map { index in
                        let order = CandidateFusion.fuse(lists[index], names: names, weights: setting.weights,
                                                         method: setting.method, constant: setting.constant, count: 50).map(\.item)
                        return Figures(ranked: order, relevant: relevant[index])
                    })
                    progress?.advance()
                }
            }
        }
        return result
    }
}
