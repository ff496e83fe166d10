import CuratorCore
import CuratorEval
import CuratorRecall

/// The `conversation` protocol: seeded `loo` users, each simulated by a `SimulatedUser` who
/// wants their held-out item, talk to the chat for up to `turns` turns; a conversation
/// succeeds at the first turn whose list shows the target. Baselines in the same run:
/// popularity under the constraints the user revealed, and the recall model given the user's
/// whole training history at once (one list, and turn by turn under the same constraints).
///
/// Validation users (history = training, target = validation item; models fitted on
/// training) are for tuning; test users (history = training + validation, target = test
/// item; models fitted on both) for reporting.
public struct ConversationBenchmark: Sendable {
    public static let name = "conversation"

    public struct Configuration: Sendable {
        /// How many users to sample (all evaluated users when fewer).
        public var users = 500
        /// Turns before a conversation counts as failed.
        public var turns = 5
        /// Items shown per turn (a hit is the target among them).
        public var listSize = 5
        public var seed: UInt64 = 42
        public var phase: LeaveLastOutProtocol.Phase = .test
        public var habits = SimulatedUser.Habits()
        /// How many dialogues and missed mentions the report keeps as examples.
        public var examples = 5

        public init() {}

        /// The turn budgets success is reported at: 1, 3, 5 (those within `turns`) and `turns`.
        public var budgets: [Int] { Array(Set([1, 3, 5].filter { $0 <= turns } + [turns])).sorted() }
    }

    public let dataset: Dataset
    public let split: LeaveLastOutSplit
    public let configuration: Configuration

    public init(dataset: Dataset, configuration: Configuration) {
        self.dataset = dataset
        split = LeaveLastOutSplit(dataset: dataset)
        self.configuration = configuration
    }

    /// What the chat's models are fitted on for this phase (never the target).
    public func trainingData() -> TrainingData {
        TrainingData(
            sequences: configuration.phase == .validation ? split.training : split.trainingWithValidation,
            itemCount: split.itemCount)
    }

    /// The sampled users' profiles: history, ratings (when the data has them), target.
    public func profiles() -> [SimulatedUser.Profile] {
        var rng = SeededGenerator(seed: configuration.seed)
        var users = split.evaluatedUsers
        users.shuffle(using: &rng)
        let sampled = users.prefix(configuration.users).sorted()
        let sequences = configuration.phase == .validation ? split.training : split.trainingWithValidation
        let targets = configuration.phase == .validation ? split.validation : split.test
        let ratings = ratingsOf(Set(sampled))
        return sampled.map { user in
            let history = Array(sequences.sequence(of: user))
            return SimulatedUser.Profile(
                user: user, history: history, ratings: ratings.map { r in history.map { r[user]?[$0] ?? 0 } },
                target: targets[user])
        }
    }

    /// Ratings of the given users' items, at their first time (as the split counts them);
    /// nil when every value is the same (the data has no ratings).
    private func ratingsOf(_ users: Set<Int>) -> [Int: [Int32: Float]]? {
        let log = dataset.interactions
        guard let first = log.values.first, log.values.contains(where: { $0 != first }) else { return nil }
        var result: [Int: [Int32: (time: Int64, value: Float)]] = [:]
        for e in 0..<log.count where users.contains(Int(log.users[e])) {
            let user = Int(log.users[e]), item = log.items[e]
            if let known = result[user]?[item], known.time <= log.timestamps[e] { continue }
            result[user, default: [:]][item] = (log.timestamps[e], log.values[e])
        }
        return result.mapValues { $0.mapValues(\.value) }
    }

