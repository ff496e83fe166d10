import CuratorCore
import CuratorLLM
import Foundation

/// Which LLM a calibration is for: the endpoint (`local` for any server on this machine, the
/// URL otherwise) and the model (the configured name, else the local model file's name).
public struct CalibrationKey: Sendable, Codable, Hashable, CustomStringConvertible {
    public var endpoint: String
    public var model: String

    public init(endpoint: String, model: String) {
        self.endpoint = endpoint
        self.model = model
    }

    /// The key of the LLM `configuration` reaches.
    public init(configuration: LLMConfiguration) {
        let host = configuration.endpoint.host ?? ""
        let local = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        endpoint = local ? "local" : configuration.endpoint.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        model = configuration.model
            ?? (local ? configuration.modelPath.map { URL(fileURLWithPath: $0).lastPathComponent } : nil)
            ?? "the server's default model"
    }

    public var description: String { "\(model) at \(endpoint)" }
}

/// What the prompt lab measured for one LLM and chose for the product: the rerank weight and
/// strategy (weight 0 unless a setting's validation uplift over recall has its paired bootstrap
/// interval above zero) and whether its explanations may be shown (a faithfulness rate of at
/// least `CalibrationRecord.faithfulnessThreshold`), with the evidence behind both.
public struct CalibrationRecord: Sendable, Codable, Equatable {
    /// The share of LLM explanations that must pass `FaithfulnessCheck` for them to be shown.
    public static let faithfulnessThreshold = 0.95

    /// A mean difference and its paired bootstrap interval.
    public struct Interval: Sendable, Codable, Equatable {
        public var mean: Double
        public var low: Double
        public var high: Double

        public init(mean: Double, low: Double, high: Double) {
            self.mean = mean
            self.low = low
            self.high = high
        }
    }

    /// A rerank setting.
    public struct Setting: Sendable, Codable, Equatable {
        public var variant: String
        public var templateHash: String
        public var strategy: RerankStrategy
        public var candidates: Int
        public var weight: Double

        public init(variant: String, templateHash: String, strategy: RerankStrategy, candidates: Int, weight: Double) {
            self.variant = variant
            self.templateHash = templateHash
            self.strategy = strategy
            self.candidates = candidates
            self.weight = weight
        }
    }

    /// The evidence of one setting (a cell of the lab at one weight).
    public struct Evidence: Sendable, Codable, Equatable {
        public var setting: Setting
        public var users: Int
        /// Validation NDCG@10 of the blended list and of recall alone.
        public var validationNDCG10: Double
        public var recallValidationNDCG10: Double
        /// Validation uplift over recall, with its interval: what the choice rests on.
        public var validationUplift: Interval
        /// The same on test users, for the report only.
        public var testUplift: Interval?
        public var validOutputRate: Double
        /// How often the first-shown candidate was put first (recall order; 1/candidates is chance).
        public var firstShownPickedFirstRate: Double?
        public var promptTokensPerUser: Double
        public var cost: Double

        public init(setting: Setting, users: Int, validationNDCG10: Double, recallValidationNDCG10: Double,
                    validationUplift: Interval, testUplift: Interval?, validOutputRate: Double,
                    firstShownPickedFirstRate: Double?, promptTokensPerUser: Double, cost: Double) {
            self.setting = setting
            self.users = users
            self.validationNDCG10 = validationNDCG10
            self.recallValidationNDCG10 = recallValidationNDCG10
            self.validationUplift = validationUplift
            self.testUplift = testUplift
            self.validOutputRate = validOutputRate
            self.firstShownPickedFirstRate = firstShownPickedFirstRate
            self.promptTokensPerUser = promptTokensPerUser
            self.cost = cost
        }
    }

    public var key: CalibrationKey
    public var dataset: String
    public var createdAt: Date
    /// What the product uses: the best setting whose interval lies above zero, else weight 0.
    public var choice: Setting
    /// The chosen setting's evidence (for weight 0: the best setting measured, which did not qualify).
    public var evidence: Evidence?
    /// Why this choice, in one sentence.
    public var reason: String
    /// The share of the LLM's explanations that passed the check, and how many were checked.
    public var faithfulnessRate: Double?
    public var explanationsChecked: Int
    /// The same for grounded explanations of the same items (1 by construction).
    public var groundedFaithfulnessRate: Double?
    /// Whether explanations come from the LLM (else grounded ones are shown).
    public var explanationsFromLLM: Bool
    /// Every setting measured, best validation NDCG@10 first.
    public var settings: [Evidence]
    /// The lab's report folder.
    public var report: String?

