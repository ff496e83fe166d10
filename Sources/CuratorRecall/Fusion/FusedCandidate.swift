/// Where a fused candidate came from: one recall model's vote.
public struct CandidateSource: Sendable, Equatable, Codable {
    /// The model's name (`markov`, `ease`, ...).
    public var model: String
    /// The item's 1-based rank in that model's list.
    public var rank: Int
    /// The model's own score for the item.
    public var score: Float

    public init(model: String, rank: Int, score: Float) {
        self.model = model
        self.rank = rank
        self.score = score
    }
}

/// An item proposed by candidate fusion, with its fused score and every model that proposed
/// it: what the LLM stage and the chat show as provenance.
public struct FusedCandidate: Sendable, Equatable, Codable {
    public var item: Int32
    /// The fused score (higher is better; comparable only within one fused list).
    public var score: Float
    /// The models that had the item in their top list, in member order.
    public var sources: [CandidateSource]

    public init(item: Int32, score: Float, sources: [CandidateSource]) {
        self.item = item
        self.score = score
        self.sources = sources
    }

    /// The source from `model`, if that model proposed the item.
    public func source(_ model: String) -> CandidateSource? { sources.first { $0.model == model } }
}
