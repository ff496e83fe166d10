import CuratorCore

extension ItemKNNModel {
    /// Co-occurrence counts per item through its users, then cosine with shrinkage, keeping the
    /// top `neighbors`. Items are split across threads; each worker owns one dense accumulator.
    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> ItemKNNModel {
        let userItems = data.userItems
        let itemUsers = userItems.transposed()
        let n = data.itemCount
        let norms = (0..<n).map { Float(itemUsers.rowStarts[$0 + 1] - itemUsers.rowStarts[$0]).squareRoot() }
        let k = min(configuration.neighbors, max(n - 1, 0))
        var neighbourItems = [Int32](repeating: -1, count: n * k)
        var neighbourScores = [Float](repeating: 0, count: n * k)
        let tracker = ProgressTracker(task: "itemknn: neighbours", total: n, reporter: progress)
        let workers = Parallel.threadCount
        var accumulators = [Float](repeating: 0, count: workers * n)
        neighbourItems.withUnsafeMutableBufferPointer { itemsOut in
            neighbourScores.withUnsafeMutableBufferPointer { scoresOut in
                accumulators.withUnsafeMutableBufferPointer { scratch in
                    let itemsOut = DisjointWrites(itemsOut), scoresOut = DisjointWrites(scoresOut)
                    let scratch = DisjointWrites(scratch)
                    Parallel.forEachChunk(n, minimumChunk: 64) { range, worker in
                        let accumulator = UnsafeMutableBufferPointer(start: scratch.base + worker * n, count: n)
                        var touched: [Int32] = []
                        for i in range {
                            touched.removeAll(keepingCapacity: true)
                            for u in itemUsers.columns(ofRow: i) {
                                for j in userItems.columns(ofRow: Int(u)) {
                                    if accumulator[Int(j)] == 0 { touched.append(j) }
                                    accumulator[Int(j)] += 1
                                }
                            }
                            var similar = [ScoredItem]()
                            similar.reserveCapacity(touched.count)
                            for j in touched {
                                let overlap = accumulator[Int(j)]
                                accumulator[Int(j)] = 0
                                guard Int(j) != i else { continue }
                                let similarity = overlap / (norms[i] * norms[Int(j)] + configuration.shrink)
                                similar.append(ScoredItem(item: j, score: similarity))
                            }
                            let top = TopK.best(k, of: similar)
                            for (slot, neighbour) in top.enumerated() {
                                itemsOut[i * k + slot] = neighbour.item
                                scoresOut[i * k + slot] = neighbour.score
                            }
                        }
                        tracker.advance(by: range.count)
                    }
                }
            }
        }
        tracker.finish()
        // Compact the fixed-width slots into CSR (items with fewer than k neighbours leave gaps).
        var starts = [0], columns: [Int32] = [], values: [Float] = []
        columns.reserveCapacity(n * k)
        values.reserveCapacity(n * k)
        for i in 0..<n {
            for slot in 0..<k where neighbourItems[i * k + slot] >= 0 {
                columns.append(neighbourItems[i * k + slot])
                values.append(neighbourScores[i * k + slot])
            }
            starts.append(columns.count)
        }
        return ItemKNNModel(configuration: configuration, similarities: CSRMatrix(
            rowCount: n, columnCount: n, rowStarts: starts, columns: columns, values: values))
    }
}
