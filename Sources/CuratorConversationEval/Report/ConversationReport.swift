import Foundation

/// What `curator eval --protocol conversation` reports: per arm (each chat measured, each
/// baseline) success within the turn budgets, average turns and the last ranking's recall;
/// per chat, how well it understood the simulated users; a few dialogues and missed mentions.
public struct ConversationReport: Sendable, Codable {
    public struct Arm: Sendable, Codable {
        public enum Kind: String, Sendable, Codable { case conversation, baseline }
        public var name: String
        public var kind: Kind
        public var users: Int
        /// Turn budget ("1", "3", "5") → share of users whose target was shown within it.
        public var successWithin: [String: Double]
        /// Mean turn of the first hit, a miss counting as `turns + 1`.
        public var averageTurns: Double
        /// Of the last ranking (the hit's turn, else the last turn).
        public var recallAt10: Double
        public var recallAt50: Double
    }

    /// How a chat read the simulated users' turns, and how fast it answered.
    public struct Understanding: Sendable, Codable {
        public var system: String
        public var turns: Int
        /// Films the users named; mentions the chat linked to one item; links that were right.
        public var mentions: Int
        public var linked: Int
        public var correct: Int
        public var linkingPrecision: Double?
        public var linkingRecall: Double?
        /// Of the right links, the share whose feeling (liked, disliked, seen) was right.
        public var feelingAccuracy: Double?
        /// Mentions the chat asked back about.
        public var ambiguous: Int
        /// Genres, decades and tags revealed, and how many the chat's constraints held after the turn.
        public var constraintsRevealed: Int
        public var constraintsUnderstood: Int
        public var constraintAccuracy: Double?
        public var latencyP50Milliseconds: Double
        public var latencyP95Milliseconds: Double
        /// Drafts the simulator's leak guard turned down (the target's title would have shown).
        public var leakGuardRejections: Int
    }

    /// A conversation as it went, for reading.
    public struct DialogueExample: Sendable, Codable {
        public struct Step: Sendable, Codable {
            public var user: String
            public var named: [String]
            public var revealed: String?
            public var shown: [String]
        }

        public var target: String
        public var hitTurn: Int?
        public var steps: [Step]

        init(_ dialogue: Dialogue, world: SimulatorCatalog) {
            func title(_ item: Int32) -> String { world.catalog[Int(item)].displayTitle }
            target = title(dialogue.target)
            hitTurn = dialogue.hitTurn
            steps = dialogue.steps.map { step in
                Step(
                    user: step.turn.text,
                    named: step.turn.named.map { "\(title($0.item)) (\($0.feeling.rawValue), typed \"\($0.typed)\")" },
                    revealed: step.turn.revealed.map { fact in
                        switch fact {
                        case .genre(let genre): "genre \(genre)"
                        case .decade(let start): "decade \(start)s"
                        case .tag(let tag): "tag \(tag)"
                        case .similarFilm(let film): "close to \(title(film))"
                        }
                    },
                    shown: step.observation.shown.map(title))
            }
        }
    }

    /// A mention the chat got wrong.
    public struct Miss: Sendable, Codable {
        public enum Kind: String, Sendable, Codable {
            /// Named by the user, not linked.
            case missed
            /// Linked to an item the user did not name.
            case wrongItem
            /// Linked right, with the wrong feeling.
            case wrongFeeling
        }

        public var kind: Kind
        public var turn: String
        public var typed: String?
        public var expected: String?
        public var expectedFeeling: SimulatedUser.Feeling?
        public var linked: String?
        public var linkedFeeling: SimulatedUser.Feeling?
    }

    public var dataset: String
    /// "validation" or "test".
    public var phase: String
    /// The recall model of the chat and of the whole-history baselines.
    public var model: String
    public var users: Int
    public var turns: Int
    public var listSize: Int
    public var seed: UInt64
    public var budgets: [Int]
    public var arms: [Arm]
    public var understanding: [Understanding]
    public var dialogues: [DialogueExample]
    public var misses: [Miss]

    /// The report as pretty-printed JSON with sorted keys.
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
