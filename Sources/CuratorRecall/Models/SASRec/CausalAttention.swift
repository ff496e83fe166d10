import Foundation

/// Multi-head causal self-attention as in SASRec's PyTorch reference: queries from the
/// layer-normalised input, keys and values from the raw input, a softmax over earlier
/// positions only, dropout on the attention weights, then an output projection.
enum CausalAttention {
    /// The projection weights of one attention layer (each `W` is `d × d`, each `b` is `d`).
    struct Weights {
        var wq, bq, wk, bk, wv, bv, wo, bo: UnsafePointer<Float>
    }

    /// Their gradients, laid out alike.
    struct Gradients {
        var wq, bq, wk, bk, wv, bv, wo, bo: UnsafeMutablePointer<Float>
    }

    /// What backward needs from forward: `q`, `k`, `v` and `heads` are `L × d`; `probabilities`,
    /// `dropped` and `mask` are `heads × L × L`.
    struct Cache {
        var q, k, v, probabilities, dropped, mask, heads: UnsafeMutablePointer<Float>
    }

    /// Scratch for backward: `dHeads`, `dq`, `dk`, `dv` are `L × d`, `dScores` is `L × L`.
    struct Scratch {
        var dHeads, dq, dk, dv, dScores: UnsafeMutablePointer<Float>
    }

    /// `output = Attention(queries, keys)`, `L × d`.
    static func forward(
        queries: UnsafePointer<Float>, keys: UnsafePointer<Float>, length L: Int, width d: Int, headCount: Int,
        weights w: Weights, cache: Cache, output: UnsafeMutablePointer<Float>,
        dropout rate: Float, rng: inout SeededGeneratorRef
    ) {
        Linear.forward(queries, rows: L, input: d, output: d, weight: w.wq, bias: w.bq, y: cache.q)
        Linear.forward(keys, rows: L, input: d, output: d, weight: w.wk, bias: w.bk, y: cache.k)
        Linear.forward(keys, rows: L, input: d, output: d, weight: w.wv, bias: w.bv, y: cache.v)
        let dh = d / headCount, scale = 1 / Float(dh).squareRoot()
        for h in 0..<headCount {
            let p = cache.probabilities + h * L * L, dropped = cache.dropped + h * L * L
            Dense.gemm(false, true, m: L, n: L, k: dh, alpha: scale, cache.q + h * dh, lda: d, cache.k + h * dh, ldb: d, p, ldc: L)
            for i in 0..<L {
                let row = p + i * L
                VectorMath.softmax(row, i + 1)
                (row + i + 1).update(repeating: 0, count: L - i - 1)
            }
            dropped.update(from: p, count: L * L)
            if rate > 0 { Dense.dropout(dropped, mask: cache.mask + h * L * L, count: L * L, rate: rate, rng: &rng) }
            Dense.gemm(false, false, m: L, n: dh, k: L, dropped, lda: L, cache.v + h * dh, ldb: d, cache.heads + h * dh, ldc: d)
        }
        Linear.forward(cache.heads, rows: L, input: d, output: d, weight: w.wo, bias: w.bo, y: output)
    }

    /// Adds parameter gradients, and the input gradients into `dQueries` and `dKeys`.
    static func backward(
        _ dOutput: UnsafePointer<Float>, queries: UnsafePointer<Float>, keys: UnsafePointer<Float>,
        length L: Int, width d: Int, headCount: Int, weights w: Weights, cache: Cache, dropout rate: Float,
        gradients g: Gradients, scratch s: Scratch,
        dQueries: UnsafeMutablePointer<Float>, dKeys: UnsafeMutablePointer<Float>
    ) {
        s.dHeads.update(repeating: 0, count: L * d)
        Linear.backward(dOutput, x: cache.heads, rows: L, input: d, output: d, weight: w.wo, dWeight: g.wo, dBias: g.bo, dx: s.dHeads)
        let dh = d / headCount, scale = 1 / Float(dh).squareRoot()
        for h in 0..<headCount {
            let p = cache.probabilities + h * L * L, dropped = cache.dropped + h * L * L, mask = cache.mask + h * L * L
            let dS = s.dScores
            Dense.gemm(false, true, m: L, n: L, k: dh, s.dHeads + h * dh, lda: d, cache.v + h * dh, ldb: d, dS, ldc: L)
            Dense.gemm(true, false, m: L, n: dh, k: L, dropped, lda: L, s.dHeads + h * dh, ldb: d, s.dv + h * dh, ldc: d)
            for i in 0..<L {
                // The softmax's backward over the row's i + 1 visible entries, eight lanes wide.
                let row = dS + i * L, prob = p + i * L, n = i + 1
                if rate > 0 { VectorMath.multiply(row, by: mask + i * L, n) }
                let inner = VectorMath.dot(prob, row, n)
                var j = 0
                while j + 8 <= n {
                    let probs = UnsafeRawPointer(prob + j).loadUnaligned(as: SIMD8<Float>.self)
                    VectorMath.store(probs * (VectorMath.load(row + j) - inner) * scale, row + j)
                    j += 8
                }
                while j < n {
                    row[j] = prob[j] * (row[j] - inner) * scale
                    j += 1
                }
                (row + n).update(repeating: 0, count: L - n)
            }
            Dense.gemm(false, false, m: L, n: dh, k: L, dS, lda: L, cache.k + h * dh, ldb: d, s.dq + h * dh, ldc: d)
            Dense.gemm(true, false, m: L, n: dh, k: L, dS, lda: L, cache.q + h * dh, ldb: d, s.dk + h * dh, ldc: d)
        }
        Linear.backward(s.dq, x: queries, rows: L, input: d, output: d, weight: w.wq, dWeight: g.wq, dBias: g.bq, dx: dQueries)
        Linear.backward(s.dk, x: keys, rows: L, input: d, output: d, weight: w.wk, dWeight: g.wk, dBias: g.bk, dx: dKeys)
        Linear.backward(s.dv, x: keys, rows: L, input: d, output: d, weight: w.wv, dWeight: g.wv, dBias: g.bv, dx: dKeys)
    }
}
