import CBLAS
import CVectorMath

/// Row-major dense kernels shared by SASRec's layers.
enum Dense {
    /// `c = alpha · op(a) · op(b) + beta · c`, with `op(a)` `m × k` and `op(b)` `k × n`: on
    /// `CVectorMath`'s AVX-512 kernel where the CPU has it (the layers' products are a sequence
    /// against d × d weights or itself, where OpenBLAS's AVX2 kernels, which the machines'
    /// `OPENBLAS_CORETYPE` selects, reach about half its rate), otherwise on OpenBLAS.
    @inline(__always)
    static func gemm(
        _ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if curator_small_gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) != 0 { return }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `y += alpha · x` over `n` floats. Inlined eight-lane loops rather than `cblas_saxpy`: at
    /// SASRec's widths (d = 50) the BLAS call's dispatch cost more than the arithmetic (perf put
    /// `saxpy_k` at 7% of a 5M-synthetic epoch with the sampled loss).
    @inline(__always)
    static func axpy(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        VectorMath.axpy(alpha, x, y, n)
    }

    /// `x · y` over `n` floats (eight lanes, as `axpy`).
    @inline(__always)
    static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        VectorMath.dot(x, y, n)
    }

    /// Adds each of `rows` rows of `m` (`width` wide) into `sums`.
    @inline(__always)
    static func addColumnSums(_ m: UnsafePointer<Float>, rows: Int, width: Int, into sums: UnsafeMutablePointer<Float>) {
        for r in 0..<rows { VectorMath.axpy(1, m + r * width, sums, width) }
    }

    /// Inverted dropout: fills `mask` with 0 or `1/(1−rate)` and multiplies `x` by it.
    static func dropout(_ x: UnsafeMutablePointer<Float>, mask: UnsafeMutablePointer<Float>, count: Int, rate: Float,
                        rng: inout SeededGeneratorRef) {
        let keep = 1 / (1 - rate)
        for i in 0..<count {
            mask[i] = rng.value.nextUnitFloat() < rate ? 0 : keep
            x[i] *= mask[i]
        }
    }
}

import CuratorCore

/// A generator passed down the layers (a struct wrapper keeps `inout` call sites simple).
struct SeededGeneratorRef {
    var value: SeededGenerator
}
