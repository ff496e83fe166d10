import CuratorCore
import CuratorText
import Foundation

/// A tiny BERT with seeded random weights and a small vocabulary, written as the real model's
/// files (`config.json`, `model.safetensors`, `vocab.txt`), so the native embedder's whole
/// loading path runs in tests without the real model.
public enum TinyBertModel {
    /// The tiny vocabulary: special tokens, some words, word pieces and punctuation.
    public static let vocabulary: [String] = [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "the", "a", "movie", "film", "space", "sci", "-", "fi", "slow", "burn", "with", "twist",
        "cafe", "hello", "world", "un", "##aff", "##able", "love", "story", "war", "robot", "##s",
        ",", ".", "!", "'", "?", "(", ")", "1995", "19", "##95", "heat", "comedy", "drama", "horror",
        "de", "ja", "vu", "naive", "resume", "over", "##ture", "play", "##ing", "zoo", "[", "]",
        "a", "b", "c", "##a", "##b", "##c", "时", "间",
    ].reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }

    /// A small configuration: 2 layers, 2 heads of width 4.
    public static func configuration(maxPositions: Int = 64) -> BertConfiguration {
        BertConfiguration(hiddenSize: 8, layerCount: 2, headCount: 2, intermediateSize: 16, maxPositions: maxPositions,
                          typeVocabularySize: 2, vocabularySize: vocabulary.count, layerNormEpsilon: 1e-12)
    }

    /// Seeded random tensors named as Hugging Face's `BertModel` names them.
    public static func tensors(configuration c: BertConfiguration, seed: UInt64) -> [SafetensorsWriter.Tensor] {
        var rng = SeededGenerator(seed: seed)
        func random(_ shape: [Int], scale: Float = 0.5, around center: Float = 0) -> [Float] {
            (0..<shape.reduce(1, *)).map { _ in center + scale * (2 * rng.nextUnitFloat() - 1) }
        }
        let h = c.hiddenSize, i = c.intermediateSize
        var tensors: [SafetensorsWriter.Tensor] = [
            .init(name: "embeddings.word_embeddings.weight", shape: [c.vocabularySize, h], values: random([c.vocabularySize, h])),
            .init(name: "embeddings.position_embeddings.weight", shape: [c.maxPositions, h], values: random([c.maxPositions, h])),
            .init(name: "embeddings.token_type_embeddings.weight", shape: [c.typeVocabularySize, h], values: random([c.typeVocabularySize, h])),
            .init(name: "embeddings.LayerNorm.weight", shape: [h], values: random([h], scale: 0.2, around: 1)),
            .init(name: "embeddings.LayerNorm.bias", shape: [h], values: random([h], scale: 0.1)),
        ]
        for n in 0..<c.layerCount {
            let p = "encoder.layer.\(n)."
            for (name, shape) in [
                ("attention.self.query", [h, h]), ("attention.self.key", [h, h]), ("attention.self.value", [h, h]),
                ("attention.output.dense", [h, h]), ("intermediate.dense", [i, h]), ("output.dense", [h, i]),
            ] {
                tensors.append(.init(name: p + name + ".weight", shape: shape, values: random(shape)))
                tensors.append(.init(name: p + name + ".bias", shape: [shape[0]], values: random([shape[0]], scale: 0.1)))
            }
            for norm in ["attention.output.LayerNorm", "output.LayerNorm"] {
                tensors.append(.init(name: p + norm + ".weight", shape: [h], values: random([h], scale: 0.2, around: 1)))
                tensors.append(.init(name: p + norm + ".bias", shape: [h], values: random([h], scale: 0.1)))
            }
        }
        return tensors
    }

    /// Writes the three model files into `directory` and returns its location.
    @discardableResult
    public static func write(to directory: String, seed: UInt64 = 1, maxPositions: Int = 64) throws -> EmbeddingModelLocation {
        let c = configuration(maxPositions: maxPositions)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try SafetensorsWriter.write(tensors(configuration: c, seed: seed), to: directory + "/model.safetensors")
        try JSONEncoder().encode(c).write(to: URL(fileURLWithPath: directory + "/config.json"))
        try (vocabulary.joined(separator: "\n") + "\n").write(toFile: directory + "/vocab.txt", atomically: true, encoding: .utf8)
        return EmbeddingModelLocation(directory: directory)
    }
}
