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

    /// `x · (a − b)` over `n` floats, in one pass.
    @inline(__always)
    static func dotDifference(_ x: UnsafePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>()
        var k = 0
        while k + 8 <= n {
            let difference = UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
                - UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
            lanes += UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self) * difference
            k += 8
        }
        var sum = lanes.sum()
        while k < n {
            sum += x[k] * (a[k] - b[k])
            k += 1
        }
        return sum
    }

    /// `out = scale · M x` for a row-major `n × n` matrix. A BLAS `sgemv` here would hand
    /// n ≥ 96 to OpenBLAS's threads from inside our own parallel workers, oversubscribing cores.
    @inline(__always)
    static func matrixVector(_ m: UnsafePointer<Float>, _ x: UnsafePointer<Float>, scale: Float,
                             _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        for row in 0..<n { out[row] = scale * dot(m + row * n, x, n) }
    }

    /// `y += alpha · x` over `n` floats.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var k = 0
        while k + 8 <= n {
            let sum = load(y + k) + alpha * UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self)
            store(sum, y + k)
            k += 8
        }
        while k < n {
            y[k] += alpha * x[k]
            k += 1
        }
    }

    /// Eight floats from `p` (any alignment).
    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Eight floats to `p` (any alignment).
    @inline(__always)
    static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// A uniform integer in `0..<bound` from 64 random bits (Lemire's multiply-high: no division).
    @inline(__always)
    static func below(_ bound: Int, _ random: UInt64) -> Int {
        Int(truncatingIfNeeded: UInt64(bound).multipliedFullWidth(by: random).high)
    }
}
