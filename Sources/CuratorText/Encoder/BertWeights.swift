/// The parameters of a BERT encoder, flat row-major, linear weights as PyTorch stores them
/// (`out × in`). The query, key and value projections of a layer are fused into one
/// `3·hidden × hidden` matrix so each layer's attention input needs one sgemm.
public struct BertWeights: Sendable {
    public struct Layer: Sendable {
        public var qkvWeight: [Float], qkvBias: [Float]
        public var attentionOutputWeight: [Float], attentionOutputBias: [Float]
        public var attentionNormWeight: [Float], attentionNormBias: [Float]
        public var intermediateWeight: [Float], intermediateBias: [Float]
        public var outputWeight: [Float], outputBias: [Float]
        public var outputNormWeight: [Float], outputNormBias: [Float]
    }

    public var configuration: BertConfiguration
    public var wordEmbeddings: [Float]
    public var positionEmbeddings: [Float]
    public var tokenTypeEmbeddings: [Float]
    public var embeddingNormWeight: [Float], embeddingNormBias: [Float]
    public var layers: [Layer]

    /// Reads every tensor of `configuration`'s encoder from `file` (names as in Hugging Face's
    /// `BertModel`, with or without a `bert.` prefix; the pooler is not used).
    /// - Throws: `TextError` naming the first missing or misshapen tensor.
    public init(file: SafetensorsFile, configuration c: BertConfiguration) throws {
        let prefix = file.shape(of: "embeddings.word_embeddings.weight") == nil && file.shape(of: "bert.embeddings.word_embeddings.weight") != nil ? "bert." : ""
        func t(_ name: String, _ shape: [Int]) throws -> [Float] { try file.floats(prefix + name, shape: shape) }
        let h = c.hiddenSize, i = c.intermediateSize
        configuration = c
        wordEmbeddings = try t("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try t("embeddings.position_embeddings.weight", [c.maxPositions, h])
        tokenTypeEmbeddings = try t("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h])
        embeddingNormWeight = try t("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try t("embeddings.LayerNorm.bias", [h])
        layers = try (0..<c.layerCount).map { n in
            let p = "encoder.layer.\(n)."
            return Layer(
                qkvWeight: try t(p + "attention.self.query.weight", [h, h]) + t(p + "attention.self.key.weight", [h, h])
                    + t(p + "attention.self.value.weight", [h, h]),
                qkvBias: try t(p + "attention.self.query.bias", [h]) + t(p + "attention.self.key.bias", [h])
                    + t(p + "attention.self.value.bias", [h]),
                attentionOutputWeight: try t(p + "attention.output.dense.weight", [h, h]),
                attentionOutputBias: try t(p + "attention.output.dense.bias", [h]),
                attentionNormWeight: try t(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBias: try t(p + "attention.output.LayerNorm.bias", [h]),
                intermediateWeight: try t(p + "intermediate.dense.weight", [i, h]),
                intermediateBias: try t(p + "intermediate.dense.bias", [i]),
                outputWeight: try t(p + "output.dense.weight", [h, i]),
                outputBias: try t(p + "output.dense.bias", [h]),
                outputNormWeight: try t(p + "output.LayerNorm.weight", [h]),
                outputNormBias: try t(p + "output.LayerNorm.bias", [h]))
        }
    }
}
