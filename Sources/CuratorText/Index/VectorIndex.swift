import CBLAS
import CuratorCore

/// Nearest-neighbour search over unit vectors by dot product (= cosine). The exact index is
/// enough for catalogs of tens of thousands of items; an approximate one (HNSW, IVF) can take
/// its place behind this protocol.
public protocol VectorIndex: Sendable {
    var dimension: Int { get }
    var count: Int { get }

    /// The `k` stored vectors most similar to each query (`queries.count / dimension` of
    /// them), best first, skipping stored indices where `excluded` is true: each one's `item`
    /// is its stored index, its `score` the similarity (dot product) to the query.
    func search(_ queries: [Float], count k: Int, excluding excluded: (Int32) -> Bool) -> [[ScoredItem]]
}

extension VectorIndex {
    /// The `k` nearest stored vectors to one query.
    public func search(_ query: [Float], count k: Int) -> [ScoredItem] {
        search(query, count: k, excluding: { _ in false })[0]
    }
}

/// Exact search: similarities of a block of queries against every stored vector with one
/// sgemm, then `TopK` per query.
public struct ExactVectorIndex: VectorIndex {
    public let dimension: Int
    /// Stored vectors, `count × dimension`, row-major.
    public let vectors: [Float]

    public init(vectors: [Float], dimension: Int) {
        precondition(dimension > 0 && vectors.count % dimension == 0, "vectors hold whole rows")
        self.vectors = vectors
        self.dimension = dimension
    }

    public var count: Int { vectors.count / dimension }

    /// `queries × stored` similarities, row-major, with one sgemm.
    public func similarities(_ queries: [Float]) -> [Float] {
        let q = queries.count / dimension, n = count
        var out = [Float](repeating: 0, count: q * n)
        guard q > 0, n > 0 else { return out }
        queries.withUnsafeBufferPointer { a in
            vectors.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { c in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(q), Int32(n), Int32(dimension), 1,
                                a.baseAddress, Int32(dimension), b.baseAddress, Int32(dimension), 0, c.baseAddress, Int32(n))
                }
            }
        }
        return out
    }

    public func search(_ queries: [Float], count k: Int, excluding excluded: (Int32) -> Bool) -> [[ScoredItem]] {
        precondition(queries.count % dimension == 0, "queries hold whole rows")
        let n = count
        let all = similarities(queries)
        return all.withUnsafeBufferPointer { all in
            (0..<(queries.count / dimension)).map { row in
                TopK.select(k, from: UnsafeBufferPointer(rebasing: all[(row * n)..<((row + 1) * n)]), excluded: excluded)
            }
        }
    }
}

extension ExactVectorIndex {
    /// Every stored vector's similarity to one query, with one sgemv.
    public func scores(_ query: [Float], into out: UnsafeMutableBufferPointer<Float>) {
        precondition(query.count == dimension && out.count >= count, "score shapes")
        guard count > 0 else { return }
        vectors.withUnsafeBufferPointer { v in
            query.withUnsafeBufferPointer { q in
                cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(count), Int32(dimension), 1, v.baseAddress, Int32(dimension),
                            q.baseAddress, 1, 0, out.baseAddress, 1)
            }
        }
    }
}
