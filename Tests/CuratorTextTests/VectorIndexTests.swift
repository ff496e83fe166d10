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
            let expected = (0..<n).filter { $0 % 7 != 0 }.map { i in
                Neighbour(index: Int32(i), similarity: (0..<d).reduce(Float(0)) { $0 + queries[q * d + $1] * vectors[i * d + $1] })
            }.sorted(by: >).prefix(10)
            #expect(found[q].map(\.index) == expected.map(\.index))
            for (a, b) in zip(found[q], expected) { #expect(abs(a.similarity - b.similarity) < 1e-5) }
        }
    }
}
