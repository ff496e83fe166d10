import CuratorCore

/// Where each SASRec parameter lives in one flat `[Float]` (weights, gradients and Adam's
/// moments share the layout, so the optimizer and the gradient reduction see one vector).
struct SASRecLayout: Sendable, Equatable {
    /// Offsets of one transformer block's parameters.
    struct Block: Sendable, Equatable {
        var ln1Gamma, ln1Beta, wq, bq, wk, bk, wv, bv, wo, bo, ln2Gamma, ln2Beta, w1, b1, w2, b2: Int
    }

    let itemCount, width, headCount, blockCount, maxLength: Int
    let itemEmbedding: Int
    let positionEmbedding: Int
    let blocks: [Block]
    let finalGamma, finalBeta: Int
    /// Floats in the whole vector.
    let count: Int

    init(itemCount: Int, width d: Int, headCount: Int, blockCount: Int, maxLength: Int) {
        self.itemCount = itemCount
        self.width = d
        self.headCount = headCount
        self.blockCount = blockCount
        self.maxLength = maxLength
        var next = 0
        func take(_ n: Int) -> Int {
            defer { next += n }
            return next
        }
        itemEmbedding = take(itemCount * d)
        positionEmbedding = take(maxLength * d)
        blocks = (0..<blockCount).map { _ in
            Block(ln1Gamma: take(d), ln1Beta: take(d), wq: take(d * d), bq: take(d), wk: take(d * d), bk: take(d),
                  wv: take(d * d), bv: take(d), wo: take(d * d), bo: take(d), ln2Gamma: take(d), ln2Beta: take(d),
                  w1: take(d * d), b1: take(d), w2: take(d * d), b2: take(d))
        }
        finalGamma = take(d)
        finalBeta = take(d)
        count = next
    }

    /// Seeded initial weights: Xavier-normal matrices and embeddings (as the PyTorch reference
    /// does), layer-norm scales 1, biases 0.
    func initialWeights(seed: UInt64) -> [Float] {
        var w = [Float](repeating: 0, count: count)
        var rng = SeededGenerator.stream(seed, 0x5A5)
        func xavier(_ offset: Int, rows: Int, columns: Int, fanRows: Int? = nil) {
            let std = (2 / Float((fanRows ?? rows) + columns)).squareRoot()
            for i in 0..<(rows * columns) { w[offset + i] = std * Float(rng.nextGaussian()) }
        }
        let d = width
        xavier(itemEmbedding, rows: itemCount, columns: d)
        xavier(positionEmbedding, rows: maxLength, columns: d)
        for b in blocks {
            // Query, key and value projections as one stacked 3d × d matrix, as PyTorch's
            // MultiheadAttention holds (and initialises) them.
            for m in [b.wq, b.wk, b.wv] { xavier(m, rows: d, columns: d, fanRows: 3 * d) }
            for m in [b.wo, b.w1, b.w2] { xavier(m, rows: d, columns: d) }
            for g in [b.ln1Gamma, b.ln2Gamma] { for c in 0..<d { w[g + c] = 1 } }
        }
        for c in 0..<d { w[finalGamma + c] = 1 }
        return w
    }
}
