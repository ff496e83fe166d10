import Foundation

/// Layer normalisation over each row: `y = γ ⊙ (x − μ)/√(σ² + ε) + β`.
enum LayerNorm {
    static let epsilon: Float = 1e-8

    /// Normalises `rows` rows of `x` into `y`, keeping `x̂` and `1/σ` per row for backward.
    static func forward(
        _ x: UnsafePointer<Float>, rows: Int, width d: Int, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
        y: UnsafeMutablePointer<Float>, normalized: UnsafeMutablePointer<Float>, inverseStd: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows {
            let row = x + r * d
            var mean: Float = 0
            for c in 0..<d { mean += row[c] }
            mean /= Float(d)
            var variance: Float = 0
            for c in 0..<d { variance += (row[c] - mean) * (row[c] - mean) }
            let inv = 1 / (variance / Float(d) + epsilon).squareRoot()
            inverseStd[r] = inv
            for c in 0..<d {
                let n = (row[c] - mean) * inv
                normalized[r * d + c] = n
                y[r * d + c] = gamma[c] * n + beta[c]
            }
        }
    }

    /// Adds `∂L/∂γ`, `∂L/∂β` and writes `∂L/∂x` (overwriting `dx`, which may alias nothing else).
    static func backward(
        _ dy: UnsafePointer<Float>, rows: Int, width d: Int, gamma: UnsafePointer<Float>,
        normalized: UnsafePointer<Float>, inverseStd: UnsafePointer<Float>,
        dGamma: UnsafeMutablePointer<Float>, dBeta: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows {
            var meanD: Float = 0, meanDN: Float = 0
            for c in 0..<d {
                let g = dy[r * d + c], n = normalized[r * d + c]
                dGamma[c] += g * n
                dBeta[c] += g
                let dn = g * gamma[c]
                meanD += dn
                meanDN += dn * n
            }
            meanD /= Float(d)
            meanDN /= Float(d)
            for c in 0..<d {
                let n = normalized[r * d + c]
                dx[r * d + c] = inverseStd[r] * (dy[r * d + c] * gamma[c] - meanD - n * meanDN)
            }
        }
    }
}
