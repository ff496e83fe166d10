import CBLAS
import CuratorCore
import Foundation

extension SASRecModel {
    /// Trains with Adam on batches of sequences: each position predicts the next item (BCE
    /// with sampled negatives never in the user's history, a full softmax, or gBCE or a sampled
    /// softmax against negatives each sequence draws). A batch is split into one slice of about
    /// equal work per thread, each with its own gradient buffer, summed before the update (so
    /// results depend on the seed and the thread count only). With `holdout`,
    /// each user's last training item is kept out and NDCG@10 on it picks the best epoch.
    public static func fit(_ data: TrainingData, configuration c: Configuration, progress: any ProgressReporter) throws -> SASRecModel {
        // Threads come from batching across sequences; BLAS runs on each worker alone.
        try BLASThreads.singleThreaded { try train(data, configuration: c, progress: progress) }
    }

    private static func train(_ data: TrainingData, configuration chosen: Configuration, progress: any ProgressReporter) throws -> SASRecModel {
        // The model keeps the loss and step size it was trained with (its parameters show the choice).
        var resolved = chosen
        let choice = chosen.lossChoice(itemCount: data.itemCount), loss = chosen.loss(itemCount: data.itemCount)
        resolved.loss = loss
        resolved.learningRate = chosen.learningRate(for: loss)
        if loss.usesSharedNegatives {
            guard data.itemCount >= 2 else { throw ModelParameterError(message: "sasrec: the \(loss.rawValue) loss needs at least 2 items") }
            resolved.sharedNegatives = min(chosen.sharedNegatives, data.itemCount - 1)
        }
        let c = resolved
        let beta = SASRecLoss.gbceBeta(negatives: c.sharedNegatives, itemCount: data.itemCount, t: c.gbceCalibration)
        let layout = c.layout(itemCount: data.itemCount)
        var collected: [[Int32]] = [], validation: [(user: Int, history: [Int32], target: Int32)] = []
        for user in 0..<data.userCount {
            var sequence = Array(data.sequences.sequence(of: user))
            if c.holdout, sequence.count >= 3 {
                let target = sequence.removeLast()
                validation.append((user, sequence, target))
            }
            collected.append(sequence.count >= 2 ? sequence : [])
        }
        let sequences = collected
        let trainable = sequences.indices.filter { sequences[$0].count >= 2 }

        var weights = layout.initialWeights(seed: c.seed)
        var best = (weights: weights, ndcg: -1.0, epoch: 0)
        var adam = AdamOptimizer(count: layout.count, learningRate: c.learningRate(for: loss))
        let slices = Parallel.threadCount
        var gradients = [Float](repeating: 0, count: slices * layout.count)
        let longest = min(c.maxLength, max(1, sequences.map { $0.count - 1 }.max() ?? 1))
        let popularity = loss.usesSharedNegatives && c.negativePopularity > 0
            ? data.itemCounts().map { Foundation.pow(Double($0) + 1, c.negativePopularity) } : nil
        // With own-negatives a set holds up to the sequence's longest window (inputs and targets) besides the draws.
        let own = loss.usesSharedNegatives && c.ownNegatives ? longest + 1 : 0
        // The softmax's products on the item embedding packed once per batch, where the CPU has AVX-512.
        let packed = loss == .ce && PackedCatalog.available ? PackedCatalog(items: data.itemCount, width: c.width) : nil
        let scratch = (0..<slices).map { _ in
            SliceScratch(layout: layout, capacity: longest,
                         logits: loss == .ce ? packed?.stride ?? data.itemCount : loss.usesSharedNegatives ? c.sharedNegatives + own + 1 : 0,
                         transposedGradient: packed.map { $0.stride * c.width } ?? 0,
                         sharedNegatives: loss.usesSharedNegatives ? c.sharedNegatives : 1, sequenceItems: own, itemCount: max(2, data.itemCount),
                         popularity: popularity, perPosition: c.negatives)
        }
        var record = TrainingRecord()
        var stale = 0
        let tracker = ProgressTracker(task: "sasrec: training, \(choice)", total: c.epochs, reporter: progress)
        let clock = ContinuousClock()
        for epoch in 0..<c.epochs {
            let started = clock.now
            var order = trainable
            var shuffler = SeededGenerator.stream(c.seed &+ 1, epoch)
            order.shuffle(using: &shuffler)
            var lossSum = 0.0, positionSum = 0
            for batchStart in stride(from: 0, to: order.count, by: c.batchSize) {
                let batch = Array(order[batchStart..<min(order.count, batchStart + c.batchSize)])
                let positions = batch.reduce(0) { $0 + min(sequences[$1].count - 1, c.maxLength) }
                let parts = balancedSlices(batch, count: slices, logits: loss == .ce ? data.itemCount : loss.usesSharedNegatives ? c.sharedNegatives : 2 * c.negatives,
                                           width: c.width) { min(sequences[$0].count - 1, c.maxLength) }
                var losses = [Double](repeating: 0, count: slices)
                if let packed { weights.withUnsafeBufferPointer { packed.pack($0.baseAddress! + layout.itemEmbedding) } }
                weights.withUnsafeBufferPointer { w in
                    gradients.withUnsafeMutableBufferPointer { g in
                        losses.withUnsafeMutableBufferPointer { l in
                            let w = SharedReads(w), g = DisjointWrites(g), l = DisjointWrites(l)
                            Parallel.forEachChunk(slices) { range, _ in
                                for slice in range {
                                    let mine = parts[slice]
                                    l[slice] = trainSlice(mine.map { sequences[$0] }, users: mine, epoch: epoch, data: data,
                                                          configuration: c, layout: layout, beta: beta, packed: packed, weights: w.base,
                                                          gradients: g.base + slice * layout.count, scratch: scratch[slice],
                                                          normalizer: Float(positions))
                                }
                            }
                        }
                    }
                }
                gradients.withUnsafeMutableBufferPointer { g in
                    weights.withUnsafeMutableBufferPointer { adam.update($0.baseAddress!, gradientSlices: g.baseAddress!, slices: slices) }
                }
                lossSum += losses.reduce(0, +)
                positionSum += positions
            }
            let epochLoss = lossSum / Double(max(1, positionSum))
            var ndcg: Double?
            if !validation.isEmpty, (epoch + 1) % c.validateEvery == 0 || epoch + 1 == c.epochs {
                let value = validationNDCG(validation, weights: weights, layout: layout)
                ndcg = value
                if value > best.ndcg {
                    best = (weights, value, epoch + 1)
                    stale = 0
                } else {
                    stale += 1
                }
            }
            record.epochs.append((epoch + 1, epochLoss, started.duration(to: clock.now).seconds, ndcg))
            let shown = ndcg.map { String(format: ", val ndcg@10 %.4f", $0) } ?? ""
            tracker.advance(detail: String(format: "epoch %d, loss %.4f", epoch + 1, epochLoss) + shown)
            if stale >= c.patience { break }
        }
        tracker.finish()
        if validation.isEmpty { best = (weights, 0, record.epochs.count) }
        record.bestEpoch = best.epoch
        var model = SASRecModel(configuration: c, layout: layout, weights: best.weights)
        model.training = record
        return model
    }

