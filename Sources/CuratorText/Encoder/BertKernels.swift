import CBLAS
import CuratorCore
import Foundation

/// The element-wise and row-wise steps of the encoder, over flat row-major matrices; rows are
/// split across threads (each row is written by one worker only).
enum BertKernels {
    /// `Parallel.forEachChunk` when `parallel`, else the whole range on the calling thread.
    static func forEachChunk(_ count: Int, minimumChunk: Int, parallel: Bool, _ body: @Sendable (Range<Int>, Int) -> Void) {
        if parallel { Parallel.forEachChunk(count, minimumChunk: minimumChunk, body) } else if count > 0 { body(0..<count, 0) }
    }

    /// `out[r] = bias` for every row, so a following sgemm with `beta = 1` adds the bias.
    static func fillRows(_ out: UnsafeMutablePointer<Float>, rows: Int, with bias: [Float]) {
        bias.withUnsafeBufferPointer { b in
            for r in 0..<rows { (out + r * b.count).update(from: b.baseAddress!, count: b.count) }
        }
    }

    /// `C[rows × out] (+)= A[rows × in] · Wᵀ` with `W` stored `out × in`: one sgemm.
    static func linear(_ a: UnsafePointer<Float>, rows: Int, inputs: Int, weight: [Float], outputs: Int,
                       into c: UnsafeMutablePointer<Float>, accumulate: Bool) {
        weight.withUnsafeBufferPointer { w in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs), 1,
                        a, Int32(inputs), w.baseAddress, Int32(inputs), accumulate ? 1 : 0, c, Int32(outputs))
        }
    }

    /// In place: `x[r] = LayerNorm(x[r] + bias) · gamma + beta`, per row of width `gamma.count`.
    static func addBiasAndNormalize(_ x: UnsafeMutablePointer<Float>, rows: Int, bias: [Float]?, gamma: [Float], beta: [Float], epsilon: Float, parallel: Bool) {
        let width = gamma.count
        let rowsPointer = DisjointWrites(UnsafeMutableBufferPointer(start: x, count: rows * width))
        forEachChunk(rows, minimumChunk: 16, parallel: parallel) { range, _ in
            gamma.withUnsafeBufferPointer { g in
                beta.withUnsafeBufferPointer { be in
                    for r in range {
                        let row = rowsPointer.base + r * width
                        if let bias { for j in 0..<width { row[j] += bias[j] } }
                        var mean: Float = 0
                        for j in 0..<width { mean += row[j] }
                        mean /= Float(width)
                        var variance: Float = 0
                        for j in 0..<width { let d = row[j] - mean; variance += d * d }
                        let scale = 1 / (variance / Float(width) + epsilon).squareRoot()
                        for j in 0..<width { row[j] = (row[j] - mean) * scale * g[j] + be[j] }
                    }
                }
            }
        }
    }

    /// In place: the exact (erf) GELU of every element.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int, parallel: Bool) {
        let values = DisjointWrites(UnsafeMutableBufferPointer(start: x, count: count))
        forEachChunk(count, minimumChunk: 16_384, parallel: parallel) { range, _ in
            for i in range {
                let v = values.base[i]
                values.base[i] = 0.5 * v * (1 + erf(v * 0.70710678118654752))
            }
        }
    }

    /// erf(x) for Float as a rational function on [-4, 4] (Eigen's `generic_fast_erf_float`),
    /// within a few ulp of `erff` and branch-free, so the GELU loop vectorises.
    @inline(__always)
    static func erf(_ a: Float) -> Float {
        let x = min(max(a, -4), 4)
        let x2 = x * x
        var p: Float = -2.72614225801306e-10
        p = p * x2 + 2.77068142495902e-08
        p = p * x2 - 2.10102402082508e-06
        p = p * x2 - 5.69250639462346e-05
        p = p * x2 - 7.34990630326855e-04
        p = p * x2 - 2.95459980854025e-03
        p = p * x2 - 1.60960333262415e-02
        p *= x
        var q: Float = -1.45660718464996e-05
        q = q * x2 - 2.13374055278905e-04
        q = q * x2 - 1.68282697438203e-03
        q = q * x2 - 7.37332916720468e-03
        q = q * x2 - 1.42647390514189e-02
        return p / q
    }

    /// In place: a numerically stable softmax of each row of a `rows × width` block.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let row = x + r * width
            var maximum = -Float.infinity
            for j in 0..<width { maximum = max(maximum, row[j]) }
            var sum: Float = 0
            for j in 0..<width { let e = expf(row[j] - maximum); row[j] = e; sum += e }
            let inverse = 1 / sum
            for j in 0..<width { row[j] *= inverse }
        }
    }
}
