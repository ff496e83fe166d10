import CuratorCore
import CuratorEval
import CuratorLab
import CuratorTestSupport
import Testing

@Suite("LabCase: the users a grid evaluates")
struct LabCaseTests {
    static let dataset = DatasetFixtures.random(users: 40, items: 50, perUser: 10, seed: 3)

    @Test func coldItemCasesRankOnlyHeldOutItemsForUsersWhoHadThem() throws {
        let evaluation = ColdItemsProtocol(dataset: Self.dataset)
        let cold = Set(evaluation.coldItems)
        let cases = LabCase.coldItems(dataset: Self.dataset, users: 10, seed: 5, scorer: ColdItemBaselines.UserGenreScorer(), candidates: 4)
        #expect(cases.count == min(10, evaluation.evaluatedUsers.count))
        for lab in cases {
            #expect(!lab.history.isEmpty)
            #expect(cold.isDisjoint(with: lab.history), "the history holds warm items only")
            #expect(lab.recall.count == min(4, cold.count))
            #expect(lab.recall.allSatisfy { cold.contains($0.item) }, "candidates are held-out items")
            #expect(zip(lab.recall, lab.recall.dropFirst()).allSatisfy { $0.score >= $1.score }, "best first")
            #expect(!lab.relevant.isEmpty && lab.relevant.isSubset(of: cold))
            #expect(lab.relevant == evaluation.targets[lab.user])
        }
        let again = LabCase.coldItems(dataset: Self.dataset, users: 10, seed: 5, scorer: ColdItemBaselines.UserGenreScorer(), candidates: 4)
        #expect(again.map(\.user) == cases.map(\.user), "the sample is seeded")
    }

    @Test func looCasesHoldOutTheLastItem() throws {
        let cases = try LabCase.leaveLastOut(dataset: Self.dataset, users: 5, seed: 1, model: "popularity", candidates: 6)
        let split = LeaveLastOutProtocol(dataset: Self.dataset).split
        #expect(cases.count == 5)
        for lab in cases {
            #expect(lab.relevant == [split.test[lab.user]])
            #expect(lab.recall.count == 6)
            #expect(Set(lab.recall.map(\.item)).isDisjoint(with: lab.history))
        }
    }
}
