import CuratorCore
import Foundation

extension BPRModel {
    /// Fits by `epochs` passes of as many samples as there are interactions, split across threads.
    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> BPRModel {
        let f = configuration.factors, width = f + 1
        let matrix = data.userItems
        let users = data.userCount, n = data.itemCount, samples = matrix.nonZeroCount
        // Initial factors uniform in [−0.5, 0.5) / factors; users hold 1 in the bias column;
        // rows without interactions start (and stay) at zero.
        var x = FactorMatrices.random(rows: users, width: width, low: -0.5 / Float(f), high: 0.5 / Float(f), seed: configuration.seed)
        var y = FactorMatrices.random(rows: n, width: width, low: -0.5 / Float(f), high: 0.5 / Float(f), seed: configuration.seed &+ 1)
        let counts = data.itemCounts()
        for u in 0..<users {
            let empty = matrix.rowStarts[u] == matrix.rowStarts[u + 1]
            for d in 0..<width { if empty { x[u * width + d] = 0 } }
            if !empty { x[u * width + f] = 1 }
        }
        for i in 0..<n where counts[i] == 0 { for d in 0..<width { y[i * width + d] = 0 } }
        var userOf = [Int32](repeating: 0, count: samples)
        for u in 0..<users { for k in matrix.rowStarts[u]..<matrix.rowStarts[u + 1] { userOf[k] = Int32(u) } }

        let tracker = ProgressTracker(task: "bpr: epochs", total: configuration.epochs, reporter: progress)
        let lr = configuration.learningRate, reg = configuration.regularization
        let popularity = configuration.sampling == .popularity
        if samples > 0 && n > 1 {
            x.withUnsafeMutableBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    let shared = HogwildFactors(users: x.baseAddress!, items: y.baseAddress!)
                    matrix.columns.withUnsafeBufferPointer { columns in
                        matrix.rowStarts.withUnsafeBufferPointer { starts in
                            userOf.withUnsafeBufferPointer { userOf in
                                let columns = SharedReads(columns), starts = SharedReads(starts), userOf = SharedReads(userOf)
                                for epoch in 0..<configuration.epochs {
                                    Parallel.forEachChunk(samples, minimumChunk: 4096) { range, _ in
                                        var rng = SeededGenerator.stream(configuration.seed, epoch &* 1_000_003 &+ range.lowerBound)
                                        for _ in range {
                                            let k = VectorMath.below(samples, rng.next())
                                            let u = Int(userOf[k]), i = Int(columns[k])
                                            let j = popularity ? Int(columns[VectorMath.below(samples, rng.next())]) : VectorMath.below(n, rng.next())
                                            if contains(columns.buffer, from: starts[u], to: starts[u + 1], Int32(j)) { continue }
                                            let xu = shared.users + u * width, yi = shared.items + i * width, yj = shared.items + j * width
                                            let z = 1 / (1 + expf(VectorMath.dotDifference(xu, yi, yj, width)))
                                            // i is liked and j is not, so the three rows never overlap.
                                            var d = 0
                                            while d + 8 <= f {
                                                let xd = VectorMath.load(xu + d), gi = VectorMath.load(yi + d), gj = VectorMath.load(yj + d)
                                                VectorMath.store(xd + lr * (z * (gi - gj) - reg * xd), xu + d)
                                                VectorMath.store(gi + lr * (z * xd - reg * gi), yi + d)
                                                VectorMath.store(gj + lr * (-z * xd - reg * gj), yj + d)
                                                d += 8
                                            }
                                            for d in d..<f {
                                                let xd = xu[d], gi = yi[d], gj = yj[d]
                                                xu[d] += lr * (z * (gi - gj) - reg * xd)
                                                yi[d] += lr * (z * xd - reg * gi)
                                                yj[d] += lr * (-z * xd - reg * gj)
                                            }
                                            yi[f] += lr * (z - reg * yi[f])
                                            yj[f] += lr * (-z - reg * yj[f])
                                        }
                                    }
                                    tracker.advance()
                                }
                            }
                        }
                    }
                }
            }
        }
        tracker.finish()
        return BPRModel(configuration: configuration,
                        factors: FactorMatrices(width: width, userCount: users, itemCount: n, users: x, items: y),
                        trainingFingerprints: HistoryFingerprint.ofRows(matrix))
    }

    /// Whether the sorted `columns[lo..<hi]` holds `item` (binary search for the last entry `<= item`).
    @inline(__always)
    static func contains(_ columns: UnsafeBufferPointer<Int32>, from lo: Int, to hi: Int, _ item: Int32) -> Bool {
        // Branch-free (the comparison becomes a conditional move): the search's mispredicted
        // branches were a quarter of an epoch's time.
        var base = lo, count = hi - lo
        guard count > 0 else { return false }
        while count > 1 {
            let half = count &>> 1
            base = columns[base &+ half] <= item ? base &+ half : base
            count &-= half
        }
        return columns[base] == item
    }
}

/// Factor matrices that BPR's threads update concurrently without locks (Hogwild).
///
/// `@unchecked Sendable` is a deliberate exception: two threads may update the same row at
/// once. Each access is an aligned 4-byte float load or store, which x86-64 and ARM64 perform
/// whole, so a race loses or mixes an SGD step (the accepted cost of Hogwild) but never
/// produces a torn value or touches memory outside the buffers, which the fit keeps alive
/// until every worker has joined (`Parallel.forEachChunk` returns only then).
struct HogwildFactors: @unchecked Sendable {
    let users: UnsafeMutablePointer<Float>
    let items: UnsafeMutablePointer<Float>
}
