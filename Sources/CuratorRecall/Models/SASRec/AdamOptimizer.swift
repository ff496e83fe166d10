import CuratorCore
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

    /// One update of `weights` against the sum of `slices` gradient vectors laid end to end
    /// (`slices × count` floats: one per training thread), which it zeroes for the next batch.
    /// Every entry's update is independent, so the entries are split across threads; the sum
    /// runs in slice order, so the result does not depend on that split.
    mutating func update(_ weights: UnsafeMutablePointer<Float>, gradientSlices gradients: UnsafeMutablePointer<Float>, slices: Int) {
        step += 1
        let b1 = beta1, b2 = beta2, eps = epsilon, n = first.count
        let correction1 = 1 - powf(b1, Float(step)), correction2 = 1 - powf(b2, Float(step))
        let rate = learningRate / correction1, root2 = correction2.squareRoot()
        first.withUnsafeMutableBufferPointer { m in
            second.withUnsafeMutableBufferPointer { v in
                let m = DisjointWrites(m), v = DisjointWrites(v)
                let w = DisjointWrites(UnsafeMutableBufferPointer(start: weights, count: n))
                let g = DisjointWrites(UnsafeMutableBufferPointer(start: gradients, count: n * slices))
                Parallel.forEachChunk(n, minimumChunk: 1 << 15) { range, _ in
                    let m = m.base, v = v.base, w = w.base, g = g.base
                    for slice in 1..<max(slices, 1) {
                        let other = g + slice * n
                        for i in range {
                            g[i] += other[i]
                            other[i] = 0
                        }
                    }
                    for i in range {
                        let gradient = g[i]
                        g[i] = 0
                        m[i] = b1 * m[i] + (1 - b1) * gradient
                        v[i] = b2 * v[i] + (1 - b2) * gradient * gradient
                        w[i] -= rate * m[i] / (v[i].squareRoot() / root2 + eps)
                    }
                }
            }
        }
    }
}
