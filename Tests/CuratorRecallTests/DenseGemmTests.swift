import CuratorCore
import Testing
@testable import CuratorRecall

/// `Dense.gemm` (AVX-512's small kernel where the CPU has it, else OpenBLAS) against the
/// definition, for every transpose, both betas, and sizes off the kernel's blocks of 6 rows and
/// 64 columns (masked last sixteen).
@Suite struct DenseGemmTests {
    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func matchesTheDefinition(transA: Bool, transB: Bool) {
        for (m, n, k) in [(1, 1, 1), (7, 13, 3), (6, 64, 50), (13, 70, 19), (200, 50, 50), (5, 130, 200)] {
            for beta: Float in [0, 1] {
                var rng = SeededGenerator(seed: UInt64(m * 10_000 + n * 100 + k))
                let a = (0..<(m * k)).map { _ in Float(rng.nextGaussian()) }, b = (0..<(k * n)).map { _ in Float(rng.nextGaussian()) }
                let start = (0..<(m * n)).map { _ in Float(rng.nextGaussian()) }
                // op(A)[i][p] and op(B)[p][j] from row-major storage.
                func opA(_ i: Int, _ p: Int) -> Float { transA ? a[p * m + i] : a[i * k + p] }
                func opB(_ p: Int, _ j: Int) -> Float { transB ? b[j * k + p] : b[p * n + j] }
                var c = start
                Dense.gemm(transA, transB, m: m, n: n, k: k, alpha: 0.5, a, lda: transA ? m : k, b, ldb: transB ? k : n, beta: beta, &c, ldc: n)
                var worst: Float = 0
                for i in 0..<m {
                    for j in 0..<n {
                        var sum: Float = 0
                        for p in 0..<k { sum += opA(i, p) * opB(p, j) }
                        worst = max(worst, abs(c[i * n + j] - (0.5 * sum + beta * start[i * n + j])))
                    }
                }
                #expect(worst < 1e-3, "\(m)×\(n)×\(k), beta \(beta): off by \(worst)")
            }
        }
    }
}
