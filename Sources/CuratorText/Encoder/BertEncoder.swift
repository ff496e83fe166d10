import CBLAS
import CuratorCore
import Foundation

/// A BERT encoder (post-LayerNorm, GELU) over OpenBLAS.
///
/// A batch's sequences are packed one after another into a single `tokens × hidden` matrix,
/// so every projection of a layer is one sgemm over the whole batch with no padding;
/// attention runs per (sequence, head) on strided views of the fused QKV matrix, spread
/// across threads.
public struct BertEncoder: Sendable {
    public let weights: BertWeights
    public var configuration: BertConfiguration { weights.configuration }

    public init(weights: BertWeights) { self.weights = weights }

    /// Loads `config.json` and `model.safetensors` from a model folder.
    /// - Throws: `TextError` when a file is missing or does not hold the model.
    public init(directory: String) throws {
        let configuration = try BertConfiguration(contentsOf: directory + "/config.json")
        let file = try SafetensorsFile(path: directory + "/model.safetensors")
        self.init(weights: try BertWeights(file: file, configuration: configuration))
    }

    /// The last layer's hidden states of each sequence, packed: `Σ lengths × hidden`, row-major.
    /// Sequences must be non-empty, no longer than `maxPositions`, with ids in the vocabulary.
    /// - Parameter parallel: spread row-wise steps and attention over `Parallel`'s workers;
    ///   `false` for callers that already run one batch per worker.
    public func hiddenStates(_ sequences: [[Int32]], parallel: Bool = true) -> [Float] {
        let c = configuration, h = c.hiddenSize
        let lengths = sequences.map(\.count)
        precondition(lengths.allSatisfy { $0 > 0 && $0 <= c.maxPositions }, "sequence lengths in 1...maxPositions")
        let tokens = lengths.reduce(0, +)
        var offsets = [0]
        for length in lengths { offsets.append(offsets.last! + length) }

        var x = [Float](repeating: 0, count: tokens * h)
        embed(sequences, offsets: offsets, into: &x, parallel: parallel)
        var qkv = [Float](repeating: 0, count: tokens * 3 * h)
        var context = [Float](repeating: 0, count: tokens * h)
        var residual = [Float](repeating: 0, count: tokens * h)
        var intermediate = [Float](repeating: 0, count: tokens * c.intermediateSize)
        x.withUnsafeMutableBufferPointer { x in
            qkv.withUnsafeMutableBufferPointer { qkv in
                context.withUnsafeMutableBufferPointer { context in
                    residual.withUnsafeMutableBufferPointer { residual in
                        intermediate.withUnsafeMutableBufferPointer { intermediate in
                            for layer in weights.layers {
                                let x = x.baseAddress!, qkv = qkv.baseAddress!, ctx = context.baseAddress!
                                let res = residual.baseAddress!, inter = intermediate.baseAddress!
                                BertKernels.fillRows(qkv, rows: tokens, with: layer.qkvBias)
                                BertKernels.linear(x, rows: tokens, inputs: h, weight: layer.qkvWeight, outputs: 3 * h, into: qkv, accumulate: true)
                                attend(qkv: qkv, offsets: offsets, into: ctx, parallel: parallel)
                                res.update(from: x, count: tokens * h)
                                BertKernels.linear(ctx, rows: tokens, inputs: h, weight: layer.attentionOutputWeight, outputs: h, into: res, accumulate: true)
                                BertKernels.addBiasAndNormalize(res, rows: tokens, bias: layer.attentionOutputBias,
                                                                gamma: layer.attentionNormWeight, beta: layer.attentionNormBias, epsilon: c.layerNormEpsilon, parallel: parallel)
                                BertKernels.fillRows(inter, rows: tokens, with: layer.intermediateBias)
                                BertKernels.linear(res, rows: tokens, inputs: h, weight: layer.intermediateWeight, outputs: c.intermediateSize, into: inter, accumulate: true)
                                BertKernels.gelu(inter, count: tokens * c.intermediateSize, parallel: parallel)
                                x.update(from: res, count: tokens * h)
                                BertKernels.linear(inter, rows: tokens, inputs: c.intermediateSize, weight: layer.outputWeight, outputs: h, into: x, accumulate: true)
                                BertKernels.addBiasAndNormalize(x, rows: tokens, bias: layer.outputBias,
                                                                gamma: layer.outputNormWeight, beta: layer.outputNormBias, epsilon: c.layerNormEpsilon, parallel: parallel)
                            }
                        }
                    }
                }
            }
        }
        return x
    }

