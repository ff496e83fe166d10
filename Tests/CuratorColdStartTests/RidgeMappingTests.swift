import CuratorColdStart
import CuratorCore
import Testing

@Suite struct RidgeMappingTests {
    func random(_ count: Int, _ rng: inout SeededGenerator) -> [Float] { (0..<count).map { _ in rng.nextUnitFloat() - 0.5 } }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func recoversALinearMapWithItsIntercept(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let n = 300, d = 12, f = 4
        let x = random(n * d, &rng), w = random((d + 1) * f, &rng)
        let truth = RidgeMapping(inputWidth: d, outputWidth: f, weights: w)
        let fitted = try #require(RidgeMapping.fit(inputs: x, inputWidth: d, targets: truth.apply(x), outputWidth: f, ridge: 1e-5))
        for (a, b) in zip(fitted.weights, w) { #expect(abs(a - b) < 1e-2) }
    }

    @Test(arguments: [4, 5] as [UInt64])
    func satisfiesTheRidgeNormalEquations(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let n = 80, d = 6, f = 3, lambda: Float = 5
        let x = random(n * d, &rng), y = random(n * f, &rng)
        let fitted = try #require(RidgeMapping.fit(inputs: x, inputWidth: d, targets: y, outputWidth: f, ridge: lambda))
        // (XᵀX + λI) W = XᵀY with X augmented by a column of ones, checked in Double.
        let xa = (0..<n).map { r in (0..<d).map { Double(x[r * d + $0]) } + [1] }
        for i in 0...d {
            for k in 0..<f {
                var lhs = Double(lambda) * Double(fitted.weights[i * f + k])
                for j in 0...d { lhs += (0..<n).reduce(0.0) { $0 + xa[$1][i] * xa[$1][j] } * Double(fitted.weights[j * f + k]) }
                let rhs = (0..<n).reduce(0.0) { $0 + xa[$1][i] * Double(y[$1 * f + k]) }
                #expect(abs(lhs - rhs) < 1e-3 * max(1, abs(rhs)))
            }
        }
    }
}
