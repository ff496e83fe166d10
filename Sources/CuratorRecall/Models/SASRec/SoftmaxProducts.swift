import CVectorMath

/// The item embedding packed for `CVectorMath`'s catalog products: transposed (`d × stride`)
/// and with padded rows (`items × paddedWidth`). Packed once per batch (the embedding changes
/// only at the update) and read by every training thread.
///
/// `@unchecked Sendable`: written by `pack` between batches, only read while the threads run.
final class PackedCatalog: @unchecked Sendable {
    /// Whether this CPU runs the catalog products (AVX-512F). Without it the softmax uses BLAS.
    static let available = curator_catalog_products_available() != 0

    let items: Int, width: Int
    /// The logits' row stride (a multiple of 32 items).
    let stride: Int
    let transposed: UnsafeMutablePointer<Float>, padded: UnsafeMutablePointer<Float>

    init(items: Int, width: Int) {
        self.items = items
        self.width = width
        stride = curator_catalog_stride(items)
        transposed = .allocate(capacity: width * stride)
        padded = .allocate(capacity: items * curator_catalog_width(width))
    }

    deinit {
        transposed.deallocate()
        padded.deallocate()
    }

    /// Packs the item embedding (`items × width`).
    func pack(_ embedding: UnsafePointer<Float>) {
        curator_catalog_pack(embedding, items, width, transposed, stride, padded)
    }
}

/// The three products of SASRec's softmax over the catalog, for one sequence's outputs `F`
/// (`L × d`) and the softmax's gradient `G` (`L × stride`): the logits `F·Eᵀ`, `∂/∂F = G·E` and
/// `∂/∂E += Gᵀ·F`. With a `PackedCatalog` they run on `CVectorMath`'s AVX-512 products, the
/// embedding's gradient gathered transposed per thread and added by `finish()` (about twice
/// OpenBLAS's AVX2 kernels on these shapes, which the machines' `OPENBLAS_CORETYPE` selects);
/// without one, on BLAS straight into `dEmbedding`.
struct SoftmaxProducts {
    let itemCount: Int, width: Int
    let embedding: UnsafePointer<Float>, dEmbedding: UnsafeMutablePointer<Float>
    let packed: PackedCatalog?
    /// `∂/∂E` transposed (`d × stride`), with `packed`: zero at the start of a slice.
    let transposedGradient: UnsafeMutablePointer<Float>?

    /// The logits' row stride.
    var stride: Int { packed?.stride ?? itemCount }

    /// BLAS on the embedding as it is.
    init(itemCount: Int, width: Int, embedding: UnsafePointer<Float>, dEmbedding: UnsafeMutablePointer<Float>) {
        self.itemCount = itemCount
        self.width = width
        self.embedding = embedding
        self.dEmbedding = dEmbedding
        packed = nil
        transposedGradient = nil
    }

    /// The catalog products on `packed` (the embedding's current copy), gathering `∂/∂E` in
    /// `transposedGradient` (`width × packed.stride`, zeroed) until `finish()`.
    init(packed: PackedCatalog, embedding: UnsafePointer<Float>, dEmbedding: UnsafeMutablePointer<Float>,
         transposedGradient: UnsafeMutablePointer<Float>) {
        itemCount = packed.items
        width = packed.width
        self.embedding = embedding
        self.dEmbedding = dEmbedding
        self.packed = packed
        self.transposedGradient = transposedGradient
    }

    /// `logits = F·Eᵀ` (`L × stride`; columns past the catalog 0).
    func logits(_ f: UnsafePointer<Float>, rows L: Int, into logits: UnsafeMutablePointer<Float>) {
        if let packed {
            curator_catalog_logits(f, L, width, packed.transposed, packed.stride, logits)
        } else {
            Dense.gemm(false, true, m: L, n: itemCount, k: width, f, lda: width, embedding, ldb: width, logits, ldc: itemCount)
        }
    }

    /// `dF = G·E` and `∂/∂E += Gᵀ·F`, for `G` in place of the logits.
    func backward(_ g: UnsafePointer<Float>, _ f: UnsafePointer<Float>, rows L: Int, dOutput: UnsafeMutablePointer<Float>) {
        if let packed, let transposedGradient {
            curator_catalog_input_gradient(g, L, packed.stride, itemCount, packed.padded, width, dOutput)
            curator_catalog_embedding_gradient(f, L, width, g, packed.stride, transposedGradient)
        } else {
            Dense.gemm(false, false, m: L, n: width, k: itemCount, g, lda: itemCount, embedding, ldb: width, dOutput, ldc: width)
            Dense.gemm(true, false, m: itemCount, n: width, k: L, g, lda: itemCount, f, ldb: width, beta: 1, dEmbedding, ldc: width)
        }
    }

    /// Adds the gathered `∂/∂E` into `dEmbedding` and zeroes it (nothing on BLAS).
    func finish() {
        guard let packed, let transposedGradient else { return }
        let d = width, stride = packed.stride
        for c in 0..<d {
            let row = transposedGradient + c * stride
            for j in 0..<itemCount { dEmbedding[j * d + c] += row[j] }
        }
        transposedGradient.update(repeating: 0, count: d * stride)
    }
}
