import CuratorCore
import Testing
@testable import CuratorRecall

/// `TopK.select` against a full sort, with ties, exclusions, NaN and -infinity.
@Suite struct TopKTests {
    @Test(arguments: Array(UInt64(1)...30))
    func selectEqualsAFullSort(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // Few distinct values, so ties are everywhere.
        var scores = (0..<500).map { _ in Float(rng.next() % 20) }
        for index in stride(from: 0, to: 500, by: 37) { scores[index] = .nan }
        for index in stride(from: 5, to: 500, by: 41) { scores[index] = -.infinity }
        let excluded = Set((0..<500).filter { $0 % 7 == 0 }.map(Int32.init))
        for k in [1, 10, 100, 600] {
            let fast = scores.withUnsafeBufferPointer { TopK.select(k, from: $0, excluded: { excluded.contains($0) }) }
            let slow = scores.indices
                .filter { !scores[$0].isNaN && scores[$0] != -.infinity && !excluded.contains(Int32($0)) }
                .map { ScoredItem(item: Int32($0), score: scores[$0]) }
                .sorted(by: >)
                .prefix(k)
            #expect(fast == Array(slow), "k = \(k)")
        }
    }

    @Test(arguments: Array(UInt64(1)...10))
    func bestOfAListEqualsAFullSort(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // Items in no order, few distinct scores, so ties are everywhere.
        let items = (0..<200).map { ScoredItem(item: Int32($0), score: Float(rng.next() % 9)) }.shuffled(using: &rng)
        for k in [0, 1, 10, 199, 200, 300] {
            #expect(TopK.best(k, of: items) == Array(items.sorted(by: >).prefix(k)), "k = \(k)")
        }
    }
}

/// BPR's branch-free membership test against `contains`.
@Suite struct SortedMembershipTests {
    @Test(arguments: Array(UInt64(1)...10))
    func branchFreeSearchEqualsContains(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let columns = (0..<Int(rng.next() % 40)).map { _ in Int32(rng.next() % 60) }.sorted()
        let unique = Array(Set(columns)).sorted()
        unique.withUnsafeBufferPointer { buffer in
            for lo in 0...unique.count {
                for hi in lo...unique.count {
                    for item in Int32(-1)...61 {
                        #expect(BPRModel.contains(buffer, from: lo, to: hi, item) == unique[lo..<hi].contains(item))
                    }
                }
            }
        }
    }
}

@Suite("Top-k selection: ties, exclusions, NaN")
struct TopKTieAndExclusionTests {
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
