import CuratorCore
import Testing
@testable import CuratorRecall

/// SASRec's hand-written backward passes against central finite differences, and its
/// ability to fit a tiny deterministic set exactly.
@Suite struct SequentialSASRecTests {
    static func random(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
        var rng = SeededGenerator.stream(seed, 77)
        return (0..<count).map { _ in scale * Float(rng.nextGaussian()) }
    }

    /// Checks `analytic` against `(loss(x + ε) − loss(x − ε)) / 2ε` for every entry of `x`.
    ///
    /// Where a ReLU inside the network switches between `x − ε` and `x + ε`, the central
    /// difference averages two slopes and matches neither; the true gradient there is one of
    /// the one-sided slopes. So an entry that fails the central check passes only if a one-sided
    /// difference with a step ten times smaller matches it, and at most a tenth of the entries may.
    static func expectGradient(_ x: [Float], analytic: [Float], label: String, epsilon: Float = 1e-2,
                               loss: ([Float]) -> Double) {
        func error(_ numeric: Float, _ i: Int) -> Float { abs(numeric - analytic[i]) / (1e-2 + abs(analytic[i])) }
        func shifted(_ i: Int, by step: Float) -> Double { var y = x; y[i] += step; return loss(y) }
        let here = loss(x)
        var worst: Float = 0, kinks = 0
        for i in x.indices {
            let central = Float((shifted(i, by: epsilon) - shifted(i, by: -epsilon)) / Double(2 * epsilon))
            guard error(central, i) >= 0.03 else { continue }
            let h = epsilon / 10
            let forward = Float((shifted(i, by: h) - here) / Double(h)), backward = Float((here - shifted(i, by: -h)) / Double(h))
            kinks += 1
            worst = max(worst, min(error(forward, i), error(backward, i)))
        }
        #expect(worst < 0.03, "\(label): worst relative gradient error \(worst)")
        #expect(kinks * 10 <= x.count, "\(label): \(kinks) of \(x.count) entries only match one-sided differences")
    }

    /// Widths below, at and past the eight-lane body (13: one SIMD chunk and a tail).
    @Test(arguments: [(UInt64(1), 5), (2, 5), (3, 8), (4, 13)])
    func layerNormGradients(seed: UInt64, width d: Int) {
        let rows = 3
        let x = Self.random(rows * d, seed: seed), r = Self.random(rows * d, seed: seed + 10)
        let gammaBeta = Self.random(2 * d, seed: seed + 20)
        func run(_ x: [Float], _ gb: [Float], dx: UnsafeMutablePointer<Float>? = nil, dgb: UnsafeMutablePointer<Float>? = nil) -> Double {
            var y = [Float](repeating: 0, count: rows * d), n = y, inv = [Float](repeating: 0, count: rows)
            LayerNorm.forward(x, rows: rows, width: d, gamma: gb, beta: Array(gb[d...]), y: &y, normalized: &n, inverseStd: &inv)
            if let dx, let dgb {
                LayerNorm.backward(r, rows: rows, width: d, gamma: gb, normalized: n, inverseStd: inv, dGamma: dgb, dBeta: dgb + d, dx: dx)
            }
            return zip(y, r).reduce(0) { $0 + Double($1.0 * $1.1) }
        }
        var dx = [Float](repeating: 0, count: rows * d), dgb = [Float](repeating: 0, count: 2 * d)
        _ = run(x, gammaBeta, dx: &dx, dgb: &dgb)
        Self.expectGradient(x, analytic: dx, label: "layer norm input") { run($0, gammaBeta) }
        Self.expectGradient(gammaBeta, analytic: dgb, label: "layer norm scale and shift") { run(x, $0) }
    }

