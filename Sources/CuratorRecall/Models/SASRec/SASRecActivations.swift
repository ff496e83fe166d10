/// One sequence's activations and backward scratch, carved from one allocation sized for
/// sequences of up to `capacity` items. Owned by one worker at a time; freed by `deallocate()`.
struct SASRecActivations {
    /// A transformer block's cached activations (`L × d` unless noted).
    struct Block {
        var normalized1, inverseStd1, queries: UnsafeMutablePointer<Float>
        var attention: CausalAttention.Cache
        var attentionOutput, normalized2, inverseStd2, feedInput, hidden, hiddenMask, outputMask: UnsafeMutablePointer<Float>
    }

    let capacity: Int
    private let arena: UnsafeMutablePointer<Float>
    /// `inputs[b]` is block `b`'s input (`inputs[0]` the embeddings); the last is the final block's output.
    var inputs: [UnsafeMutablePointer<Float>] = []
    var embeddingMask: UnsafeMutablePointer<Float>
    var blocks: [Block] = []
    var finalNormalized, finalInverseStd, output: UnsafeMutablePointer<Float>
    /// Backward scratch.
    var dOutput, dHidden, dNext, dFeed, dResidual, dQueries, dTemp: UnsafeMutablePointer<Float>
    var attentionScratch: CausalAttention.Scratch

    init(layout: SASRecLayout, capacity L: Int) {
        let d = layout.width, h = layout.headCount
        let perBlock = 12 * L * d + 2 * L + 3 * h * L * L
        let total = (layout.blockCount + 1) * L * d + L * d + layout.blockCount * perBlock + 2 * L * d + L
            + 7 * L * d + 4 * L * d + L * L
        capacity = L
        arena = .allocate(capacity: total)
        arena.initialize(repeating: 0, count: total)
        var next = arena
        func take(_ n: Int) -> UnsafeMutablePointer<Float> {
            defer { next += n }
            return next
        }
        inputs = (0...layout.blockCount).map { _ in take(L * d) }
        embeddingMask = take(L * d)
        for _ in 0..<layout.blockCount {
            let normalized1 = take(L * d), inverseStd1 = take(L), queries = take(L * d)
            let cache = CausalAttention.Cache(q: take(L * d), k: take(L * d), v: take(L * d), probabilities: take(h * L * L),
                                              dropped: take(h * L * L), mask: take(h * L * L), heads: take(L * d))
            blocks.append(Block(
                normalized1: normalized1, inverseStd1: inverseStd1, queries: queries, attention: cache,
                attentionOutput: take(L * d), normalized2: take(L * d), inverseStd2: take(L), feedInput: take(L * d),
                hidden: take(L * d), hiddenMask: take(L * d), outputMask: take(L * d)))
        }
        finalNormalized = take(L * d)
        finalInverseStd = take(L)
        output = take(L * d)
        dOutput = take(L * d)
        dHidden = take(L * d)
        dNext = take(L * d)
        dFeed = take(L * d)
        dResidual = take(L * d)
        dQueries = take(L * d)
        dTemp = take(L * d)
        attentionScratch = CausalAttention.Scratch(dHeads: take(L * d), dq: take(L * d), dk: take(L * d), dv: take(L * d), dScores: take(L * L))
        precondition(next - arena <= total, "activation arena overflow")
    }

    func deallocate() { arena.deallocate() }
}
