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
        /// gBCE (Petrov & Macdonald, RecSys 2023) against a sequence's shared negatives: BCE with
        /// the positive's term scaled by β, which calibrates scores as if every item were a negative.
        case gbce
        /// Softmax cross-entropy over the positive and a sequence's shared negatives, with the logQ
        /// correction: each negative's logit is raised by −log q, q = negatives / items being the
        /// chance that a given item is drawn, so the row's sum estimates the full softmax's.
        case sampledSoftmax = "sampled-ce"

        /// Whether the loss uses `SharedNegatives` (one set per sequence) rather than per-position draws.
        public var usesSharedNegatives: Bool { self == .gbce || self == .sampledSoftmax }
    }

    /// gBCE's β for `negatives` drawn from `itemCount` items with calibration `t` (0: plain BCE,
    /// 1: fully calibrated): α(t(1 − 1/α) + 1/α) with sampling rate α = negatives / (itemCount − 1).
    static func gbceBeta(negatives: Int, itemCount: Int, t: Float) -> Float {
        let alpha = Float(negatives) / Float(itemCount - 1)
        return alpha * (t * (1 - 1 / alpha) + 1 / alpha)
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
    /// scratch of `L × products.stride` floats. Writes `∂loss/∂F` into `dOutput` and adds
    /// `∂loss/∂E` through `products` (into its `dEmbedding`, at once or at its `finish()`).
    /// - Returns: the undivided loss sum.
    static func softmaxCrossEntropy(
        output f: UnsafePointer<Float>, length L: Int, positives: UnsafePointer<Int32>, products: SoftmaxProducts,
        logits: UnsafeMutablePointer<Float>, dOutput: UnsafeMutablePointer<Float>, normalizer: Float
    ) -> Double {
        let n = products.itemCount, stride = products.stride
        products.logits(f, rows: L, into: logits)
        var loss = 0.0
        for t in 0..<L {
            // Three passes over the row (max; exponentials and their sum; scale); a row's
            // columns past the catalog stay 0, so they add nothing to the products after.
            let row = logits + t * stride, target = Int(positives[t])
            let top = VectorMath.maximum(row, n), logit = row[target]
            let sum = VectorMath.exponentiate(row, n, shift: top)
            loss += Double(logf(sum) - (logit - top))
            VectorMath.scale(row, n, by: 1 / (sum * normalizer))
            row[target] -= 1 / normalizer
        }
        products.backward(logits, f, rows: L, dOutput: dOutput)
        return loss
    }

    /// gBCE (`.gbce`, with `beta`) or sampled softmax (`.sampledSoftmax`) against `negatives`,
    /// divided by `normalizer`. `logits` is scratch of `L × (negatives.count + 1)` floats. Writes
    /// `∂loss/∂F` into `dOutput`, adds the positives' `∂loss/∂E` into `dEmbedding` and the
    /// negatives' into `dNegatives` (`negatives.count × d`, for `SharedNegatives.scatter`).
    /// - Returns: the undivided loss sum.
    static func sharedNegatives(
        _ kind: Kind, output f: UnsafePointer<Float>, length L: Int, width d: Int, positives: UnsafePointer<Int32>,
        negatives: SharedNegatives, beta: Float, embedding e: UnsafePointer<Float>, logits: UnsafeMutablePointer<Float>,
        dOutput: UnsafeMutablePointer<Float>, dEmbedding: UnsafeMutablePointer<Float>, dNegatives: UnsafeMutablePointer<Float>,
        normalizer: Float
    ) -> Double {
        precondition(kind.usesSharedNegatives, "a shared-negative loss")
        // Row t: the k negatives' logits, then (column k) the positive's gradient.
        let k = negatives.count, stride = k + 1
        var loss = 0.0
        negatives.embedding.withUnsafeBufferPointer { en in
            negatives.corrections.withUnsafeBufferPointer { corrections in
                let en = en.baseAddress!, corrections = corrections.baseAddress!
                Dense.gemm(false, true, m: L, n: k, k: d, f, lda: d, en, ldb: d, logits, ldc: stride)
                for t in 0..<L {
                    let row = logits + t * stride, target = Int(positives[t])
                    let positive = Dense.dot(d, f + t * d, e + target * d)
                    negatives.mask(positives[t], in: row)
                    var dPositive: Float
                    if kind == .gbce {
                        loss += Double(beta * softplus(-positive))
                        dPositive = beta * (sigmoid(positive) - 1)
                        // softplus(s) and σ(s) from one exponential, e^(−|s|).
                        var negativeLoss: Float = 0
                        for j in 0..<k {
                            let s = row[j], small = expf(-abs(s))
                            negativeLoss += max(s, 0) + log1pf(small)
                            row[j] = (s >= 0 ? 1 : small) / ((1 + small) * normalizer)
                        }
                        loss += Double(negativeLoss)
                    } else {
                        // logQ correction: the positive is always in the row, another item only as
                        // often as it is drawn, so each draw's logit is raised by −log(expected
                        // draws) and the row's sum estimates the full softmax's denominator without bias.
                        VectorMath.add(corrections, to: row, k)
                        let top = max(positive, VectorMath.maximum(row, k))
                        let p = VectorMath.exp(positive - top)
                        let sum = p + VectorMath.exponentiate(row, k, shift: top)
                        loss += Double(logf(sum) - (positive - top))
                        dPositive = p / sum - 1
                        VectorMath.scale(row, k, by: 1 / (sum * normalizer))
                    }
                    dPositive /= normalizer
                    row[k] = dPositive
                    Dense.axpy(d, dPositive, f + t * d, dEmbedding + target * d)
                }
                Dense.gemm(false, false, m: L, n: d, k: k, logits, lda: stride, en, ldb: d, dOutput, ldc: d)
                for t in 0..<L { Dense.axpy(d, logits[t * stride + k], e + Int(positives[t]) * d, dOutput + t * d) }
                Dense.gemm(true, false, m: k, n: d, k: L, logits, lda: stride, f, ldb: d, beta: 1, dNegatives, ldc: d)
            }
        }
        return loss
    }
}
