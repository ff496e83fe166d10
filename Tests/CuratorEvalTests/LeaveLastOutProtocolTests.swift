import CuratorCore
import CuratorEval
import CuratorRecall
import CuratorTestSupport
import Foundation
import Testing

@Suite("loo protocol")
struct LeaveLastOutProtocolTests {
    @Test func popularityFiguresMatchAHandComputation() throws {
        // Training popularity (test phase = all but the last item per user):
        // u1: a b | c   u2: a b | c   u3: b d | a   u4: b a | d
        let d = DatasetFixtures.dataset([
            ("u1", "a", 1), ("u1", "b", 2), ("u1", "x", 3), ("u1", "c", 4),
            ("u2", "a", 1), ("u2", "b", 2), ("u2", "x", 3), ("u2", "c", 4),
            ("u3", "b", 1), ("u3", "d", 2), ("u3", "x", 3), ("u3", "a", 4),
            ("u4", "b", 1), ("u4", "a", 2), ("u4", "x", 3), ("u4", "d", 4),
        ])
        let report = try LeaveLastOutProtocol(dataset: d).run(kind: "popularity", parameters: ModelParameters(), phases: [.test])
        // Counts in training+validation: a 3, b 4, x 4, d 1, c 0. Excluding what each user has:
        // u1 (a, b, x seen): d then c → target c at rank 2.  u2 likewise: rank 2.
        // u3 (b, d, x seen): a first → rank 1.  u4 (b, a, x seen): d first → rank 1.
        let ndcg = (1 / 1.584962500721156 * 2 + 2) / 4
        #expect(report.test.users == 4)
        #expect(abs(report.test.metrics[MetricName(.ndcg, 10)]! - ndcg) < 1e-9)
        #expect(report.test.metrics[MetricName(.hitRate, 10)] == 1)
        #expect(report.test.metrics[MetricName(.mrr, 100)] == 0.75)
        #expect(report.validation == nil)
        // The JSON keeps its shape: test metrics at top level, then the setup and timings.
        struct Shape: Decodable {
            var ndcg: Double, model: String, `protocol`: String, users: Int, fitSeconds: Double, evaluationSeconds: Double
            var validation: [String: Double]?
            enum CodingKeys: String, CodingKey {
                case ndcg = "ndcg@10", model, `protocol`, users, fitSeconds = "fit_seconds", evaluationSeconds = "eval_seconds", validation
            }
        }
        let json = try JSONDecoder().decode(Shape.self, from: try JSONEncoder().encode(report))
        #expect(json.ndcg == report.test.metrics[MetricName(.ndcg, 10)])
        #expect(json.model == "popularity" && json.protocol == report.protocolName && json.users == 4)
        #expect(json.validation == nil)
    }

    @Test func validationPhaseNeverSeesTheValidationItem() throws {
        let d = DatasetFixtures.random(users: 50, items: 30, perUser: 8, seed: 4)
        let evaluation = LeaveLastOutProtocol(dataset: d)
        let training = evaluation.trainingData(for: .validation)
        for user in evaluation.split.evaluatedUsers {
            #expect(!training.userItems.columns(ofRow: user).contains(evaluation.split.validation[user]))
        }
        let report = try evaluation.run(kind: "itemknn", parameters: ModelParameters())
        #expect(report.validation?.users == evaluation.split.evaluatedUsers.count)
        #expect(report.table().contains("ndcg@10"))
    }
}
