import CuratorCore
import CuratorRecall

/// `FusionSweep` on the `loo` protocol: many fusion settings from one fit of the members per
/// phase (what `curator bench fusion` runs).
///
/// Fitting SASRec twice (validation, test) takes minutes, and `curator eval --model fusion`
/// does it for every setting. Here each member's top `depth` list is made once per user and
/// phase, and every setting only re-fuses those lists. Each member alone is reported from the
/// same lists (its one-hot weights), so the comparison is exact.
extension FusionSweep {
    /// A setting's figures on both phases.
    public struct Row: Sendable {
        public var setting: Setting
        public var validation: [MetricName: Double]
        public var test: [MetricName: Double]
    }

    /// NDCG@10, HR@10, Recall@20, Recall@50 (the candidate stage's figures).
    public static let metrics: [MetricName] = [.init(.ndcg, 10), .init(.hitRate, 10), .init(.recall, 20), .init(.recall, 50)]

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

    /// The name of the default fusion's row.
    public static let defaultRowName = "default (weights chosen per fit)"

    /// Fits the members on each phase's training data, makes their lists, and scores every
    /// setting plus each member alone (first rows).
    /// - Parameter withDefault: add a last row for the default fusion: on each phase, the
    ///   weights `chooseWeights` picks on that phase's own training data (as `curator eval
    ///   --model fusion` fits it), at the cost of one more fit of the members per phase.
    /// - Throws: the members' fitting errors.
    public static func compare(
        _ settings: [Setting], members: FusionModel.Configuration, on evaluation: LeaveLastOutProtocol,
        withDefault: Bool = false, progress: any ProgressReporter = SilentProgress()
    ) throws -> [Row] {
        var all = Setting.alone(members.models) + settings
        var figures: [LeaveLastOutProtocol.Phase: [[MetricName: Double]]] = [:]
        for phase in [LeaveLastOutProtocol.Phase.validation, .test] {
            var phaseSettings = all
            if withDefault {
                let choice = try chooseWeights(for: members, data: evaluation.trainingData(for: phase), progress: progress)
                phaseSettings.append(Setting(method: members.method, weights: choice.weights, constant: members.constant, name: defaultRowName))
            }
            let fitted = try FusionModel.fitMembers(members, data: evaluation.trainingData(for: phase), progress: progress)
            let cases = evaluation.cases(for: phase).map { Case(context: $0.context, excluded: Set($0.excluded), relevant: $0.relevant) }
            let sweep = FusionSweep(members: zip(members.models, fitted).map { .init(name: $0, model: $1) }, depth: members.depth,
                                    cases: cases, task: "fusion sweep: member lists (\(phase.rawValue))", progress: progress)
            figures[phase] = sweep.figures(phaseSettings).map {
                [metrics[0]: $0.ndcg10, metrics[1]: $0.hitRate10, metrics[2]: $0.recall20, metrics[3]: $0.recall50]
            }
        }
        if withDefault { all.append(Setting(method: members.method, weights: [], constant: members.constant, name: defaultRowName)) }
        return all.indices.map { Row(setting: all[$0], validation: figures[.validation]![$0], test: figures[.test]![$0]) }
    }
}
