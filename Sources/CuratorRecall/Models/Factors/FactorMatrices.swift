import CBLAS
import CuratorCore

/// The dense user and item factors of a matrix-factorisation model, each a flat row-major
/// `[Float]` (`rows × width`).
public struct FactorMatrices: Sendable, Equatable {
    /// Floats per row (for BPR this includes the item-bias column).
    public let width: Int
    public let userCount: Int
    public let itemCount: Int
    public var users: [Float]
    public var items: [Float]

    public init(width: Int, userCount: Int, itemCount: Int, users: [Float], items: [Float]) {
        precondition(users.count == userCount * width && items.count == itemCount * width, "factor shapes")
        self.width = width
        self.userCount = userCount
        self.itemCount = itemCount
        self.users = users
        self.items = items
    }

    /// A copy of user `u`'s row.
    public func userVector(_ u: Int) -> [Float] { Array(users[u * width..<(u + 1) * width]) }

    /// A copy of item `i`'s row.
    public func itemVector(_ i: Int) -> [Float] { Array(items[i * width..<(i + 1) * width]) }

    /// `scores = items · vector`: every item's score with one `cblas_sgemv`.
    public func scoreItems(with vector: UnsafeBufferPointer<Float>, into scores: UnsafeMutableBufferPointer<Float>) {
        precondition(vector.count == width && scores.count == itemCount, "score shapes")
        guard itemCount > 0 else { return }
        items.withUnsafeBufferPointer { y in
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(itemCount), Int32(width), 1,
                        y.baseAddress, Int32(width), vector.baseAddress, 1, 0, scores.baseAddress, 1)
        }
    }

    /// The `width × width` Gram matrix `MᵀM` of a factor matrix (`rows × width`), plus
    /// `ridge` on the diagonal, with one `cblas_ssyrk` (both triangles filled).
    public static func gram(_ matrix: [Float], rows: Int, width: Int, ridge: Float = 0) -> [Float] {
        var gram = [Float](repeating: 0, count: width * width)
        if rows > 0 {
            matrix.withUnsafeBufferPointer { m in
                gram.withUnsafeMutableBufferPointer { g in
                    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(width), Int32(rows), 1,
                                m.baseAddress, Int32(width), 0, g.baseAddress, Int32(width))
                }
            }
        }
        for r in 0..<width {
            for c in 0..<r { gram[r * width + c] = gram[c * width + r] }
            gram[r * width + r] += ridge
        }
        return gram
    }

    /// Writes the shapes and both matrices.
    public func encode(into writer: inout BinaryWriter) {
        writer.write(UInt64(width))
        writer.write(UInt64(userCount))
        writer.write(UInt64(itemCount))
        writer.write(array: users)
        writer.write(array: items)
    }

    /// Reads what `encode(into:)` wrote.
    /// - Throws: `ModelFileError` when the shapes disagree with the data.
    public init(decoding reader: inout BinaryReader, kind: String) throws {
        let width = Int(try reader.read(UInt64.self))
        let userCount = Int(try reader.read(UInt64.self))
        let itemCount = Int(try reader.read(UInt64.self))
        let users = try reader.readArray(of: Float.self)
        let items = try reader.readArray(of: Float.self)
        guard width > 0, users.count == userCount * width, items.count == itemCount * width else {
            throw ModelFileError(.badPayload("factor matrices of the wrong shape"), path: kind)
        }
        self.init(width: width, userCount: userCount, itemCount: itemCount, users: users, items: items)
    }

    /// Seeded uniform factors in `[low, high)` (one stream per row, so the result does not
    /// depend on thread count).
    static func random(rows: Int, width: Int, low: Float, high: Float, seed: UInt64) -> [Float] {
        var values = [Float](repeating: 0, count: rows * width)
        for r in 0..<rows {
            var rng = SeededGenerator.stream(seed, r)
            for c in 0..<width { values[r * width + c] = low + (high - low) * rng.nextUnitFloat() }
        }
        return values
    }
}
