import CBLAS
import CuratorCore
import Foundation

extension EASEModel {
    /// Dense items × items buffers alive at once at the peak of a fit and its save: the
    /// weights, the payload the model encodes them into, and the model file's bytes (one
    /// buffer, written without a further copy). The fit itself works in place in the first.
    /// (Measured before the save stopped copying: 16 bytes per item² with two more copies.)
    public static let denseBuffersAtPeak = 3

    /// Bytes a fit and its save hold at their peak: `denseBuffersAtPeak` items × items matrices
    /// of `Float`, and 1 MiB for the file's header and the small arrays beside them.
    public static func estimatedBytes(itemCount: Int) -> Double {
        Double(itemCount) * Double(itemCount) * Double(MemoryLayout<Float>.size) * Double(denseBuffersAtPeak) + Double(1 << 20)
    }

    /// Refuses, before allocating anything, when `itemCount` items would not fit in memory.
    /// - Throws: `EASEError` saying how much memory it would take and what to use instead.
    public static func checkMemory(itemCount: Int, physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory) throws {
        let needed = estimatedBytes(itemCount: itemCount)
        let available = Double(physicalMemory) * 0.8
        guard needed <= available else {
            let gib = { (bytes: Double) in String(format: "%.1f GiB", bytes / 1_073_741_824) }
            throw EASEError(message: """
                ease needs a dense \(itemCount) × \(itemCount) item matrix: about \(gib(needed)), \
                more than 80% of this machine's \(gib(Double(physicalMemory))) of memory. \
                Use --model als or --model itemknn, or keep fewer items with --min-item N.
                """)
        }
    }

    /// Fits in closed form: the Gram matrix `XᵀX` from the sparse data (rows split across
    /// threads; for binary data `Σ_u |u|²` additions, far fewer than a dense product), then
    /// its inverse through LAPACK's Cholesky factorisation (`spotrf` + `spotri`, OpenBLAS).
    /// - Throws: `EASEError` when the matrix would not fit in memory or is not positive definite.
    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> EASEModel {
        let n = data.itemCount
        try checkMemory(itemCount: n)
        let tracker = ProgressTracker(task: "ease: gram matrix", total: n, reporter: progress)
        var p = gram(data, tracker: tracker)
        tracker.finish()
        for i in 0..<n { p[i * n + i] += configuration.regularization }

        let invert = ProgressTracker(task: "ease: cholesky inverse", total: nil, reporter: progress)
        // Row-major upper triangle = column-major lower ("L").
        let lower = UInt8(ascii: "L").asCChar
        var info = p.withUnsafeMutableBufferPointer { curator_spotrf(lower, Int32(n), $0.baseAddress, Int32(n)) }
        guard info == 0 else {
            throw EASEError(message: "ease: XᵀX + \(configuration.regularization)·I is not positive definite (LAPACK spotrf info \(info)); raise reg")
        }
        info = p.withUnsafeMutableBufferPointer { curator_spotri(lower, Int32(n), $0.baseAddress, Int32(n)) }
        guard info == 0 else { throw EASEError(message: "ease: the inverse failed (LAPACK spotri info \(info))") }
        invert.finish()

        // P is in the row-major upper triangle; B_ij = −P_ij / P_jj, zero diagonal, in place.
        p.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { for j in 0..<i { p[i * n + j] = p[j * n + i] } }
            let diagonal = (0..<n).map { p[$0 * n + $0] }
            let b = DisjointWrites(p)
            Parallel.forEachChunk(n, minimumChunk: 64) { rows, _ in
                for i in rows {
                    for j in 0..<n { b[i * n + j] = i == j ? 0 : -b[i * n + j] / diagonal[j] }
                }
            }
        }
        return EASEModel(configuration: configuration, itemCount: n, weights: p)
    }

    /// `XᵀX` of the binary user × item matrix, dense row-major.
    static func gram(_ data: TrainingData, tracker: ProgressTracker) -> [Float] {
        let n = data.itemCount
        let userItems = data.userItems, itemUsers = userItems.transposed()
        var g = [Float](repeating: 0, count: n * n)
        g.withUnsafeMutableBufferPointer { g in
            let g = DisjointWrites(g)
            Parallel.forEachChunk(n, minimumChunk: 16) { items, _ in
                for i in items {
                    let row = g.base + i * n
                    for k in itemUsers.rowStarts[i]..<itemUsers.rowStarts[i + 1] {
                        let u = Int(itemUsers.columns[k]), weight = itemUsers.values[k]
                        for e in userItems.rowStarts[u]..<userItems.rowStarts[u + 1] {
                            row[Int(userItems.columns[e])] += weight * userItems.values[e]
                        }
                    }
                }
                tracker.advance(by: items.count)
            }
        }
        return g
    }
}
