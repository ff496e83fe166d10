import CuratorCore
import Testing
@testable import CuratorRecall

/// The softmax over the catalog computed with `CVectorMath`'s AVX-512 catalog products (the
/// packed, transposed path SASRec trains with on such CPUs) against the same loss on BLAS.
@Suite(.enabled(if: PackedCatalog.available, "the catalog products need AVX-512"))
struct SoftmaxProductsTests {
    /// Shapes off every block size: rows 1, 7 and 13 (blocks of 8, 4, 2, 1), widths 5, 17 and 50
    /// (a partial sixteen), catalogs of 3, 33 and 100 items (a partial 32).
    @Test(arguments: [(1, 5, 3), (7, 17, 33), (13, 50, 100)])
    func matchesBLAS(rows L: Int, width d: Int, items n: Int) {
        var rng = SeededGenerator(seed: UInt64(L * 1000 + d * 10 + n))
        let f = (0..<(L * d)).map { _ in Float(rng.nextGaussian()) * 0.5 }
        let e = (0..<(n * d)).map { _ in Float(rng.nextGaussian()) * 0.5 }
        let targets = (0..<L).map { _ in Int32(rng.next() % UInt64(n)) }
        let packed = PackedCatalog(items: n, width: d)
        e.withUnsafeBufferPointer { packed.pack($0.baseAddress!) }

        func run(_ packed: PackedCatalog?) -> (loss: Double, dOutput: [Float], dEmbedding: [Float]) {
            var dOutput = [Float](repeating: 0, count: L * d), dEmbedding = [Float](repeating: 1, count: n * d)
            let stride = packed?.stride ?? n
            var logits = [Float](repeating: .nan, count: L * stride), transposed = [Float](repeating: 0, count: d * stride)
            let loss = e.withUnsafeBufferPointer { e in
                dEmbedding.withUnsafeMutableBufferPointer { dE in
                    transposed.withUnsafeMutableBufferPointer { t in
                        let products = packed.map {
                            SoftmaxProducts(packed: $0, embedding: e.baseAddress!, dEmbedding: dE.baseAddress!, transposedGradient: t.baseAddress!)
                        } ?? SoftmaxProducts(itemCount: n, width: d, embedding: e.baseAddress!, dEmbedding: dE.baseAddress!)
                        defer { products.finish() }
                        return SASRecLoss.softmaxCrossEntropy(output: f, length: L, positives: targets, products: products,
                                                              logits: &logits, dOutput: &dOutput, normalizer: Float(L))
                    }
                }
            }
            if packed != nil { #expect(transposed.allSatisfy { $0 == 0 }, "finish() leaves the gathered gradient zeroed") }
            return (loss, dOutput, dEmbedding)
        }
        let fast = run(packed), reference = run(nil)
        #expect(abs(fast.loss - reference.loss) < 1e-4 * max(1, abs(reference.loss)))
        for (a, b) in zip(fast.dOutput, reference.dOutput) { #expect(abs(a - b) < 1e-5) }
        // Started at 1: the gradient is added to what is there.
        for (a, b) in zip(fast.dEmbedding, reference.dEmbedding) { #expect(abs(a - b) < 1e-5) }
        #expect(reference.dEmbedding.contains { $0 != 1 })
    }
}
