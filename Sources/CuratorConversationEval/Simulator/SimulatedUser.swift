import CuratorCore

/// A person looking for one film (the held-out target) without knowing its title: opens by
/// naming films from their history as people type them, then, while the target is not shown,
/// turns the list down and tells one true thing about what they want.
///
/// Everything it types passes its `LeakGuard`; everything it means is recorded (the films it
/// named with their feelings, the fact it revealed), the ground truth the benchmark grades
/// the chat's understanding against. Same profile, catalog and seed: the same dialogue.
public struct SimulatedUser: Sendable {
    /// What the simulator knows of its user.
    public struct Profile: Sendable {
        public var user: Int
        /// Training items, oldest first.
        public var history: [Int32]
        /// The user's rating of each history item, in `history`'s order; nil when the data has none.
        public var ratings: [Float]?
        public var target: Int32

        public init(user: Int, history: [Int32], ratings: [Float]?, target: Int32) {
            precondition(ratings == nil || ratings!.count == history.count, "one rating per history item")
            self.user = user
            self.history = history
            self.ratings = ratings
            self.target = target
        }
    }

    public enum Feeling: String, Sendable, Codable { case liked, disliked, seen }

    /// A film the user typed, as ground truth for linking.
    public struct Named: Sendable, Codable, Equatable {
        public var item: Int32
        public var feeling: Feeling
        /// Exactly what was typed for it.
        public var typed: String
        public var kind: SpokenTitle.Kind
        public var typo: Bool
    }

    /// One true thing about the target.
    public enum Fact: Sendable, Codable, Equatable {
        case genre(String)
        /// The decade's first year (1990 for the 90s).
        case decade(Int)
        case tag(String)
        /// A liked history film close to the target.
        case similarFilm(Int32)
    }

    public struct Turn: Sendable, Codable, Equatable {
        public var text: String
        public var named: [Named] = []
        public var revealed: Fact?
    }

    /// How the user speaks; the defaults are the benchmark's.
    public struct Habits: Sendable {
        /// Share of typed titles with one typo.
        public var typoShare = 0.1
        /// Chance the opening also names a film the user rated low.
        public var dislikeShare = 0.35
        /// Ratings at or above this are likes, at or below `dislikeAtMost` dislikes.
        public var likeAtLeast: Float = 4
        public var dislikeAtMost: Float = 2
        /// How far back in the history the opening looks for films to name.
        public var recentWindow = 30

        public init() {}
    }

    public let profile: Profile
    public let world: SimulatorCatalog
    public let leakGuard: LeakGuard
    public let habits: Habits
    /// The opening turn (fixed at creation, so baselines know it without a conversation).
    public let opening: Turn
    /// The facts the later turns reveal, in order.
    public let facts: [Fact]
    /// Drafts the leak guard turned down, over the whole dialogue.
    public private(set) var leakRejections = 0
    private var rng: SeededGenerator
    private var revealed = 0
    /// Items of the full history, for "I've seen that one".
    private let known: Set<Int32>

    public init(profile: Profile, world: SimulatorCatalog, seed: UInt64, habits: Habits = Habits()) {
        self.profile = profile
        self.world = world
        self.habits = habits
        leakGuard = world.leakGuard(for: profile.target)
        known = Set(profile.history)
        rng = SeededGenerator.stream(seed, profile.user)
        var rejections = 0
        opening = Self.makeOpening(profile, world, leakGuard, habits, &rng, &rejections)
        facts = Self.plan(profile, world, leakGuard, habits, named: Set(opening.named.map(\.item)), &rng)
        leakRejections = rejections
    }

    /// The next turn after the chat showed `shown` (best first) without the target.
    public mutating func next(after shown: [Int32]) -> Turn {
        let fact = revealed < facts.count ? facts[revealed] : nil
        revealed += 1
        for _ in 0..<20 {
            var named: [Named] = []
            var parts: [String] = []
            if let reaction = reaction(to: shown, named: &named) { parts.append(reaction) }
            if let fact, let phrase = phrase(fact, named: &named) { parts.append(phrase) }
            if parts.isEmpty { parts.append(pick(Phrasebook.rejectList)) }
            let text = parts.count == 2 ? parts[0] + pick(Phrasebook.reactionJoins) + parts[1] : parts[0]
            if !leakGuard.leaks(text) { return Turn(text: text, named: named, revealed: fact) }
            leakRejections += 1
        }
        return Turn(text: "none of those", named: [], revealed: nil)
    }

    // MARK: Reactions and facts

    private mutating func reaction(to shown: [Int32], named: inout [Named]) -> String? {
        guard !shown.isEmpty else { return nil }
        let seen = shown.filter(known.contains)
        if !seen.isEmpty, chance(0.5), let film = seen.randomElement(using: &rng), let typed = Self.type(film, world, leakGuard, habits, &rng) {
            named.append(Named(item: film, feeling: .seen, typed: typed.text, kind: typed.kind, typo: typed.typo))
            return pick(Phrasebook.seen(typed.text))
        }
        let roll = Double(rng.nextUnitFloat())
        if roll < 0.55 { return pick(Phrasebook.rejectList) }
        if roll < 0.8 { return pick(Phrasebook.rejectFirst) }
        let film = shown[Int(rng.next() % UInt64(shown.count))]
        guard let typed = Self.type(film, world, leakGuard, habits, &rng) else { return pick(Phrasebook.rejectList) }
        named.append(Named(item: film, feeling: .disliked, typed: typed.text, kind: typed.kind, typo: typed.typo))
        return pick(Phrasebook.notThat(typed.text))
    }

    private mutating func phrase(_ fact: Fact, named: inout [Named]) -> String? {
        switch fact {
        case .genre(let genre): return pick(Phrasebook.genre(genre))
        case .decade(let start): return pick(Phrasebook.decade(start))
        case .tag(let tag): return pick(Phrasebook.tag(tag))
        case .similarFilm(let film):
            guard let typed = Self.type(film, world, leakGuard, habits, &rng) else { return nil }
            named.append(Named(item: film, feeling: .liked, typed: typed.text, kind: typed.kind, typo: typed.typo))
            return pick(Phrasebook.alsoLiked(typed.text))
        }
    }

    private mutating func pick(_ options: [String]) -> String { options[Int(rng.next() % UInt64(options.count))] }

    private mutating func chance(_ p: Double) -> Bool { Double(rng.nextUnitFloat()) < p }
}
