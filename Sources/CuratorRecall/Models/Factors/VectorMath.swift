/// Small dense-vector kernels for per-row inner loops (factor widths of 16 to 256), where a
/// BLAS call costs more than the arithmetic. Eight lanes with one accumulator per lane.
enum VectorMath {
    /// `a · b` over `n` floats.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>()
        var k = 0
        while k + 8 <= n {
            lanes += UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
            k += 8
        }
        var sum = lanes.sum()
        while k < n {
            sum += a[k] * b[k]
            k += 1
        }
        return sum
    }

    /// `y += alpha · x` over `n` floats.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        for k in 0..<n { y[k] += alpha * x[k] }
    }
}
