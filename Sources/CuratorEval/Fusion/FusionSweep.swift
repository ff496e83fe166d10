import CuratorCore
import CuratorRecall

/// Many fusion settings on the `loo` protocol from one fit of the members per phase.
///
/// Fitting SASRec twice (validation, test) takes most of an hour on 2 cores, and
/// `curator eval --model fusion` does it for every setting. Here each member's top `depth` list
/// is made once per user and phase, and every setting only re-fuses those lists, so a sweep
/// of weights, RRF constants and methods costs one fit per phase. Each member alone is
/// reported from the same lists (its one-hot weights), so the comparison is exact.
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

        public var label: String {
            if let name { return name }
            let weights = self.weights.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: "+")
            return method == .rrf ? "rrf \(weights) c=\(Int(constant))" : "blend \(weights)"
        }
    }

    /// A setting's figures on both phases.
    public struct Row: Sendable {
        public var setting: Setting
        public var validation: [MetricName: Double]
        public var test: [MetricName: Double]
    }

    /// One setting's figures averaged over several sweeps of the same settings (one per seed).
    /// - Precondition: every sweep lists the same settings in the same order.
    public static func mean(of sweeps: [[Row]]) -> [Row] {
        guard let first = sweeps.first else { return [] }
        precondition(sweeps.allSatisfy { $0.map(\.setting) == first.map(\.setting) }, "sweeps of different settings")
        func average(_ figures: [[MetricName: Double]]) -> [MetricName: Double] {
            figures[0].keys.reduce(into: [:]) { result, metric in
                result[metric] = figures.reduce(0) { $0 + $1[metric]! } / Double(figures.count)
            }
        }
        return first.indices.map { index in
            Row(setting: first[index].setting, validation: average(sweeps.map { $0[index].validation }),
                test: average(sweeps.map { $0[index].test }))
        }
    }

    /// `members` with `seed` given to every member that takes one (the others are deterministic).
    public static func seeded(_ members: FusionModel.Configuration, seed: UInt64) -> FusionModel.Configuration {
        var seeded = members
        for (m, kind) in members.models.enumerated() {
            var parameters = members.memberParameters[m]
            parameters.values["seed"] = String(seed)
            if (try? RecallModelRegistry.validate(kind: kind, parameters: parameters)) != nil {
                seeded.memberParameters[m] = parameters
            }
        }
        return seeded
    }

    /// NDCG@10, HR@10, Recall@20, Recall@50 (the candidate stage's figures).
    public static let metrics: [MetricName] = [.init(.ndcg, 10), .init(.hitRate, 10), .init(.recall, 20), .init(.recall, 50)]

    public let evaluation: LeaveLastOutProtocol
    public let members: FusionModel.Configuration

    public init(evaluation: LeaveLastOutProtocol, members: FusionModel.Configuration) {
        self.evaluation = evaluation
        self.members = members
    }

    /// Fits the members on each phase's training data, makes their lists, and scores every
    /// setting plus each member alone (first rows).
    /// - Throws: the members' fitting errors.
    public func run(_ settings: [Setting], progress: any ProgressReporter = SilentProgress()) throws -> [Row] {
        let alone = members.models.indices.map { m in
            Setting(method: .rrf, weights: members.models.indices.map { $0 == m ? 1 : 0 }, constant: 60, name: "\(members.models[m]) alone")
        }
        let all = alone + settings
        var figures: [LeaveLastOutProtocol.Phase: [[MetricName: Double]]] = [:]
        for phase in [LeaveLastOutProtocol.Phase.validation, .test] {
            let data = evaluation.trainingData(for: phase)
            let fitted = try FusionModel.fitMembers(members, data: data, progress: progress)
            let fusion = CandidateFusion(
                members: zip(members.models, fitted).map { .init(name: $0, model: $1) }, depth: members.depth)
            let cases = evaluation.cases(for: phase)
            var lists = [[[ScoredItem]]](repeating: [], count: cases.count)
            let tracker = ProgressTracker(task: "fusion sweep: member lists (\(phase.rawValue))", total: cases.count, reporter: progress)
            lists.withUnsafeMutableBufferPointer { out in
                let out = DisjointWrites(out)
                Parallel.forEachChunk(cases.count, minimumChunk: 16) { range, _ in
                    for index in range {
                        out[index] = fusion.memberLists(for: cases[index].context, excluding: Set(cases[index].excluded))
                    }
                    tracker.advance(by: range.count)
                }
            }
            tracker.finish()
            let count = Self.metrics.map(\.k).max()!
            figures[phase] = all.map { setting in
                var sums = [MetricName: Double]()
                for (index, memberLists) in lists.enumerated() {
                    let order = CandidateFusion.fuse(memberLists, names: members.models, weights: setting.weights,
                                                     method: setting.method, constant: setting.constant, count: count).map(\.item)
                    for metric in Self.metrics {
                        sums[metric, default: 0] += ListEvaluator.value(metric, order, cases[index].relevant)
                    }
                }
                return sums.mapValues { $0 / Double(max(1, cases.count)) }
            }
        }
        return all.indices.map { Row(setting: all[$0], validation: figures[.validation]![$0], test: figures[.test]![$0]) }
    }
}
