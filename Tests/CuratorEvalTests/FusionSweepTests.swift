import CuratorCore
import CuratorEval
import CuratorRecall
import CuratorTestSupport
import Testing

@Suite("FusionSweep: many fusion settings from one fit")
struct FusionSweepTests {
    static let dataset = DatasetFixtures.random(users: 60, items: 40, perUser: 12, seed: 11)

    @Test func aMemberAloneScoresAsItsOwnEvaluation() throws {
        let evaluation = LeaveLastOutProtocol(dataset: Self.dataset)
        let members = try FusionModel.Configuration(ModelParameters(parsing: "models=markov+itemknn"))
        let settings = [FusionSweep.Setting(method: .rrf, weights: [1, 1], constant: 60),
                        FusionSweep.Setting(method: .blend, weights: [1, 2], constant: 60)]
        let rows = try FusionSweep.compare(settings, members: members, on: evaluation)
        #expect(rows.map(\.setting.label) == ["markov alone", "itemknn alone", "rrf 1+1 c=60", "blend 1+2"])
        for (kind, row) in zip(["markov", "itemknn"], rows) {
            let own = try evaluation.run(kind: kind, parameters: ModelParameters())
            for metric in [MetricName(.ndcg, 10), MetricName(.hitRate, 10), MetricName(.recall, 20)] {
                #expect(abs(row.test[metric]! - own.test.metrics[metric]!) < 1e-12, "\(kind) \(metric) test")
                #expect(abs(row.validation[metric]! - own.validation!.metrics[metric]!) < 1e-12, "\(kind) \(metric) validation")
            }
        }
        #expect(rows.allSatisfy { row in FusionSweep.metrics.allSatisfy { (0...1).contains(row.test[$0]!) } })
    }

    @Test func seedsGoOnlyToMembersThatTakeOne() throws {
        let members = try FusionModel.Configuration(ModelParameters(parsing: "models=markov+bpr,bpr.factors=8"))
        let seeded = FusionSweep.seeded(members, seed: 7)
        #expect(seeded.models == ["markov", "bpr"])
        #expect(seeded.memberParameters[0].values["seed"] == nil)
        #expect(seeded.memberParameters[1].values == ["seed": "7", "factors": "8"])
        #expect(seeded.constant == members.constant && seeded.weights == members.weights, "only the seeds change")
    }

    @Test func theMeanAveragesEachSettingOverSweeps() throws {
        let evaluation = LeaveLastOutProtocol(dataset: Self.dataset)
        let settings = [FusionSweep.Setting(method: .rrf, weights: [1, 1], constant: 20)]
        let sweeps = try [1, 2].map { seed in
            let members = FusionSweep.seeded(
                try FusionModel.Configuration(ModelParameters(parsing: "models=markov+sasrec,sasrec.dim=8,sasrec.epochs=2")), seed: UInt64(seed))
            return try FusionSweep.compare(settings, members: members, on: evaluation)
        }
        let mean = FusionSweep.mean(of: sweeps)
        #expect(mean.map(\.setting.label) == ["markov alone", "sasrec alone", "rrf 1+1 c=20"])
        let ndcg = MetricName(.ndcg, 10)
        for index in mean.indices {
            #expect(abs(mean[index].test[ndcg]! - (sweeps[0][index].test[ndcg]! + sweeps[1][index].test[ndcg]!) / 2) < 1e-12)
            #expect(abs(mean[index].validation[ndcg]! - (sweeps[0][index].validation[ndcg]! + sweeps[1][index].validation[ndcg]!) / 2) < 1e-12)
        }
        #expect(sweeps[0][0].test == sweeps[1][0].test, "markov takes no seed: the same figures in both sweeps")
        #expect(sweeps[0][1].test != sweeps[1][1].test, "sasrec's two seeds fit two different models")
    }
}