    /// The mean of each sequence's hidden states (`sequences.count × hidden`), each row scaled
    /// to unit length when `normalize` is set — sentence-transformers' mean pooling.
    public func meanPooled(_ sequences: [[Int32]], normalize: Bool = true, parallel: Bool = true) -> [Float] {
        let h = configuration.hiddenSize
        let states = hiddenStates(sequences, parallel: parallel)
        var pooled = [Float](repeating: 0, count: sequences.count * h)
        var start = 0
        for (s, sequence) in sequences.enumerated() {
            let row = s * h
            for t in start..<(start + sequence.count) {
                for j in 0..<h { pooled[row + j] += states[t * h + j] }
            }
            let inverse = 1 / Float(sequence.count)
            for j in 0..<h { pooled[row + j] *= inverse }
            if normalize {
                var norm: Float = 0
                for j in 0..<h { norm += pooled[row + j] * pooled[row + j] }
                let scale = 1 / max(norm.squareRoot(), 1e-12)
                for j in 0..<h { pooled[row + j] *= scale }
            }
            start += sequence.count
        }
        return pooled
    }

    /// Word + position + token-type (0) embeddings, then LayerNorm.
    private func embed(_ sequences: [[Int32]], offsets: [Int], into x: inout [Float], parallel: Bool) {
        let c = configuration, h = c.hiddenSize
        for (s, sequence) in sequences.enumerated() {
            for (position, id) in sequence.enumerated() {
                precondition(id >= 0 && Int(id) < c.vocabularySize, "token id \(id) outside the vocabulary")
                let row = (offsets[s] + position) * h, word = Int(id) * h, pos = position * h
                for j in 0..<h { x[row + j] = weights.wordEmbeddings[word + j] + weights.positionEmbeddings[pos + j] + weights.tokenTypeEmbeddings[j] }
            }
        }
        x.withUnsafeMutableBufferPointer { x in
            BertKernels.addBiasAndNormalize(x.baseAddress!, rows: offsets.last!, bias: nil, gamma: weights.embeddingNormWeight,
                                            beta: weights.embeddingNormBias, epsilon: c.layerNormEpsilon, parallel: parallel)
        }
    }

    /// Scaled dot-product attention of every head of every sequence, written into `context`
    /// (`tokens × hidden`, head `h` in columns `h·d..<(h+1)·d`).
    private func attend(qkv: UnsafeMutablePointer<Float>, offsets: [Int], into context: UnsafeMutablePointer<Float>, parallel: Bool) {
        let c = configuration, h = c.hiddenSize, d = c.headSize, heads = c.headCount
        let sequenceCount = offsets.count - 1
        let longest = (0..<sequenceCount).map { offsets[$0 + 1] - offsets[$0] }.max() ?? 0
        let scale = 1 / Float(d).squareRoot()
        let workers = parallel ? Parallel.threadCount : 1
        var scratch = [Float](repeating: 0, count: workers * longest * longest)
        let qkvView = DisjointWrites(UnsafeMutableBufferPointer(start: qkv, count: offsets.last! * 3 * h))
        let out = DisjointWrites(UnsafeMutableBufferPointer(start: context, count: offsets.last! * h))
        // OpenBLAS threads an sgemm itself once m·n·k passes about 2^18; calling it from several
        // workers at once then oversubscribes the cores (measured: 40% slower on 128-token
        // texts), so long sequences run their heads one after another.
        let blasThreadsItself = longest * longest * d >= 1 << 18
        let units = sequenceCount * heads
        scratch.withUnsafeMutableBufferPointer { scratch in
            let scratch = DisjointWrites(scratch)
            // Units of work: (sequence, head); each writes only its own block of `context`
            // and its worker's own scratch, and qkv is only read.
            BertKernels.forEachChunk(units, minimumChunk: blasThreadsItself ? units : 1, parallel: parallel) { range, worker in
                let scores = scratch.base + worker * longest * longest
                for unit in range {
                    let s = unit / heads, head = unit % heads
                    let start = offsets[s], length = offsets[s + 1] - start
                    let q = qkvView.base + start * 3 * h + head * d
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(length), Int32(length), Int32(d), scale,
                                q, Int32(3 * h), q + h, Int32(3 * h), 0, scores, Int32(length))
                    BertKernels.softmaxRows(scores, rows: length, width: length)
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(length), Int32(d), Int32(length), 1,
                                scores, Int32(length), q + 2 * h, Int32(3 * h), 0, out.base + start * h + head * d, Int32(h))
                }
            }
        }
    }
}
