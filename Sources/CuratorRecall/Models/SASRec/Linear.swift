/// A dense layer `y = x W + b` over rows (`W` is `input × output`, row-major), with ReLU for
/// the point-wise feed-forward network.
enum Linear {
    static func forward(
        _ x: UnsafePointer<Float>, rows: Int, input: Int, output: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows { (y + r * output).update(from: bias, count: output) }
        Dense.gemm(false, false, m: rows, n: output, k: input, x, lda: input, weight, ldb: output, beta: 1, y, ldc: output)
    }

    /// Adds `∂L/∂W = xᵀ dy` and `∂L/∂b`; adds `dy Wᵀ` into `dx` when given.
    static func backward(
        _ dy: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int, input: Int, output: Int,
        weight: UnsafePointer<Float>, dWeight: UnsafeMutablePointer<Float>, dBias: UnsafeMutablePointer<Float>,
        dx: UnsafeMutablePointer<Float>?
    ) {
        Dense.gemm(true, false, m: input, n: output, k: rows, x, lda: input, dy, ldb: output, beta: 1, dWeight, ldc: output)
        Dense.addColumnSums(dy, rows: rows, width: output, into: dBias)
        if let dx {
            Dense.gemm(false, true, m: rows, n: input, k: output, dy, lda: output, weight, ldb: output, beta: 1, dx, ldc: input)
        }
    }

    /// `x = max(x, 0)` in place.
    static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        // Branch-free (half the entries are negative, so a branch mispredicts often; perf put
        // the branching loop at 4% of a training epoch).
        for i in 0..<count { x[i] = max(x[i], 0) }
    }

    /// Zeroes `dy` where the ReLU's output was zero.
    static func reluBackward(_ dy: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int) {
        // Eight lanes at a time (the scalar select did not vectorise: 2.8% of an epoch).
        var i = 0
        while i + 8 <= count {
            let kept = UnsafeRawPointer(output + i).loadUnaligned(as: SIMD8<Float>.self) .> 0
            VectorMath.store(VectorMath.load(dy + i).replacing(with: 0, where: .!kept), dy + i)
            i += 8
        }
        while i < count {
            dy[i] = output[i] > 0 ? dy[i] : 0
            i += 1
        }
    }
}
