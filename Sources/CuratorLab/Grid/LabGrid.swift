import CuratorLLMStage
import Foundation

/// One model server of a grid: a name for the reports, where it is, and the model it serves.
public struct LabEndpoint: Sendable, Codable, Hashable {
    /// The name the reports use (`local`, `remote`).
    public var name: String
    /// The server's root URL.
    public var url: URL
    /// The model's id (asked of the server when `nil`); part of every cache key.
    public var model: String?
    /// What cache and journal keys call the server (default: its URL). A local server started
    /// for a run listens on a new port each time: the CLI names it `local-server` instead.
    public var identity: String?
    /// Price in currency units per million prompt / completion tokens (overrides the grid's).
    public var pricePerMillionPrompt: Double?
    public var pricePerMillionCompletion: Double?

    public init(name: String, url: URL, model: String? = nil) {
        self.name = name
        self.url = url
        self.model = model
    }

    /// Parses `name=URL` or `name=URL#model` (the CLI's `--endpoint`).
    /// - Throws: `LabError.badSpec` for anything else.
    public static func parse(_ text: String) throws(LabError) -> LabEndpoint {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw LabError.badSpec("endpoint '\(text)': expected name=URL or name=URL#model")
        }
        let target = parts[1].split(separator: "#", maxSplits: 1).map(String.init)
        guard let url = URL(string: target[0]), url.host != nil else {
            throw LabError.badSpec("endpoint '\(text)': '\(target[0])' is not a URL")
        }
        return LabEndpoint(name: parts[0], url: url, model: target.count > 1 ? target[1] : nil)
    }
}

/// What a prompt-lab run measures: every combination of template variant × endpoint ×
/// strategy × candidate count, over a seeded sample of users.
public struct LabGrid: Sendable, Codable {
    /// Template variants: `default` is `rerank-verbalizer` / `rerank-listwise`; `X` is
    /// `rerank-verbalizer-X` / `rerank-listwise-X` (a strategy uses the template of its kind).
    public var variants: [String] = ["default", "terse"]
    public var endpoints: [LabEndpoint]
    public var strategies: [RerankStrategy] = [.verbalizer, .listwise, .bootstrap]
    public var candidateCounts: [Int] = [20]
    /// Users sampled from the protocol's evaluated users.
    public var users = 200
    /// Seeds the user sample, the shuffled orders and the bootstrap intervals.
    public var seed: UInt64 = 42
    /// The protocol the users come from: `loo` or `cold-items`.
    public var protocolName = "loo"
    /// What ranks the candidates before the LLM: a recall model (`loo`) or a cold-item
    /// baseline (`cold-items`).
    public var candidateSource = "itemknn"
    /// Rounds of the bootstrap strategy (each round a shuffled order of the verbalizer).
    public var bootstrapRounds = 3
    /// Whether to rerank a second, shuffled presentation per user (position bias).
    public var measurePositionBias = true
    /// Let llama.cpp reuse cached prompt prefixes (off: every latency is a full prompt pass).
    public var cachePrompt = false
    /// Price per million prompt / completion tokens, for endpoints that name none.
    public var pricePerMillionPrompt = 0.0
    public var pricePerMillionCompletion = 0.0
    /// The blend weights swept post hoc from each pass's LLM scores (0 is recall alone).
    public var weights: [Double] = [0, 0.25, 0.5, 0.75, 1]
    /// How many of the sampled users get the first item of each cell's list explained by the
    /// LLM (and checked for faithfulness); 0 skips explanations.
    public var explainedUsers = 50
    /// Resamples of the paired bootstrap confidence interval, and its level.
    public var bootstrapResamples = 2000
    public var confidence = 0.95

    public init(endpoints: [LabEndpoint]) { self.endpoints = endpoints }

    /// The template a strategy uses under `variant`.
    public static func templateName(variant: String, strategy: RerankStrategy) -> String {
        let kind = strategy == .listwise ? ListwiseReranker.template : VerbalizerReranker.template
        return variant == "default" ? kind : "\(kind)-\(variant)"
    }

    /// Every cell, in report order (variant, endpoint, strategy, candidates).
    public var cells: [LabCell] {
        variants.flatMap { variant in
            endpoints.flatMap { endpoint in
                strategies.flatMap { strategy in
                    candidateCounts.map { LabCell(variant: variant, endpoint: endpoint.name, strategy: strategy, candidates: $0) }
                }
            }
        }
    }

    /// Checks the grid against a prompt library.
    /// - Throws: `LabError.badSpec` naming what is wrong.
    public func validate(prompts: PromptLibrary) throws(LabError) {
        guard users > 0 else { throw LabError.badSpec("users must be positive") }
        guard LabCase.protocols.contains(protocolName) else {
            throw LabError.badSpec("protocol '\(protocolName)': known are \(LabCase.protocols.joined(separator: ", "))")
        }
        guard !variants.isEmpty, !endpoints.isEmpty, !strategies.isEmpty, !candidateCounts.isEmpty else {
            throw LabError.badSpec("every axis of the grid needs at least one value")
        }
        guard Set(endpoints.map(\.name)).count == endpoints.count else { throw LabError.badSpec("endpoint names must differ") }
        for count in candidateCounts where !(2...26).contains(count) {
            throw LabError.badSpec("candidate count \(count): must be between 2 and 26")
        }
        guard bootstrapRounds >= 1, bootstrapResamples >= 100, confidence > 0, confidence < 1 else {
            throw LabError.badSpec("bootstrap rounds ≥ 1, resamples ≥ 100, 0 < confidence < 1")
        }
        for variant in variants {
            for strategy in strategies {
                let name = Self.templateName(variant: variant, strategy: strategy)
                guard prompts.templates[name] != nil else {
                    throw LabError.badSpec("variant '\(variant)' needs template '\(name)' in \(prompts.folder.path)")
                }
            }
        }
    }
}

/// One cell of the grid.
public struct LabCell: Sendable, Codable, Hashable {
    public var variant: String
    public var endpoint: String
    public var strategy: RerankStrategy
    public var candidates: Int

    public init(variant: String, endpoint: String, strategy: RerankStrategy, candidates: Int) {
        self.variant = variant
        self.endpoint = endpoint
        self.strategy = strategy
        self.candidates = candidates
    }

    /// `variant/endpoint/strategy/candidates`, as reports show it.
    public var label: String { "\(variant)/\(endpoint)/\(strategy.rawValue)/\(candidates)" }
}

/// A prompt-lab failure, said in one line.
public enum LabError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The grid (or a flag making it) is wrong.
    case badSpec(String)
    /// A file of the run (journal, report) could not be read or written.
    case file(path: String, message: String)

    public var description: String {
        switch self {
        case .badSpec(let message): "prompt lab: \(message)"
        case .file(let path, let message): "prompt lab: \(path): \(message)"
        }
    }
}
