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
        let rows = try FusionSweep(evaluation: evaluation, members: members).run(settings)
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
}