    /// Runs every system and the baselines over the sampled users.
    /// - Parameters:
    ///   - systems: the chats to measure (each user talks to each, from the same seed).
    ///   - recall: the recall model fitted on `trainingData()` (the whole-history baselines).
    ///   - modelName: what the report calls the recall model.
    ///   - progress: one unit per user.
    public func run<System: ConversationSystem>(
        _ systems: [System], recall: any RecallModel, modelName: String, progress: any ProgressReporter = SilentProgress()
    ) async -> ConversationReport {
        let data = trainingData()
        let counts = data.itemCounts()
        let world = SimulatorCatalog(catalog: dataset.catalog, popularity: counts)
        let popularityOrder = counts.enumerated().map { ScoredItem(item: Int32($0.offset), score: Float($0.element)) }.sorted(by: >).map(\.item)
        // How deep the whole-history ranking goes before the revealed constraints filter it.
        let depth = min(counts.count, 5_000)
        let profiles = profiles()
        var tallies = systems.map { ConversationTally(name: $0.name, kind: .conversation) }
        var popularity = ConversationTally(name: "popularity + revealed constraints", kind: .baseline)
        var whole = ConversationTally(name: "\(modelName), whole history (one list)", kind: .baseline)
        var wholeConstrained = ConversationTally(name: "\(modelName), whole history + revealed constraints", kind: .baseline)
        let tracker = ProgressTracker(task: "conversations (\(configuration.phase.rawValue))", total: profiles.count, reporter: progress)
        for profile in profiles {
            let user = SimulatedUser(profile: profile, world: world, seed: configuration.seed, habits: configuration.habits)
            for (index, system) in systems.enumerated() {
                let dialogue = await converse(system, user: user)
                tallies[index].add(dialogue, world: world, keepExample: configuration.examples)
            }
            let baseline = BaselineConversation(user: user, world: world, turns: configuration.turns, listSize: configuration.listSize)
            popularity.add(baseline.run(order: popularityOrder, excluding: []))
            let history = Set(profile.history)
            let order = recall.recommend(UserContext(user: Int32(profile.user), history: profile.history), count: depth, excluding: history).map(\.item)
            whole.add(baseline.oneList(order: order, excluding: history))
            wholeConstrained.add(baseline.run(order: order, excluding: history))
            tracker.advance()
        }
        tracker.finish()
        return ConversationReport(
            dataset: dataset.name, phase: configuration.phase.rawValue, model: modelName, users: profiles.count,
            turns: configuration.turns, listSize: configuration.listSize, seed: configuration.seed,
            budgets: configuration.budgets,
            arms: tallies.map { $0.arm(turns: configuration.turns, budgets: configuration.budgets) }
                + [popularity, whole, wholeConstrained].map { $0.arm(turns: configuration.turns, budgets: configuration.budgets) },
            understanding: tallies.map { $0.understanding() },
            dialogues: tallies.first?.examples ?? [], misses: tallies.first?.misses ?? [])
    }

    /// One simulated user's conversation with `system`, until the target is shown or the
    /// turns run out.
    func converse<System: ConversationSystem>(_ system: System, user: SimulatedUser) async -> Dialogue {
        var user = user
        var state = system.start()
        var turn = user.opening
        var steps: [Dialogue.Step] = []
        for number in 1...configuration.turns {
            let observation = await system.answer(turn.text, in: &state)
            steps.append(Dialogue.Step(turn: turn, observation: observation))
            if observation.shown.prefix(configuration.listSize).contains(user.profile.target) { break }
            if number < configuration.turns { turn = user.next(after: Array(observation.shown.prefix(configuration.listSize))) }
        }
        return Dialogue(target: user.profile.target, steps: steps, leakRejections: user.leakRejections, listSize: configuration.listSize)
    }
}

/// One conversation as it went.
struct Dialogue: Sendable {
    struct Step: Sendable {
        var turn: SimulatedUser.Turn
        var observation: TurnObservation
    }

    var target: Int32
    var steps: [Step]
    var leakRejections: Int
    var listSize: Int

    /// The 1-based turn whose list showed the target, if any.
    var hitTurn: Int? {
        steps.firstIndex { $0.observation.shown.prefix(listSize).contains(target) }.map { $0 + 1 }
    }
}
