import CuratorChat
@testable import CuratorConversationEval
import CuratorCore
import CuratorEval
import CuratorRecall
import CuratorTestSupport
import Testing

/// The protocol end to end: a MovieLens-latest release written in code, loaded as any
/// dataset, the real chat engine over a real recall model, simulated users talking to it.
@Suite("Conversation benchmark")
struct ConversationBenchmarkTests {
    static func run(phase: LeaveLastOutProtocol.Phase, seed: UInt64 = 42) async throws -> (ConversationReport, ConversationBenchmark) {
        let directory = TemporaryDirectory()
        let dataset = try LatestFormatFixture.load(in: directory)
        var configuration = ConversationBenchmark.Configuration()
        configuration.users = 60
        configuration.turns = 5
        configuration.listSize = 5
        configuration.seed = seed
        configuration.phase = phase
        return try await run(on: dataset, configuration)
    }

    /// The chat (ItemKNN recall, K 10) against simulated users of `dataset`.
    static func run(on dataset: Dataset, _ configuration: ConversationBenchmark.Configuration) async throws -> (ConversationReport, ConversationBenchmark) {
        let benchmark = ConversationBenchmark(dataset: dataset, configuration: configuration)
        let data = benchmark.trainingData()
        let recall = try ItemKNNModel.fit(data, parameters: ModelParameters(["neighbors": "10"]))
        let popularity = try PopularityModel.fit(data, parameters: ModelParameters())
        var engine = ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: recall, popularity: popularity))
        engine.candidatePool = 50
        let report = await benchmark.run([ChatConversation(name: "chat", conversation: Conversation(engine: engine))], recall: recall, modelName: "itemknn")
        return (report, benchmark)
    }

    @Test func simulatedUsersTalkToTheChatAndEveryArmIsReported() async throws {
        let (report, benchmark) = try await Self.run(phase: .test)
        #expect(report.users == 60)
        #expect(report.budgets == [1, 3, 5])
        #expect(report.arms.map(\.kind) == [.conversation, .baseline, .baseline, .baseline])
        for arm in report.arms {
            let s1 = try #require(arm.successWithin["1"]), s3 = try #require(arm.successWithin["3"]), s5 = try #require(arm.successWithin["5"])
            #expect(s1 <= s3 && s3 <= s5, "success grows with the budget")
            #expect(arm.averageTurns >= 1 && arm.averageTurns <= 6)
            #expect(arm.recallAt10 <= arm.recallAt50)
        }
        // The one-list baseline is loo's HR@5 on the same users, computed here directly.
        let knn = try ItemKNNModel.fit(benchmark.trainingData(), parameters: ModelParameters(["neighbors": "10"]))
        let profiles = benchmark.profiles()
        let hits = profiles.count { profile in
            var scores = knn.scores(for: UserContext(user: Int32(profile.user), history: profile.history))
            for item in profile.history { scores[Int(item)] = -.infinity }
            let top = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(5)
            return top.contains(Int(profile.target))
        }
        #expect(report.arms[2].successWithin["1"] == Double(hits) / Double(profiles.count))
        let understanding = try #require(report.understanding.first)
        #expect(understanding.mentions > 0 && understanding.correct > 0, "the engine links some of the films the users typed")
        #expect(understanding.constraintsRevealed > 0)
        #expect(report.dialogues.count == 5)
        #expect(report.dialogues.allSatisfy { !$0.steps.isEmpty && !$0.steps[0].user.isEmpty })
    }

    @Test func theSameSeedReproducesTheRunAndPhasesDiffer() async throws {
        let (first, _) = try await Self.run(phase: .validation, seed: 3)
        let (again, _) = try await Self.run(phase: .validation, seed: 3)
        #expect(first.arms.map(\.successWithin) == again.arms.map(\.successWithin))
        #expect(first.dialogues.map { $0.steps.map(\.user) } == again.dialogues.map { $0.steps.map(\.user) })
        let (test, _) = try await Self.run(phase: .test, seed: 3)
        #expect(first.dialogues.map(\.target) != test.dialogues.map(\.target), "validation and test users want different films")
    }

    @Test func usersNeverTypeTheirTarget() async throws {
        let directory = TemporaryDirectory()
        let dataset = try LatestFormatFixture.load(in: directory)
        var configuration = ConversationBenchmark.Configuration()
        configuration.users = 200
        let benchmark = ConversationBenchmark(dataset: dataset, configuration: configuration)
        let world = SimulatorCatalog(catalog: dataset.catalog, popularity: benchmark.trainingData().itemCounts())
        for profile in benchmark.profiles() {
            var user = SimulatedUser(profile: profile, world: world, seed: 42)
            let main = Typing.words(TitleAnatomy(dataset.catalog[Int(profile.target)].title).main)
            var turns = [user.opening]
            for _ in 0..<4 { turns.append(user.next(after: Array(profile.history.suffix(5)))) }
            for turn in turns { #expect(!Typing.contains(Typing.words(turn.text), run: main), "\(turn.text)") }
        }
    }
}
