import CBLAS
import CuratorCore
import Foundation

extension SASRecModel {
    /// Trains with Adam on batches of sequences: each position predicts the next item (BCE
    /// with sampled negatives never in the user's history, or a full softmax). A batch is
    /// split into one fixed slice per thread, each with its own gradient buffer, summed before
    /// the update (so results depend on the seed and the thread count only). With `holdout`,
    /// each user's last training item is kept out and NDCG@10 on it picks the best epoch.
    public static func fit(_ data: TrainingData, configuration c: Configuration, progress: any ProgressReporter) throws -> SASRecModel {
        // Threads come from batching across sequences; BLAS runs on each worker alone.
        try Dense.onOneThread { try train(data, configuration: c, progress: progress) }
    }

    private static func train(_ data: TrainingData, configuration chosen: Configuration, progress: any ProgressReporter) throws -> SASRecModel {
        // The model keeps the loss it was trained with (its parameters show the choice).
        var resolved = chosen
        let choice = chosen.lossChoice(itemCount: data.itemCount), loss = chosen.loss(itemCount: data.itemCount)
        resolved.loss = loss
        if loss.usesSharedNegatives {
            guard data.itemCount >= 2 else { throw ModelParameterError(message: "sasrec: the \(loss.rawValue) loss needs at least 2 items") }
            resolved.sharedNegatives = min(chosen.sharedNegatives, data.itemCount - 1)
        }
        let c = resolved
        let beta = SASRecLoss.gbceBeta(negatives: c.sharedNegatives, itemCount: data.itemCount, t: c.gbceCalibration)
        var shared = SharedNegatives(count: loss.usesSharedNegatives ? c.sharedNegatives : 1, itemCount: max(2, data.itemCount), width: c.width)
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
        var adam = AdamOptimizer(count: layout.count, learningRate: c.learningRate)
        let slices = Parallel.threadCount
        var gradients = [Float](repeating: 0, count: slices * layout.count)
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
                if loss.usesSharedNegatives {
                    var draws = SeededGenerator.stream(c.seed ^ (UInt64(epoch + 1) &* 0x9E37_79B9_7F4A_7C15), batchStart)
                    shared.draw(using: &draws)
                    weights.withUnsafeBufferPointer { shared.gather(from: $0.baseAddress! + layout.itemEmbedding) }
                }
                let positions = batch.reduce(0) { $0 + min(sequences[$1].count - 1, c.maxLength) }
                var losses = [Double](repeating: 0, count: slices)
                let negatives = shared
                gradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                weights.withUnsafeBufferPointer { w in
                    gradients.withUnsafeMutableBufferPointer { g in
                        losses.withUnsafeMutableBufferPointer { l in
                            let w = SharedReads(w), g = DisjointWrites(g), l = DisjointWrites(l)
                            Parallel.forEachChunk(slices) { range, _ in
                                for slice in range {
                                    let mine = batch[(batch.count * slice / slices)..<(batch.count * (slice + 1) / slices)]
                                    l[slice] = trainSlice(mine.map { sequences[$0] }, users: Array(mine), epoch: epoch, data: data,
                                                          configuration: c, layout: layout, shared: negatives, beta: beta, weights: w.base,
                                                          gradients: g.base + slice * layout.count, normalizer: Float(positions))
                                }
                            }
                        }
                    }
                }
                gradients.withUnsafeMutableBufferPointer { g in
                    for slice in 1..<max(slices, 1) { Dense.axpy(layout.count, 1, g.baseAddress! + slice * layout.count, g.baseAddress!) }
                    weights.withUnsafeMutableBufferPointer { adam.update($0.baseAddress!, gradients: g.baseAddress!) }
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
            record.epochs.append((epoch + 1, epochLoss, Self.seconds(started.duration(to: clock.now)), ndcg))
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

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

    /// Forward, loss and backward for a slice of a batch, adding into `gradients`.
    /// - Returns: the slice's undivided loss.
    private static func trainSlice(
        _ sequences: [[Int32]], users: [Int], epoch: Int, data: TrainingData, configuration c: Configuration,
        layout: SASRecLayout, shared: SharedNegatives, beta: Float, weights w: UnsafePointer<Float>, gradients g: UnsafeMutablePointer<Float>, normalizer: Float
    ) -> Double {
        guard !sequences.isEmpty else { return 0 }
        let longest = min(c.maxLength, sequences.map { $0.count - 1 }.max()!)
        let activations = SASRecActivations(layout: layout, capacity: longest)
        defer { activations.deallocate() }
        let network = SASRecNetwork(layout: layout, dropout: c.dropout)
        let d = layout.width, n = layout.itemCount
        let loss = c.loss(itemCount: n)
        var logits = [Float](repeating: 0, count: loss == .ce ? longest * n : loss.usesSharedNegatives ? longest * (shared.count + 1) : 0)
        var dNegatives = [Float](repeating: 0, count: loss.usesSharedNegatives ? shared.count * d : 0)
        // The softmax draws (and ignores) BCE's negatives too: the draws advance the dropout
        // generator, and keeping them keeps its fits what they were.
        var negatives = [Int32](repeating: 0, count: loss.usesSharedNegatives ? 0 : longest * c.negatives)
        var total = 0.0
        for (sequence, user) in zip(sequences, users) {
            let L = min(c.maxLength, sequence.count - 1)
            let input = Array(sequence[(sequence.count - 1 - L)..<(sequence.count - 1)])
            let targets = Array(sequence[(sequence.count - L)...])
            var rng = SeededGeneratorRef(value: SeededGenerator.stream(c.seed ^ (UInt64(epoch) &* 0x9E37_79B9), user))
            let owned = data.userItems.columns(ofRow: user)
            for slot in 0..<(loss.usesSharedNegatives ? 0 : L * c.negatives) {
                var item: Int32
                repeat { item = Int32(rng.value.next() % UInt64(n)) } while owned.contains(item) && owned.count < n
                negatives[slot] = item
            }
            input.withUnsafeBufferPointer { x in
                targets.withUnsafeBufferPointer { y in
                    network.forward(x.baseAddress!, length: L, weights: w, activations: activations, training: true, rng: &rng)
                    switch loss {
                    case .bce:
                        total += negatives.withUnsafeBufferPointer { neg in
                            SASRecLoss.binaryCrossEntropy(
                                output: activations.output, length: L, width: d, positives: y.baseAddress!, negatives: neg.baseAddress!,
                                negativesPerPosition: c.negatives, embedding: w + layout.itemEmbedding, dOutput: activations.dOutput,
                                dEmbedding: g + layout.itemEmbedding, normalizer: normalizer)
                        }
                    case .ce:
                        total += logits.withUnsafeMutableBufferPointer { scratch in
                            SASRecLoss.softmaxCrossEntropy(
                                output: activations.output, length: L, width: d, positives: y.baseAddress!, itemCount: n,
                                embedding: w + layout.itemEmbedding, logits: scratch.baseAddress!, dOutput: activations.dOutput,
                                dEmbedding: g + layout.itemEmbedding, normalizer: normalizer)
                        }
                    case .gbce, .sampledSoftmax:
                        total += logits.withUnsafeMutableBufferPointer { scratch in
                            dNegatives.withUnsafeMutableBufferPointer { dn in
                                SASRecLoss.sharedNegatives(
                                    loss, output: activations.output, length: L, width: d, positives: y.baseAddress!, negatives: shared,
                                    beta: beta, embedding: w + layout.itemEmbedding, logits: scratch.baseAddress!,
                                    dOutput: activations.dOutput, dEmbedding: g + layout.itemEmbedding, dNegatives: dn.baseAddress!,
                                    normalizer: normalizer)
                            }
                        }
                    }
                    network.backward(x.baseAddress!, length: L, weights: w, activations: activations, gradients: g, training: true)
                }
            }
        }
        if loss.usesSharedNegatives {
            dNegatives.withUnsafeBufferPointer { shared.scatter($0.baseAddress!, into: g + layout.itemEmbedding) }
        }
        return total
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
