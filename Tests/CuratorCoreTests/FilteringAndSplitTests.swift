import CuratorCore
import CuratorTestSupport
import Testing

@Suite("k-core filtering and the leave-last-out split")
struct FilteringAndSplitTests {
    @Test func kCoreIteratesUntilStable() {
        // Item "c" has 2 users, but one of them (u3) drops for having 1 interaction, which
        // leaves "c" with 1 user: a single pass would keep it, the fixed point does not.
        let d = DatasetFixtures.dataset([
            ("u1", "a", 1), ("u1", "b", 2), ("u1", "c", 3),
            ("u2", "a", 1), ("u2", "b", 2),
            ("u3", "c", 1),
        ])
        let filtered = d.filtered(by: InteractionFilter(minUserInteractions: 2, minItemInteractions: 2))
        #expect(filtered.users.externalIDs == ["u1", "u2"])
        #expect(filtered.items.externalIDs == ["a", "b"])
        #expect(filtered.interactions.count == 4)
        #expect(filtered.catalog.map(\.id) == ["a", "b"])
        for e in 0..<filtered.interactions.count {
            #expect(Int(filtered.interactions.items[e]) < filtered.itemCount)
        }
    }

    @Test func ratingThresholdRunsBeforeKCore() {
        var d = DatasetFixtures.dataset([("u1", "a", 1), ("u1", "b", 2), ("u2", "a", 1), ("u2", "b", 2)])
        d.interactions.values = [5, 2, 4, 5]
        let filtered = d.filtered(by: InteractionFilter(minUserInteractions: 2, minValue: 4))
        #expect(filtered.users.externalIDs == ["u2"])
        #expect(filtered.interactions.count == 2)
    }

    @Test func lastItemIsTestAndSecondToLastIsValidation() {
        // Equal timestamps break ties by item index: at time 5, "b" comes before "c".
        let d = DatasetFixtures.dataset([
            ("u1", "d", 1), ("u1", "c", 5), ("u1", "b", 5), ("u1", "a", 9),
            ("u2", "a", 1), ("u2", "b", 2),
        ])
        let split = LeaveLastOutSplit(dataset: d)
        let idx = { d.items.index(of: $0)! }
        #expect(Array(split.training.sequence(of: 0)) == [idx("d"), idx("b")])
        #expect(split.validation[0] == idx("c"))
        #expect(split.test[0] == idx("a"))
        #expect(split.evaluatedUsers == [0], "a user with two items is not evaluated")
        #expect(Array(split.training.sequence(of: 1)) == [idx("a"), idx("b")])
        #expect(Array(split.trainingWithValidation.sequence(of: 0)) == [idx("d"), idx("b"), idx("c")])
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func noTargetEverLeaksIntoTraining(seed: UInt64) {
        let d = DatasetFixtures.random(users: 60, items: 40, perUser: 12, seed: seed)
        let split = LeaveLastOutSplit(dataset: d)
        for user in split.evaluatedUsers {
            let training = Set(split.training.sequence(of: user))
            let full = Set(split.trainingWithValidation.sequence(of: user))
            #expect(!training.contains(split.validation[user]))
            #expect(!training.contains(split.test[user]))
            #expect(!full.contains(split.test[user]))
            #expect(full == training.union([split.validation[user]]))
            #expect(training.count + 2 == Set(d.interactions.items.indices.filter { d.interactions.users[$0] == Int32(user) }.map { d.interactions.items[$0] }).count)
        }
    }

    @Test func repeatedPairsCountOnceAtTheirFirstTime() {
        let d = DatasetFixtures.dataset([("u1", "a", 1), ("u1", "b", 2), ("u1", "a", 3), ("u1", "c", 4)])
        let sequences = UserSequences(d.interactions, userCount: d.userCount)
        #expect(Array(sequences.sequence(of: 0)) == [0, 1, 2])
    }
}
