import Foundation

/// The answer to a text completion (`/v1/completions`).
public struct TextCompletion: Sendable, Decodable {
    public var id: String?
    public var model: String?
    public var choices: [Choice]
    public var usage: Usage?
    public var timings: Timings?

    /// One alternative continuation.
    public struct Choice: Sendable, Decodable {
        public var index: Int?
        public var text: String
        public var finishReason: String?
        /// Log-probabilities in whichever shape the server sends.
        public var logprobs: JSONValue?
    }

    /// The first choice's text.
    public var text: String { choices.first?.text ?? "" }
}

/// Embedding vectors, stored row-major in one flat array.
public struct Embeddings: Sendable, Equatable {
    /// The number of components of each vector.
    public var dimension: Int
    /// `count * dimension` floats; vector `i` is `values[i * dimension ..< (i + 1) * dimension]`.
    public var values: [Float]

    /// How many vectors.
    public var count: Int { dimension == 0 ? 0 : values.count / dimension }

    /// Vector `index`.
    public func vector(_ index: Int) -> ArraySlice<Float> {
        values[index * dimension ..< (index + 1) * dimension]
    }
}

/// What `/v1/embeddings` returns.
struct EmbeddingsResponse: Decodable {
    struct Item: Decodable {
        var index: Int?
        var embedding: [Float]
    }
    var data: [Item]
}

/// A model a server offers (`/v1/models`).
public struct ModelInfo: Sendable, Decodable, Equatable {
    public var id: String
    public var ownedBy: String?
}

struct ModelList: Decodable {
    var data: [ModelInfo]
}
