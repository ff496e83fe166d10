import CuratorCore
import CuratorText
import Testing

@Suite struct VectorIndexTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func exactSearchMatchesABruteForceSort(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = 16, n = 200
        let vectors = normalizedRows((0..<(n * d)).map { _ in rng.nextUnitFloat() - 0.5 }, width: d)
        let queries = normalizedRows((0..<(3 * d)).map { _ in rng.nextUnitFloat() - 0.5 }, width: d)
        let index = ExactVectorIndex(vectors: vectors, dimension: d)
        let found = index.search(queries, count: 10, excluding: { $0 % 7 == 0 })
        for q in 0..<3 {
            var all: [ScoredItem] = []
            for i in 0..<n where i % 7 != 0 {
                var dot: Float = 0
                for j in 0..<d { dot += queries[q * d + j] * vectors[i * d + j] }
                all.append(ScoredItem(item: Int32(i), score: dot))
            }
            let expected = Array(all.sorted(by: >).prefix(10))
            #expect(found[q].map(\.item) == expected.map(\.item))
            for (a, b) in zip(found[q], expected) { #expect(abs(a.score - b.score) < 1e-5) }
        }
    }
}
