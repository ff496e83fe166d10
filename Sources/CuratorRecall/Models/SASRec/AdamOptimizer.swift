import Foundation

/// Adam (Kingma & Ba 2015) over a flat parameter vector, with bias correction.
struct AdamOptimizer: Sendable {
    var learningRate: Float
    var beta1: Float = 0.9
    var beta2: Float = 0.98
    var epsilon: Float = 1e-8
    private(set) var step = 0
    private var first: [Float]
    private var second: [Float]

    init(count: Int, learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.98) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        first = [Float](repeating: 0, count: count)
        second = [Float](repeating: 0, count: count)
    }

    /// One update of `weights` against `gradients` (same layout, same length).
    mutating func update(_ weights: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>) {
        step += 1
        let b1 = beta1, b2 = beta2, eps = epsilon
        let correction1 = 1 - powf(b1, Float(step)), correction2 = 1 - powf(b2, Float(step))
        let rate = learningRate / correction1, root2 = correction2.squareRoot()
        first.withUnsafeMutableBufferPointer { m in
            second.withUnsafeMutableBufferPointer { v in
                for i in 0..<m.count {
                    let g = gradients[i]
                    m[i] = b1 * m[i] + (1 - b1) * g
                    v[i] = b2 * v[i] + (1 - b2) * g * g
                    weights[i] -= rate * m[i] / (v[i].squareRoot() / root2 + eps)
                }
            }
        }
    }
}
