import Foundation

/// The shape of a BERT encoder, as `config.json` of a Hugging Face checkpoint gives it.
public struct BertConfiguration: Sendable, Equatable, Codable {
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var vocabularySize: Int
    public var layerNormEpsilon: Float

    public init(hiddenSize: Int = 384, layerCount: Int = 6, headCount: Int = 12, intermediateSize: Int = 1536,
                maxPositions: Int = 512, typeVocabularySize: Int = 2, vocabularySize: Int = 30522,
                layerNormEpsilon: Float = 1e-12) {
        precondition(hiddenSize % headCount == 0, "hidden size divisible by the head count")
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.vocabularySize = vocabularySize
        self.layerNormEpsilon = layerNormEpsilon
    }

    public var headSize: Int { hiddenSize / headCount }

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", layerCount = "num_hidden_layers", headCount = "num_attention_heads"
        case intermediateSize = "intermediate_size", maxPositions = "max_position_embeddings"
        case typeVocabularySize = "type_vocab_size", vocabularySize = "vocab_size", layerNormEpsilon = "layer_norm_eps"
        case hiddenAct = "hidden_act"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let act = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "gelu"
        guard act == "gelu" else {
            throw DecodingError.dataCorruptedError(forKey: .hiddenAct, in: c, debugDescription: "only hidden_act \"gelu\" is supported, not \"\(act)\"")
        }
        self.init(
            hiddenSize: try c.decode(Int.self, forKey: .hiddenSize), layerCount: try c.decode(Int.self, forKey: .layerCount),
            headCount: try c.decode(Int.self, forKey: .headCount), intermediateSize: try c.decode(Int.self, forKey: .intermediateSize),
            maxPositions: try c.decode(Int.self, forKey: .maxPositions),
            typeVocabularySize: try c.decodeIfPresent(Int.self, forKey: .typeVocabularySize) ?? 2,
            vocabularySize: try c.decode(Int.self, forKey: .vocabularySize),
            layerNormEpsilon: try c.decodeIfPresent(Float.self, forKey: .layerNormEpsilon) ?? 1e-12)
        guard hiddenSize % headCount == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .headCount, in: c, debugDescription: "hidden_size is not a multiple of num_attention_heads")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hiddenSize, forKey: .hiddenSize)
        try c.encode(layerCount, forKey: .layerCount)
        try c.encode(headCount, forKey: .headCount)
        try c.encode(intermediateSize, forKey: .intermediateSize)
        try c.encode(maxPositions, forKey: .maxPositions)
        try c.encode(typeVocabularySize, forKey: .typeVocabularySize)
        try c.encode(vocabularySize, forKey: .vocabularySize)
        try c.encode(layerNormEpsilon, forKey: .layerNormEpsilon)
        try c.encode("gelu", forKey: .hiddenAct)
    }

    /// Reads `config.json`.
    /// - Throws: `TextError` when it is missing or not a BERT configuration.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw TextError(.missingFile, location: path) }
        do { self = try JSONDecoder().decode(BertConfiguration.self, from: data) } catch {
            throw TextError(.malformed("not a BERT configuration: \(error)"), location: path)
        }
    }
}