    /// Lengths whose rows stay under eight entries, and one (11) whose later rows take the
    /// eight-lane path of the softmax's backward.
    @Test(arguments: [(UInt64(1), 1, 4), (2, 2, 4), (3, 2, 4), (4, 1, 11), (5, 2, 11)])
    func attentionGradients(seed: UInt64, heads: Int, length L: Int) {
        let d = 6
        let queries = Self.random(L * d, seed: seed), keys = Self.random(L * d, seed: seed + 1)
        let parameters = Self.random(4 * (d * d + d), seed: seed + 2, scale: 0.5), r = Self.random(L * d, seed: seed + 3)
        func run(_ q: [Float], _ k: [Float], _ p: [Float], gradients: UnsafeMutablePointer<Float>? = nil,
                 dq: UnsafeMutablePointer<Float>? = nil, dk: UnsafeMutablePointer<Float>? = nil) -> Double {
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: 20 * L * d + 3 * heads * L * L + L * L)
            defer { buffer.deallocate() }
            buffer.initialize(repeating: 0, count: 20 * L * d + 3 * heads * L * L + L * L)
            var next = buffer
            func take(_ n: Int) -> UnsafeMutablePointer<Float> { defer { next += n }; return next }
            let cache = CausalAttention.Cache(q: take(L * d), k: take(L * d), v: take(L * d), probabilities: take(heads * L * L),
                                              dropped: take(heads * L * L), mask: take(heads * L * L), heads: take(L * d))
            let output = take(L * d)
            var rng = SeededGeneratorRef(value: SeededGenerator(seed: seed))
            return p.withUnsafeBufferPointer { pp in
                let w = pp.baseAddress!, s = d * d + d
                let weights = CausalAttention.Weights(wq: w, bq: w + d * d, wk: w + s, bk: w + s + d * d, wv: w + 2 * s,
                                                      bv: w + 2 * s + d * d, wo: w + 3 * s, bo: w + 3 * s + d * d)
                CausalAttention.forward(queries: q, keys: k, length: L, width: d, headCount: heads, weights: weights, cache: cache,
                                        output: output, dropout: 0.3, rng: &rng)
                if let gradients, let dq, let dk {
                    let g = gradients
                    let grads = CausalAttention.Gradients(wq: g, bq: g + d * d, wk: g + s, bk: g + s + d * d, wv: g + 2 * s,
                                                          bv: g + 2 * s + d * d, wo: g + 3 * s, bo: g + 3 * s + d * d)
                    let scratch = CausalAttention.Scratch(dHeads: take(L * d), dq: take(L * d), dk: take(L * d), dv: take(L * d), dScores: take(L * L))
                    CausalAttention.backward(r, queries: q, keys: k, length: L, width: d, headCount: heads, weights: weights, cache: cache,
                                             dropout: 0.3, gradients: grads, scratch: scratch, dQueries: dq, dKeys: dk)
                }
                return (0..<(L * d)).reduce(0) { $0 + Double(output[$1] * r[$1]) }
            }
        }
        var g = [Float](repeating: 0, count: parameters.count), dq = [Float](repeating: 0, count: L * d), dk = dq
        _ = run(queries, keys, parameters, gradients: &g, dq: &dq, dk: &dk)
        Self.expectGradient(queries, analytic: dq, label: "attention queries") { run($0, keys, parameters) }
        Self.expectGradient(keys, analytic: dk, label: "attention keys and values") { run(queries, $0, parameters) }
        Self.expectGradient(parameters, analytic: g, label: "attention projections") { run(queries, keys, $0) }
    }

    /// The whole network (embeddings, blocks with dropout, final norm) under each loss.
    @Test(arguments: [(SASRecLoss.Kind.bce, UInt64(1)), (.bce, 2), (.ce, 3)])
    func networkAndLossGradients(loss kind: SASRecLoss.Kind, seed: UInt64) {
        let layout = SASRecLayout(itemCount: 7, width: 4, headCount: 2, blockCount: 2, maxLength: 5)
        let items: [Int32] = [3, 0, 6, 2], targets: [Int32] = [0, 6, 2, 5], negatives: [Int32] = [1, 4, 4, 1, 3, 0, 6, 2]
        let network = SASRecNetwork(layout: layout, dropout: 0.2)
        let weights = zip(layout.initialWeights(seed: seed), Self.random(layout.count, seed: seed, scale: 0.1)).map { $0 + $1 }
        func run(_ w: [Float], gradients: UnsafeMutablePointer<Float>? = nil) -> Double {
            let a = SASRecActivations(layout: layout, capacity: 4)
            defer { a.deallocate() }
            var rng = SeededGeneratorRef(value: SeededGenerator(seed: seed))
            var scratch = [Float](repeating: 0, count: 4 * layout.itemCount)
            let g = gradients ?? UnsafeMutablePointer<Float>.allocate(capacity: layout.count)
            defer { if gradients == nil { g.deallocate() } }
            if gradients == nil { g.initialize(repeating: 0, count: layout.count) }
            return w.withUnsafeBufferPointer { wp in
                let w = wp.baseAddress!
                network.forward(items, length: 4, weights: w, activations: a, training: true, rng: &rng)
                let value = kind == .bce
                    ? SASRecLoss.binaryCrossEntropy(output: a.output, length: 4, width: 4, positives: targets, negatives: negatives,
                                                    negativesPerPosition: 2, embedding: w + layout.itemEmbedding, dOutput: a.dOutput,
                                                    dEmbedding: g + layout.itemEmbedding, normalizer: 4)
                    : SASRecLoss.softmaxCrossEntropy(
                        output: a.output, length: 4, positives: targets,
                        products: SoftmaxProducts(itemCount: 7, width: 4, embedding: w + layout.itemEmbedding, dEmbedding: g + layout.itemEmbedding),
                        logits: &scratch, dOutput: a.dOutput, normalizer: 4)
                if gradients != nil { network.backward(items, length: 4, weights: w, activations: a, gradients: g, training: true) }
                return value / 4
            }
        }
        var g = [Float](repeating: 0, count: layout.count)
        _ = run(weights, gradients: &g)
        Self.expectGradient(weights, analytic: g, label: "network with \(kind) loss", epsilon: 5e-3) { run($0) }
    }

    @Test(arguments: [SASRecLoss.Kind.bce, .ce])
    func overfitsATinyDeterministicSet(loss: SASRecLoss.Kind) throws {
        // Twelve users each walk the cycle 0 → 1 → … → 11 → 0 from a different start. BCE never
        // samples a user's own items as negatives (as in the reference), so its later items
        // are never pushed down: for BCE each walk is one step, for the softmax six.
        let items = 12, steps = loss == .bce ? 2 : 6
        let walks = (0..<items).map { start in (0..<steps).map { Int32((start + $0) % items) } }
        var starts = [0]
        for walk in walks { starts.append(starts.last! + walk.count) }
        let data = TrainingData(sequences: UserSequences(starts: starts, items: walks.flatMap { $0 }), itemCount: items)
        let model = try SASRecModel.fit(data, parameters: ModelParameters([
            "dim": "16", "blocks": "1", "maxlen": "8", "dropout": "0", "lr": "0.01", "epochs": "200", "batch": "4",
            "holdout": "0", "loss": loss.rawValue, "negatives": "3", "seed": "5",
        ]))
        let last = try #require(model.training.epochs.last)
        #expect(last.loss < 0.05, "final \(loss) loss \(last.loss)")
        for walk in walks {
            for cut in 1..<walk.count {
                let history = Array(walk[..<cut])
                let top = model.recommend(UserContext(history: history), count: 1, excluding: Set(history))
                #expect(top.first?.item == walk[cut], "after \(walk[..<cut])")
            }
        }
    }
}
