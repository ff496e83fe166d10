import Foundation

/// Layer normalisation over each row: `y = γ ⊙ (x − μ)/√(σ² + ε) + β`.
///
/// The row passes run eight lanes at a time with one accumulator per lane (scalar sums are a
/// chain of dependent adds the compiler may not reorder: perf put the scalar version at 8% of
/// a 5M-synthetic epoch).
enum LayerNorm {
    static let epsilon: Float = 1e-8

    private typealias Lanes = SIMD8<Float>

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

    /// Normalises `rows` rows of `x` into `y`, keeping `x̂` and `1/σ` per row for backward.
    static func forward(
        _ x: UnsafePointer<Float>, rows: Int, width d: Int, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
        y: UnsafeMutablePointer<Float>, normalized: UnsafeMutablePointer<Float>, inverseStd: UnsafeMutablePointer<Float>
    ) {
        let body = d & ~7
        for r in 0..<rows {
            let row = x + r * d, out = y + r * d, norm = normalized + r * d
            var lanes = Lanes()
            var c = 0
            while c < body { lanes += load(row + c); c += 8 }
            var mean = lanes.sum()
            for c in body..<d { mean += row[c] }
            mean /= Float(d)
            lanes = Lanes()
            c = 0
            while c < body {
                let centred = load(row + c) - mean
                lanes += centred * centred
                c += 8
            }
            var variance = lanes.sum()
            for c in body..<d { variance += (row[c] - mean) * (row[c] - mean) }
            let inv = 1 / (variance / Float(d) + epsilon).squareRoot()
            inverseStd[r] = inv
            c = 0
            while c < body {
                let n = (load(row + c) - mean) * inv
                VectorMath.store(n, norm + c)
                VectorMath.store(load(gamma + c) * n + load(beta + c), out + c)
                c += 8
            }
            for c in body..<d {
                let n = (row[c] - mean) * inv
                norm[c] = n
                out[c] = gamma[c] * n + beta[c]
            }
        }
    }

    /// Adds `∂L/∂γ`, `∂L/∂β` and writes `∂L/∂x` (overwriting `dx`, which may alias nothing else).
    static func backward(
        _ dy: UnsafePointer<Float>, rows: Int, width d: Int, gamma: UnsafePointer<Float>,
        normalized: UnsafePointer<Float>, inverseStd: UnsafePointer<Float>,
        dGamma: UnsafeMutablePointer<Float>, dBeta: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>
    ) {
        let body = d & ~7
        for r in 0..<rows {
            let g = dy + r * d, norm = normalized + r * d, out = dx + r * d
            var sumD = Lanes(), sumDN = Lanes()
            var c = 0
            while c < body {
                let gc = load(g + c), n = load(norm + c)
                VectorMath.store(load(dGamma + c) + gc * n, dGamma + c)
                VectorMath.store(load(dBeta + c) + gc, dBeta + c)
                let dn = gc * load(gamma + c)
                sumD += dn
                sumDN += dn * n
                c += 8
            }
            var meanD = sumD.sum(), meanDN = sumDN.sum()
            for c in body..<d {
                let gc = g[c], n = norm[c]
                dGamma[c] += gc * n
                dBeta[c] += gc
                let dn = gc * gamma[c]
                meanD += dn
                meanDN += dn * n
            }
            meanD /= Float(d)
            meanDN /= Float(d)
            let inv = inverseStd[r]
            c = 0
            while c < body {
                VectorMath.store(inv * (load(g + c) * load(gamma + c) - meanD - load(norm + c) * meanDN), out + c)
                c += 8
            }
            for c in body..<d { out[c] = inv * (g[c] * gamma[c] - meanD - norm[c] * meanDN) }
        }
    }
}
