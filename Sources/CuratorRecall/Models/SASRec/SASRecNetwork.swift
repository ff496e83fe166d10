/// SASRec's forward and backward pass over one sequence (Kang & McAuley 2018, in the layout of
/// the widely used PyTorch port): scaled item embeddings plus right-aligned position
/// embeddings, dropout, then per block `a = LN(x)`, `r = a + Attention(a, x)`, `f = LN(r)`,
/// `x' = f + Dropout(W₂ ReLU(Dropout(W₁ f)))`, and a final layer norm.
struct SASRecNetwork {
    let layout: SASRecLayout
    let dropout: Float

    private func attentionWeights(_ w: UnsafePointer<Float>, _ b: SASRecLayout.Block) -> CausalAttention.Weights {
        .init(wq: w + b.wq, bq: w + b.bq, wk: w + b.wk, bk: w + b.bk, wv: w + b.wv, bv: w + b.bv, wo: w + b.wo, bo: w + b.bo)
    }

    private func attentionGradients(_ g: UnsafeMutablePointer<Float>, _ b: SASRecLayout.Block) -> CausalAttention.Gradients {
        .init(wq: g + b.wq, bq: g + b.bq, wk: g + b.wk, bk: g + b.bk, wv: g + b.wv, bv: g + b.bv, wo: g + b.wo, bo: g + b.bo)
    }

    /// Runs the network over `items` (`L ≤ capacity`, oldest first); the result is
    /// `a.output` (`L × d`). Dropout applies only when `training`.
    func forward(_ items: UnsafePointer<Int32>, length L: Int, weights w: UnsafePointer<Float>,
                 activations a: SASRecActivations, training: Bool, rng: inout SeededGeneratorRef) {
        let d = layout.width, rate = training ? dropout : 0, scale = Float(d).squareRoot()
        let x0 = a.inputs[0]
        for t in 0..<L {
            let item = w + layout.itemEmbedding + Int(items[t]) * d
            let position = w + layout.positionEmbedding + (layout.maxLength - L + t) * d
            (x0 + t * d).update(from: position, count: d)
            VectorMath.axpy(scale, item, x0 + t * d, d)
        }
        if rate > 0 { Dense.dropout(x0, mask: a.embeddingMask, count: L * d, rate: rate, rng: &rng) }
        for (index, b) in layout.blocks.enumerated() {
            let x = a.inputs[index], cache = a.blocks[index], next = a.inputs[index + 1]
            LayerNorm.forward(x, rows: L, width: d, gamma: w + b.ln1Gamma, beta: w + b.ln1Beta,
                              y: cache.queries, normalized: cache.normalized1, inverseStd: cache.inverseStd1)
            CausalAttention.forward(queries: cache.queries, keys: x, length: L, width: d, headCount: layout.headCount,
                                    weights: attentionWeights(w, b), cache: cache.attention, output: cache.attentionOutput,
                                    dropout: rate, rng: &rng)
            let residual = a.dTemp
            for i in 0..<(L * d) { residual[i] = cache.queries[i] + cache.attentionOutput[i] }
            LayerNorm.forward(residual, rows: L, width: d, gamma: w + b.ln2Gamma, beta: w + b.ln2Beta,
                              y: cache.feedInput, normalized: cache.normalized2, inverseStd: cache.inverseStd2)
            Linear.forward(cache.feedInput, rows: L, input: d, output: d, weight: w + b.w1, bias: w + b.b1, y: cache.hidden)
            if rate > 0 { Dense.dropout(cache.hidden, mask: cache.hiddenMask, count: L * d, rate: rate, rng: &rng) }
            Linear.relu(cache.hidden, count: L * d)
            Linear.forward(cache.hidden, rows: L, input: d, output: d, weight: w + b.w2, bias: w + b.b2, y: next)
            if rate > 0 { Dense.dropout(next, mask: cache.outputMask, count: L * d, rate: rate, rng: &rng) }
            VectorMath.add(cache.feedInput, to: next, L * d)
        }
        LayerNorm.forward(a.inputs[layout.blockCount], rows: L, width: d, gamma: w + layout.finalGamma, beta: w + layout.finalBeta,
                          y: a.output, normalized: a.finalNormalized, inverseStd: a.finalInverseStd)
    }

