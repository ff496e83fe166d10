import Foundation
import Testing
@testable import CuratorRecall

/// The exponential kernel and the softmax passes built on it (`CVectorMath`, the clone this CPU
/// chose), against Foundation's `exp` in Double.
@Suite struct VectorMathExpTests {
    @Test func expMatchesFoundationOverItsRange() {
        // 19,001 points: whole sixteen-lane blocks and a tail of nine.
        let xs = (0...19_000).map { -87.3 + Float($0) * (176.0 / 19_000) }
        var got = xs
        got.withUnsafeMutableBufferPointer { VectorMath.exp($0.baseAddress!, $0.count) }
        var worst = 0.0
        for (x, value) in zip(xs, got) {
            let expected = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(value) - expected) / expected)
        }
        #expect(worst < 1e-6, "worst relative error \(worst)")
        #expect(VectorMath.exp(Float(0)) == 1)
    }

    @Test func expAtTheEdges() {
        #expect(VectorMath.exp(-Float.infinity) == 0)
        #expect(VectorMath.exp(Float(-100)) == 0)
        #expect(VectorMath.exp(Float(100)) == .infinity)
        #expect(VectorMath.exp(Float.nan).isNaN)
        // The smallest and largest finite results are finite and close to the truth.
        let low = VectorMath.exp(Float(-87.3)), high = VectorMath.exp(Float(88.7))
        #expect(abs(Double(low) / Foundation.exp(-87.3) - 1) < 1e-5)
        #expect(high.isFinite && abs(Double(high) / Foundation.exp(Double(Float(88.7))) - 1) < 1e-5)
    }

    @Test(arguments: [1, 7, 8, 9, 200, 1682])
    func softmaxMatchesTheOracle(count n: Int) {
        var rng = SystemRandomNumberGenerator()
        let logits = (0..<n).map { _ in Float.random(in: -30...30, using: &rng) }
        var row = logits
        let (top, sum) = row.withUnsafeMutableBufferPointer { VectorMath.softmax($0.baseAddress!, n) }
        let largest = Double(logits.max()!), total = logits.reduce(0.0) { $0 + Foundation.exp(Double($1) - largest) }
        #expect(Double(top) == largest)
        #expect(abs(Double(sum) - total) < 1e-5 * total)
        for i in 0..<n {
            let expected = Foundation.exp(Double(logits[i]) - largest) / total
            #expect(abs(Double(row[i]) - expected) < 1e-6 + 1e-5 * expected, "item \(i) of \(n)")
        }
        #expect(abs(row.reduce(0.0) { $0 + Double($1) } - 1) < 1e-5)
    }

    @Test(arguments: [0, 1, 15, 16, 17, 40])
    func exponentiateSumsWhatItWrites(count n: Int) {
        let logits = (0..<n).map { Float($0 % 11) - 5 }
        var row = logits
        let sum = row.withUnsafeMutableBufferPointer { VectorMath.exponentiate($0.baseAddress!, n, shift: 2) }
        for i in 0..<n {
            let expected = Foundation.exp(Double(logits[i]) - 2)
            #expect(abs(Double(row[i]) - expected) < 1e-6 * expected, "item \(i) of \(n)")
        }
        #expect(abs(Double(sum) - row.reduce(0.0) { $0 + Double($1) }) < 1e-5 * max(1, Double(sum)))
    }

    @Test func maximumSkipsMinusInfinity() {
        var row: [Float] = (0..<19).map { Float($0) * -1 }
        row[3] = -.infinity
        row[17] = 4
        #expect(row.withUnsafeBufferPointer { VectorMath.maximum($0.baseAddress!, 19) } == 4)
        #expect([Float]().withUnsafeBufferPointer { VectorMath.maximum($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, 0) } == -.infinity)
    }
}
