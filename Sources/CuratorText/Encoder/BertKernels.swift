import CBLAS
import CuratorCore
import Foundation

/// The element-wise and row-wise steps of the encoder, over flat row-major matrices; rows are
/// split across threads (each row is written by one worker only).
enum BertKernels {
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
    static func addBiasAndNormalize(_ x: UnsafeMutablePointer<Float>, rows: Int, bias: [Float]?, gamma: [Float], beta: [Float], epsilon: Float) {
        let width = gamma.count
        let rowsPointer = DisjointWrites(UnsafeMutableBufferPointer(start: x, count: rows * width))
        Parallel.forEachChunk(rows, minimumChunk: 16) { range, _ in
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
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let values = DisjointWrites(UnsafeMutableBufferPointer(start: x, count: count))
        Parallel.forEachChunk(count, minimumChunk: 16_384) { range, _ in
            for i in range {
                let v = values.base[i]
                values.base[i] = 0.5 * v * (1 + erff(v * 0.70710678118654752))
            }
        }
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