    /// Adds every parameter's gradient into `g`, given `∂L/∂output` in `a.dOutput`
    /// (after a training `forward` of the same sequence).
    func backward(_ items: UnsafePointer<Int32>, length L: Int, weights w: UnsafePointer<Float>,
                  activations a: SASRecActivations, gradients g: UnsafeMutablePointer<Float>, training: Bool) {
        let d = layout.width, n = L * d, rate = training ? dropout : 0
        var dx = a.dHidden, dPrevious = a.dNext
        LayerNorm.backward(a.dOutput, rows: L, width: d, gamma: w + layout.finalGamma, normalized: a.finalNormalized,
                           inverseStd: a.finalInverseStd, dGamma: g + layout.finalGamma, dBeta: g + layout.finalBeta, dx: dx)
        for (index, b) in layout.blocks.enumerated().reversed() {
            let x = a.inputs[index], cache = a.blocks[index]
            // x' = f + Dropout(W₂ ReLU(Dropout(W₁ f))): dx holds ∂L/∂x'.
            let dFeed = a.dFeed
            dFeed.update(from: dx, count: n)
            if rate > 0 { VectorMath.multiply(dx, by: cache.outputMask, n) }
            let dHidden = a.dQueries
            dHidden.update(repeating: 0, count: n)
            Linear.backward(dx, x: cache.hidden, rows: L, input: d, output: d, weight: w + b.w2, dWeight: g + b.w2, dBias: g + b.b2, dx: dHidden)
            Linear.reluBackward(dHidden, output: cache.hidden, count: n)
            if rate > 0 { VectorMath.multiply(dHidden, by: cache.hiddenMask, n) }
            Linear.backward(dHidden, x: cache.feedInput, rows: L, input: d, output: d, weight: w + b.w1, dWeight: g + b.w1, dBias: g + b.b1, dx: dFeed)
            // f = LN(r), r = a + Attention(a, x).
            LayerNorm.backward(dFeed, rows: L, width: d, gamma: w + b.ln2Gamma, normalized: cache.normalized2, inverseStd: cache.inverseStd2,
                               dGamma: g + b.ln2Gamma, dBeta: g + b.ln2Beta, dx: a.dResidual)
            let dQueries = a.dQueries
            dQueries.update(from: a.dResidual, count: n)
            dPrevious.update(repeating: 0, count: n)
            CausalAttention.backward(a.dResidual, queries: cache.queries, keys: x, length: L, width: d, headCount: layout.headCount,
                                     weights: attentionWeights(w, b), cache: cache.attention, dropout: rate,
                                     gradients: attentionGradients(g, b), scratch: a.attentionScratch,
                                     dQueries: dQueries, dKeys: dPrevious)
            LayerNorm.backward(dQueries, rows: L, width: d, gamma: w + b.ln1Gamma, normalized: cache.normalized1, inverseStd: cache.inverseStd1,
                               dGamma: g + b.ln1Gamma, dBeta: g + b.ln1Beta, dx: a.dTemp)
            VectorMath.add(a.dTemp, to: dPrevious, n)
            swap(&dx, &dPrevious)
        }
        if rate > 0 { VectorMath.multiply(dx, by: a.embeddingMask, n) }
        let scale = Float(d).squareRoot()
        for t in 0..<L {
            Dense.axpy(d, scale, dx + t * d, g + layout.itemEmbedding + Int(items[t]) * d)
            Dense.axpy(d, 1, dx + t * d, g + layout.positionEmbedding + (layout.maxLength - L + t) * d)
        }
    }
}
