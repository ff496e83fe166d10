/// Eight-lane `eˣ` and the softmax passes built on it, for the loops that exponentiate every
/// logit of a row (SASRec's softmax over the catalog, its sampled softmax and attention).
///
/// libm's `expf` is one call per float; these work on eight at once with plain multiply-adds
/// (no rounding instruction, so the package's baseline x86-64 target vectorises them).
extension VectorMath {
    /// `eˣ` for each lane, within 2 ulp of `expf` (relative error under 2.5e-7) for
    /// x in [−87.3, 88.7]; below that (and at −∞) 0, above it +∞, NaN for NaN.
    ///
    /// Cephes' method: x = n·ln 2 + r with n = round(x·log₂e) and |r| ≤ ln 2 / 2 (ln 2 split in
    /// two so n·ln 2 is exact), eʳ from a degree-6 polynomial, then 2ⁿ put in the exponent bits.
    @inline(__always)
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let low: Float = -87.33654, high: Float = 88.72283
        // Comparisons and selects (`clamped` and `pointwiseMax` are not inlined).
        let clamped = x.replacing(with: low, where: .!(x .>= low)).replacing(with: high, where: x .> high)
        // Round to nearest by adding 1.5·2²³: the sum's low mantissa bits hold n.
        let shifter: Float = 12_582_912
        let shifted = clamped * 1.442_695_04 + shifter
        let n = shifted - shifter
        var r = clamped - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p: SIMD8<Float> = r * 1.987_569_15e-4 + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        p = p * (r * r) + r + 1
        // 2ⁿ: n + 127 in the exponent field (n is within [−126, 128] after the clamp).
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(SIMD8<Float>(repeating: shifter), to: SIMD8<Int32>.self)
        let half = (integer &>> 1)
        // Two factors of 2^(n/2) keep n = 128 (x near the top) and n = −126 finite.
        let scaleA = unsafeBitCast((half &+ 127) &<< 23, to: SIMD8<Float>.self)
        let scaleB = unsafeBitCast((integer &- half &+ 127) &<< 23, to: SIMD8<Float>.self)
        var result = p * scaleA * scaleB
        result.replace(with: 0, where: x .< low)
        result.replace(with: .infinity, where: x .> high)
        result.replace(with: x, where: x .!= x)  // NaN stays NaN
        return result
    }

    /// `eˣ` for one float, by the same polynomial as the eight-lane version (for row tails).
    @inline(__always)
    static func exp(_ x: Float) -> Float { exp(SIMD8(repeating: x))[0] }

    /// The largest of `n` floats (−∞ when `n` is 0).
    @inline(__always)
    static func maximum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: -.infinity)
        var k = 0
        while k + 8 <= n {
            let next = UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self)
            lanes.replace(with: next, where: next .> lanes)
            k += 8
        }
        var top = lanes.max()
        while k < n {
            top = Swift.max(top, x[k])
            k += 1
        }
        return top
    }

    /// Replaces each of `n` floats by `e^(x − shift)` and returns their sum.
    @inline(__always)
    static func exponentiate(_ x: UnsafeMutablePointer<Float>, _ n: Int, shift: Float) -> Float {
        var sums = SIMD8<Float>()
        var k = 0
        while k + 8 <= n {
            let e = exp(load(x + k) - shift)
            store(e, x + k)
            sums += e
            k += 8
        }
        var sum = sums.sum()
        while k < n {
            x[k] = exp(x[k] - shift)
            sum += x[k]
            k += 1
        }
        return sum
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
    static func scale(_ x: UnsafeMutablePointer<Float>, _ n: Int, by factor: Float) {
        var k = 0
        while k + 8 <= n {
            store(load(x + k) * factor, x + k)
            k += 8
        }
        while k < n {
            x[k] *= factor
            k += 1
        }
    }

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