    public init(key: CalibrationKey, dataset: String, createdAt: Date = Date(), choice: Setting, evidence: Evidence?, reason: String,
                faithfulnessRate: Double?, explanationsChecked: Int, groundedFaithfulnessRate: Double?, settings: [Evidence], report: String?) {
        self.key = key
        self.dataset = dataset
        self.createdAt = createdAt
        self.choice = choice
        self.evidence = evidence
        self.reason = reason
        self.faithfulnessRate = faithfulnessRate
        self.explanationsChecked = explanationsChecked
        self.groundedFaithfulnessRate = groundedFaithfulnessRate
        self.explanationsFromLLM = (faithfulnessRate ?? 0) >= Self.faithfulnessThreshold && explanationsChecked > 0
        self.settings = settings
        self.report = report
    }

    /// One line: what decides the stage, and why.
    public var summary: String {
        let weight = choice.weight == 0 ? "rerank off (weight 0)" : "rerank weight \(choice.weight) (\(choice.strategy.rawValue), \(choice.candidates) candidates)"
        let explained = explanationsFromLLM ? "LLM explanations" : "grounded explanations"
        return "calibration of \(key) on \(dataset), \(Self.dateText(createdAt)): \(weight), \(explained)"
    }

    static func dateText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}

/// The calibration records of a state folder (`calibration.json`), one per endpoint and model.
public struct CalibrationStore: Sendable {
    public let path: String

    /// The store in `stateRoot` (the state folder, shared by every dataset: a calibration
    /// describes an LLM, and applies wherever it is used).
    public init(stateRoot: String) {
        path = StateDirectory.calibration(root: stateRoot)
    }

    /// Every record (none when the file does not exist).
    /// - Throws: `CalibrationError` when the file exists but cannot be read.
    public func records() throws(CalibrationError) -> [CalibrationRecord] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode([CalibrationRecord].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CalibrationError(path: path, message: "cannot read: \(error)")
        }
    }

    /// The record for `key`, if any.
    public func record(for key: CalibrationKey) throws(CalibrationError) -> CalibrationRecord? {
        try records().first { $0.key == key }
    }

    /// Stores `record`, replacing the one of the same key.
    /// - Throws: `CalibrationError`.
    public func save(_ record: CalibrationRecord) throws(CalibrationError) {
        var all = try records().filter { $0.key != record.key }
        all.append(record)
        all.sort { ($0.key.endpoint, $0.key.model) < ($1.key.endpoint, $1.key.model) }
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoder.encode(all).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CalibrationError(path: path, message: "cannot write: \(error)")
        }
    }
}

/// A calibration file that cannot be read or written.
public struct CalibrationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "calibration \(path): \(message)" }
}

extension LLMStageConfiguration {
    /// Where the stage's settings came from, for `/debug` and `--json`.
    public enum Decider: Sendable, Equatable, Codable {
        /// No record for this LLM: rerank off, grounded explanations.
        case noRecord(CalibrationKey)
        /// The record for this LLM.
        case record(CalibrationKey, createdAt: Date)
    }

    /// This configuration with the record's weight, strategy and explanation source applied
    /// (without a record: the rerank off and grounded explanations). Callers apply their
    /// flags afterwards, so flags still override.
    public mutating func apply(_ record: CalibrationRecord?, key: CalibrationKey) {
        if let record {
            llmWeight = record.choice.weight
            if record.choice.weight > 0 { strategy = record.choice.strategy }
            explanations = record.explanationsFromLLM ? .llm : .grounded
            decider = .record(key, createdAt: record.createdAt)
        } else {
            llmWeight = 0
            explanations = .grounded
            decider = .noRecord(key)
        }
    }

    /// The one-line notice of what decided, for a terminal.
    public var deciderNotice: String? {
        switch decider {
        case .none: return nil
        case .noRecord(let key):
            let rerank = llmWeight <= 0 ? "rerank off (recall order)" : "rerank weight \(llmWeight) (set by flag)"
            return "no calibration for \(key): \(rerank), \(explanations.rawValue) explanations. "
                + "Measure it with `curator prompts eval --data PATH --users 200`, or set --llm-weight / --explanations."
        case .record(let key, let date):
            return "calibration of \(key) (\(CalibrationRecord.dateText(date))): rerank weight \(llmWeight), \(explanations.rawValue) explanations"
        }
    }
}