    /// Splits a batch into `count` slices of about equal work, one per thread, so neither
    /// waits long for the other: a sequence of L positions costs about L · (L + 3d + logits/2)
    /// (attention grows with L², the layers with L·d², the loss with L·d per logit), and the
    /// costliest goes first to the lightest slice. The split depends on the batch only.
    static func balancedSlices(_ batch: [Int], count: Int, logits: Int, width d: Int, length: (Int) -> Int) -> [[Int]] {
        let costs = batch.map { user in
            let L = length(user)
            return L * (L + 3 * d + logits / 2)
        }
        var slices = [[Int]](repeating: [], count: count), loads = [Int](repeating: 0, count: count)
        for index in batch.indices.sorted(by: { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }) {
            let lightest = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 }!
            slices[lightest].append(batch[index])
            loads[lightest] += costs[index]
        }
        return slices
    }

    /// Forward, loss and backward for a slice of a batch, adding into `gradients`.
    /// - Returns: the slice's undivided loss.
    private static func trainSlice(
        _ sequences: [[Int32]], users: [Int], epoch: Int, data: TrainingData, configuration c: Configuration,
        layout: SASRecLayout, beta: Float, packed: PackedCatalog?, weights w: UnsafePointer<Float>, gradients g: UnsafeMutablePointer<Float>,
        scratch: SliceScratch, normalizer: Float
    ) -> Double {
        guard !sequences.isEmpty else { return 0 }
        let activations = scratch.activations
        let network = SASRecNetwork(layout: layout, dropout: c.dropout)
        let d = layout.width, n = layout.itemCount
        let loss = c.loss(itemCount: n)
        let products = packed.map {
            SoftmaxProducts(packed: $0, embedding: w + layout.itemEmbedding, dEmbedding: g + layout.itemEmbedding,
                            transposedGradient: scratch.transposedGradient)
        } ?? SoftmaxProducts(itemCount: n, width: d, embedding: w + layout.itemEmbedding, dEmbedding: g + layout.itemEmbedding)
        defer { products.finish() }
        var total = 0.0
        for (sequence, user) in zip(sequences, users) {
            let L = min(c.maxLength, sequence.count - 1)
            let input = Array(sequence[(sequence.count - 1 - L)..<(sequence.count - 1)])
            let targets = Array(sequence[(sequence.count - L)...])
            var rng = SeededGeneratorRef(value: SeededGenerator.stream(c.seed ^ (UInt64(epoch) &* 0x9E37_79B9), user))
            let owned = data.userItems.columns(ofRow: user)
            if loss.usesSharedNegatives {
                // Each sequence draws its own negatives, shared by its positions: a batch then
                // pushes down nearly every item, as the full softmax does. (One set per batch
                // left each item out of six batches in seven on ml-100k and trailed the softmax
                // by 37% in NDCG@10, with or without the logQ correction.)
                var draws = SeededGenerator.stream(c.seed ^ 0x5A3B_D1CE ^ (UInt64(epoch + 1) &* 0x9E37_79B9_7F4A_7C15), user)
                scratch.shared.draw(using: &draws, including: c.ownNegatives ? Array(sequence[(sequence.count - 1 - L)...]) : [])
                scratch.shared.gather(from: w + layout.itemEmbedding)
                scratch.dNegatives.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            }
            // Every loss draws BCE's negatives (only BCE uses them): the draws advance the dropout
            // generator, so for a seed every loss sees the same dropout masks and losses compare
            // pair by pair. (With sampled-ce drawing none, its dropout differed from the softmax's:
            // seed 7 on ml-100k, test NDCG@10 0.0966 with 1681 negatives, all items but one,
            // against the softmax's 0.1111, a gap from the masks, not from sampling.)
            for slot in 0..<(L * c.negatives) {
                var item: Int32
                repeat { item = Int32(rng.value.next() % UInt64(n)) } while owned.contains(item) && owned.count < n
                scratch.negatives[slot] = item
            }
            input.withUnsafeBufferPointer { x in
                targets.withUnsafeBufferPointer { y in
                    network.forward(x.baseAddress!, length: L, weights: w, activations: activations, training: true, rng: &rng)
                    switch loss {
                    case .bce:
                        total += scratch.negatives.withUnsafeBufferPointer { neg in
                            SASRecLoss.binaryCrossEntropy(
                                output: activations.output, length: L, width: d, positives: y.baseAddress!, negatives: neg.baseAddress!,
                                negativesPerPosition: c.negatives, embedding: w + layout.itemEmbedding, dOutput: activations.dOutput,
                                dEmbedding: g + layout.itemEmbedding, normalizer: normalizer)
                        }
                    case .ce:
                        total += scratch.logits.withUnsafeMutableBufferPointer { logits in
                            SASRecLoss.softmaxCrossEntropy(
                                output: activations.output, length: L, positives: y.baseAddress!, products: products,
                                logits: logits.baseAddress!, dOutput: activations.dOutput, normalizer: normalizer)
                        }
                    case .gbce, .sampledSoftmax:
                        total += scratch.logits.withUnsafeMutableBufferPointer { logits in
                            scratch.dNegatives.withUnsafeMutableBufferPointer { dn in
                                SASRecLoss.sharedNegatives(
                                    loss, output: activations.output, length: L, width: d, positives: y.baseAddress!, negatives: scratch.shared,
                                    beta: beta, embedding: w + layout.itemEmbedding, logits: logits.baseAddress!,
                                    dOutput: activations.dOutput, dEmbedding: g + layout.itemEmbedding, dNegatives: dn.baseAddress!,
                                    normalizer: normalizer)
                            }
                        }
                    }
                    network.backward(x.baseAddress!, length: L, weights: w, activations: activations, gradients: g, training: true)
                }
            }
            if loss.usesSharedNegatives {
                scratch.dNegatives.withUnsafeBufferPointer { scratch.shared.scatter($0.baseAddress!, into: g + layout.itemEmbedding) }
            }
        }
        return total
    }

    /// One training thread's buffers, allocated once per fit for the longest sequence: the
    /// activations, the loss's logits, the sequence's negatives and their gradients, BCE's
    /// per-position negatives, the softmax's transposed embedding gradient (`SoftmaxProducts`).
    ///
    /// `@unchecked Sendable`: slice s's scratch is used only by the worker training slice s,
    /// and a fit waits for every worker before the next batch.
    final class SliceScratch: @unchecked Sendable {
        let activations: SASRecActivations
        var logits: [Float], dNegatives: [Float], negatives: [Int32]
        /// Zero between slices (`SoftmaxProducts.finish()`).
        let transposedGradient: UnsafeMutablePointer<Float>
        /// The current sequence's negatives (gBCE, sampled softmax).
        var shared: SharedNegatives

        init(layout: SASRecLayout, capacity: Int, logits: Int, transposedGradient: Int, sharedNegatives: Int, sequenceItems: Int,
             itemCount: Int, popularity: [Double]?, perPosition: Int) {
            activations = SASRecActivations(layout: layout, capacity: capacity)
            shared = SharedNegatives(count: sharedNegatives, itemCount: itemCount, width: layout.width, sequenceItems: sequenceItems, popularity: popularity)
            self.logits = [Float](repeating: 0, count: capacity * logits)
            dNegatives = [Float](repeating: 0, count: shared.capacity * layout.width)
            negatives = [Int32](repeating: 0, count: capacity * perPosition)
            self.transposedGradient = .allocate(capacity: transposedGradient)
            self.transposedGradient.initialize(repeating: 0, count: transposedGradient)
        }

        deinit {
            activations.deallocate()
            transposedGradient.deallocate()
        }
    }

    /// Mean NDCG@10 of the held-out items, ranking every item but the history.
    static func validationNDCG(_ cases: [(user: Int, history: [Int32], target: Int32)], weights: [Float], layout: SASRecLayout) -> Double {
        var values = [Double](repeating: 0, count: cases.count)
        weights.withUnsafeBufferPointer { w in
            values.withUnsafeMutableBufferPointer { out in
                let w = SharedReads(w), out = DisjointWrites(out)
                Parallel.forEachChunk(cases.count, minimumChunk: 16) { range, _ in
                    var scores = [Float](repeating: 0, count: layout.itemCount)
                    for index in range {
                        let c = cases[index]
                        scores.withUnsafeMutableBufferPointer { s in
                            SASRecModel.score(Array(c.history.suffix(layout.maxLength)), weights: w.base, layout: layout, into: s)
                            for item in c.history { s[Int(item)] = -.infinity }
                            let target = s[Int(c.target)]
                            var rank = 0
                            for i in 0..<s.count where s[i] > target || (s[i] == target && i < Int(c.target)) { rank += 1 }
                            out[index] = RankingMetrics.ndcg(position: rank, k: 10)
                        }
                    }
                }
            }
        }
        return values.reduce(0, +) / Double(max(1, values.count))
    }
}
