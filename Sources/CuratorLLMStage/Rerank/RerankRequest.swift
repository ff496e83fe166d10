import CuratorCore

/// One recall candidate, as the LLM stage receives it: the fusion stage (or a single model)
/// hands over an ordered list of these, best recall score first.
public struct RerankCandidate: Sendable, Equatable {
    /// The item's dense index in the dataset.
    public var index: Int32
    /// What the catalog knows about it.
    public var item: Item
    /// The recall score (higher is better); only its order and spread matter.
    public var recallScore: Float

    public init(index: Int32, item: Item, recallScore: Float) {
        self.index = index
        self.item = item
        self.recallScore = recallScore
    }
}

/// What a reranker needs: whom it is for and what to order.
public struct RerankRequest: Sendable {
    /// The user's items, oldest first (prompts show the most recent few).
    public var history: [Item]
    /// The candidates in recall order.
    public var candidates: [RerankCandidate]
    /// The user's chat request, if any.
    public var chatRequest: String?
    /// Constraints in words ("released after 1990"), if any.
    public var constraints: [String]

    public init(history: [Item], candidates: [RerankCandidate], chatRequest: String? = nil, constraints: [String] = []) {
        self.history = history
        self.candidates = candidates
        self.chatRequest = chatRequest
        self.constraints = constraints
    }
}

/// What one LLM pass said about the candidates, before validation turns it into an order.
public struct Judgement: Sendable {
    /// One score per candidate (indices of `RerankRequest.candidates`), higher is better,
    /// `nil` where the model said nothing about it.
    public var scores: [Double?]
    /// Tokens sent and generated.
    public var promptTokens = 0
    public var completionTokens = 0
    /// LLM requests made.
    public var requests = 0
    /// What validation repaired (duplicates, unknown ids, missing candidates).
    public var warnings: [String] = []
    /// The hash of the template that produced the prompt.
    public var templateHash: String

    public init(scores: [Double?], templateHash: String) {
        self.scores = scores
        self.templateHash = templateHash
    }
}

/// A reranking pass that could not produce a usable judgement.
public struct RerankError: Error, Sendable, CustomStringConvertible {
    /// The strategy that failed.
    public var strategy: String
    /// What happened, with the offending output when there was one.
    public var message: String

    public init(strategy: String, message: String) {
        self.strategy = strategy
        self.message = message
    }

    public var description: String { "\(strategy) rerank: \(message)" }
}
