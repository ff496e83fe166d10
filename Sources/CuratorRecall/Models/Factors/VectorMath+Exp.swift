import CVectorMath

/// `eˣ` and the softmax passes built on it, for the loops that exponentiate every logit of a row
/// (SASRec's softmax over the catalog, its sampled softmax and attention).
///
/// The row passes are `CVectorMath`'s C kernels, compiled for AVX-512, AVX2 with FMA and
/// baseline x86-64 and chosen by the CPU at load: in Swift, built for baseline x86-64, eight
/// lanes were two SSE2 halves without fused multiply-add or blend, and `exp` alone was a sixth
/// of an ml-100k SASRec fit.
extension VectorMath {
    /// Replaces each of `n` floats by `eˣ`: within 2 ulp of `expf` (relative error under 2.5e-7)
    /// for x in [−87.3, 88.7]; below that (and at −∞) 0, above it +∞, NaN for NaN. Cephes'
    /// polynomial with the exponent put in by integer arithmetic (`vector_math.c`).
    @inline(__always)
    static func exp(_ x: UnsafeMutablePointer<Float>, _ n: Int) { curator_vector_exp(x, n) }

    /// `eˣ` for one float, by the same kernel as the rows (for a row's extra term).
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        var value = x
        curator_vector_exp(&value, 1)
        return value
    }

    /// The largest of `n` floats (−∞ when `n` is 0).
    @inline(__always)
    static func maximum(_ x: UnsafePointer<Float>, _ n: Int) -> Float { curator_vector_max(x, n) }

    /// Replaces each of `n` floats by `e^(x − shift)` and returns their sum.
    @inline(__always)
    static func exponentiate(_ x: UnsafeMutablePointer<Float>, _ n: Int, shift: Float) -> Float {
        curator_vector_exp_sum(x, n, shift)
    }

    /// `y += x` over `n` floats.
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, _ n: Int) {
        var k = 0
        while k + 8 <= n {
            store(load(y + k) + UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self), y + k)
            k += 8
        }
        while k < n {
            y[k] += x[k]
            k += 1
        }
    }

    /// `x *= y` element by element over `n` floats.
    @inline(__always)
    static func multiply(_ x: UnsafeMutablePointer<Float>, by y: UnsafePointer<Float>, _ n: Int) {
        var k = 0
        while k + 8 <= n {
            store(load(x + k) * UnsafeRawPointer(y + k).loadUnaligned(as: SIMD8<Float>.self), x + k)
            k += 8
        }
        while k < n {
            x[k] *= y[k]
            k += 1
        }
    }

    /// Multiplies each of `n` floats by `factor`.
    @inline(__always)
    static func scale(_ x: UnsafeMutablePointer<Float>, _ n: Int, by factor: Float) { curator_vector_scale(x, n, factor) }

    /// Turns `n` logits into softmax probabilities in place.
    /// - Returns: the largest logit and the sum of `e^(logit − largest)`, so a logit's
    ///   log-probability is `logit − largest − log(sum)`.
    @discardableResult @inline(__always)
    static func softmax(_ x: UnsafeMutablePointer<Float>, _ n: Int) -> (top: Float, sum: Float) {
        let top = maximum(x, n)
        let sum = exponentiate(x, n, shift: top)
        scale(x, n, by: 1 / sum)
        return (top, sum)
    }
}
