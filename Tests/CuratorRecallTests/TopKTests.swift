import CuratorCore
import CuratorRecall
import Testing

@Suite("Top-k selection")
struct TopKTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func matchesAFullSortWithTieBreakByItem(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // Few distinct values, so ties are everywhere.
        let scores = (0..<300).map { _ in Float(rng.next() % 7) }
        let excluded = Set((0..<40).map { _ in Int32(rng.next() % 300) })
        let oracle = scores.indices
            .filter { !excluded.contains(Int32($0)) }
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        for k in [1, 10, 100, 400] {
            let top = scores.withUnsafeBufferPointer { TopK.select(k, from: $0, excluded: { excluded.contains($0) }) }
            #expect(top.map { Int($0.item) } == Array(oracle.prefix(k)))
        }
    }

    @Test func skipsNaNAndMinusInfinity() {
        let scores: [Float] = [.nan, 1, -.infinity, 0.5]
        let top = scores.withUnsafeBufferPointer { TopK.select(10, from: $0) }
        #expect(top.map(\.item) == [1, 3])
    }
}
