import Foundation

/// SASRec's training objectives over a sequence's outputs `F` (`L × d`), where position `t`
/// should predict `positives[t]`: logits are `F_t · E_item` with the item embedding `E`.
public enum SASRecLoss {
    /// The objective of a fit.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Binary cross-entropy on the positive and sampled negatives (the paper's objective).
        case bce
        /// Cross-entropy of a softmax over every item.
        case ce
    }

    /// `log(1 + eˣ)` without overflow.
    @inline(__always)
    static func softplus(_ x: Float) -> Float { max(x, 0) + log1pf(expf(-abs(x))) }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    /// Binary cross-entropy with `k` negatives per position (`negatives[t·k + j]`), divided by
    /// `normalizer`. Writes `∂loss/∂F` into `dOutput` and adds `∂loss/∂E` into `dEmbedding`.
    /// - Returns: the undivided loss sum.
    static func binaryCrossEntropy(
        output f: UnsafePointer<Float>, length L: Int, width d: Int, positives: UnsafePointer<Int32>,
        negatives: UnsafePointer<Int32>, negativesPerPosition k: Int, embedding e: UnsafePointer<Float>,
        dOutput: UnsafeMutablePointer<Float>, dEmbedding: UnsafeMutablePointer<Float>, normalizer: Float
    ) -> Double {
        var loss = 0.0
        dOutput.update(repeating: 0, count: L * d)
        for t in 0..<L {
            let row = f + t * d, dRow = dOutput + t * d
            for j in -1..<k {
                let item = Int(j < 0 ? positives[t] : negatives[t * k + j])
                let logit = Dense.dot(d, row, e + item * d)
                loss += Double(j < 0 ? softplus(-logit) : softplus(logit))
                let gradient = ((j < 0 ? sigmoid(logit) - 1 : sigmoid(logit))) / normalizer
                Dense.axpy(d, gradient, e + item * d, dRow)
                Dense.axpy(d, gradient, row, dEmbedding + item * d)
            }
        }
        return loss
    }

    /// Softmax cross-entropy over all `itemCount` items, divided by `normalizer`; `logits` is
    /// scratch of `L × itemCount` floats. Gradients as for `binaryCrossEntropy`.
    /// - Returns: the undivided loss sum.
    static func softmaxCrossEntropy(
        output f: UnsafePointer<Float>, length L: Int, width d: Int, positives: UnsafePointer<Int32>,
        itemCount n: Int, embedding e: UnsafePointer<Float>, logits: UnsafeMutablePointer<Float>,
        dOutput: UnsafeMutablePointer<Float>, dEmbedding: UnsafeMutablePointer<Float>, normalizer: Float
    ) -> Double {
        Dense.gemm(false, true, m: L, n: n, k: d, f, lda: d, e, ldb: d, logits, ldc: n)
        var loss = 0.0
        for t in 0..<L {
            let row = logits + t * n
            var top = -Float.infinity
            for i in 0..<n { top = max(top, row[i]) }
            var sum: Float = 0
            for i in 0..<n {
                row[i] = expf(row[i] - top)
                sum += row[i]
            }
            let target = Int(positives[t])
            loss -= Double(logf(row[target] / sum))
            for i in 0..<n { row[i] /= sum * normalizer }
            row[target] -= 1 / normalizer
        }
        Dense.gemm(false, false, m: L, n: d, k: n, logits, lda: n, e, ldb: d, dOutput, ldc: d)
        Dense.gemm(true, false, m: n, n: d, k: L, logits, lda: n, f, ldb: d, beta: 1, dEmbedding, ldc: d)
        return loss
    }
}
