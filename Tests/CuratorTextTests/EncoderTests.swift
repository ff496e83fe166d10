import Foundation
import CuratorCore
import CuratorTestSupport
@testable import CuratorText
import Testing

@Suite struct EncoderTests {
    /// Random token sequences of varied lengths (1 to 40) from the tiny vocabulary.
    static func sequences(seed: UInt64, count: Int) -> [[Int32]] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<(1 + Int(rng.next() % 40))).map { _ in Int32(rng.next() % UInt64(TinyBertModel.vocabulary.count)) }
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func hiddenStatesMatchTheSlowReference(seed: UInt64) throws {
        let dir = TemporaryDirectory()
        let location = try TinyBertModel.write(to: dir.path, seed: seed)
        let encoder = try BertEncoder(directory: location.directory)
        let reference = ReferenceBert(w: encoder.weights)
        let batch = Self.sequences(seed: seed + 100, count: 7)
        let packed = encoder.hiddenStates(batch)
        let h = encoder.configuration.hiddenSize
        var row = 0
        var worst = 0.0
        for sequence in batch {
            for expected in reference.hiddenStates(sequence) {
                for j in 0..<h { worst = max(worst, abs(Double(packed[row * h + j]) - expected[j])) }
                row += 1
            }
        }
        #expect(row * h == packed.count)
        #expect(worst < 1e-4, "largest difference from the reference: \(worst)")
    }

    @Test func pooledEmbeddingsMatchTheReferenceAndDoNotDependOnTheBatch() throws {
        let dir = TemporaryDirectory()
        let location = try TinyBertModel.write(to: dir.path, seed: 9)
        let encoder = try BertEncoder(directory: location.directory)
        let reference = ReferenceBert(w: encoder.weights)
        let batch = Self.sequences(seed: 5, count: 12)
        let together = encoder.meanPooled(batch)
        let h = encoder.configuration.hiddenSize
        for (s, sequence) in batch.enumerated() {
            let alone = encoder.meanPooled([sequence])
            let expected = reference.sentenceEmbedding(sequence)
            for j in 0..<h {
                #expect(abs(Double(together[s * h + j]) - expected[j]) < 1e-4)
                #expect(abs(together[s * h + j] - alone[j]) < 1e-5)
            }
        }
    }

    @Test func missingTensorsAreNamed() throws {
        let dir = TemporaryDirectory()
        let c = TinyBertModel.configuration()
        let tensors = TinyBertModel.tensors(configuration: c, seed: 1).filter { $0.name != "encoder.layer.1.output.dense.weight" }
        try SafetensorsWriter.write(tensors, to: dir.path + "/model.safetensors")
        let file = try SafetensorsFile(path: dir.path + "/model.safetensors")
        #expect {
            try BertWeights(file: file, configuration: c)
        } throws: { error in
            (error as? TextError)?.description.contains("encoder.layer.1.output.dense.weight") == true
        }
    }

    @Test func nativeEmbedderEmbedsTextsToUnitVectorsAcrossBatches() async throws {
        let dir = TemporaryDirectory()
        let location = try TinyBertModel.write(to: dir.path)
        var embedder = try NativeTextEmbedder(location: location, maxLength: 64, name: "tiny")
        embedder.tokensPerBatch = 10   // force several encoder batches
        let texts = ["the movie", "slow burn sci-fi with a twist", "", "Café horror!", "robots playing war"]
        let vectors = try await embedder.embed(texts)
        #expect(vectors.count == texts.count * embedder.dimension)
        for r in texts.indices {
            let norm = (0..<embedder.dimension).reduce(Float(0)) { $0 + vectors[r * 8 + $1] * vectors[r * 8 + $1] }
            #expect(abs(norm - 1) < 1e-4)
            let alone = embedder.embedNow([texts[r]])
            for j in 0..<8 { #expect(abs(alone[j] - vectors[r * 8 + j]) < 1e-5) }
        }
    }
}

@Suite struct KernelTests {
    @Test func fastErfStaysWithinAFewUlpOfErff() {
        var worst: Float = 0
        for i in -80_000...80_000 {
            let x = Float(i) * 1e-4
            worst = max(worst, abs(BertKernels.erf(x) - erff(x)))
        }
        #expect(worst < 1e-6, "largest difference \(worst)")
        #expect(BertKernels.erf(50) == 1 || abs(BertKernels.erf(50) - 1) < 1e-6)
        #expect(abs(BertKernels.erf(-50) + 1) < 1e-6)
    }
}
