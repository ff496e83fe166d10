import Foundation

/// A factor matrix in the interchange format the Spark job (`scale/spark/als_fit.py`) writes,
/// readable without a Parquet library.
///
/// Layout, little-endian: magic `CURATORF` (8 bytes), format version (UInt32), rank (UInt32),
/// row count (UInt64), the row ids (Int32 each), then the factors (`count × rank` Float32,
/// row-major). Row `r` of the matrix belongs to id `ids[r]`; ids need not be sorted or complete.
public struct FactorFile: Sendable, Equatable {
    public static let magic = Array("CURATORF".utf8)
    public static let formatVersion: UInt32 = 1
    static let headerSize = 24

    public var rank: Int
    public var ids: [Int32]
    /// `ids.count × rank` floats, row-major.
    public var factors: [Float]

    public init(rank: Int, ids: [Int32], factors: [Float]) {
        precondition(factors.count == ids.count * rank, "one row of rank floats per id")
        self.rank = rank
        self.ids = ids
        self.factors = factors
    }

    /// The bytes of the file.
    public func encoded() -> Data {
        var data = Data(capacity: Self.headerSize + ids.count * (4 + rank * 4))
        data.append(contentsOf: Self.magic)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        append(Self.formatVersion)
        append(UInt32(rank))
        append(UInt64(ids.count))
        for id in ids { append(id) }
        for value in factors { append(value.bitPattern) }
        return data
    }

    /// Reads and checks a factor file.
    /// - Throws: `ModelFileError` when the file is missing, foreign, newer, or its size disagrees
    ///   with its header.
    public static func read(from path: String) throws -> FactorFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelFileError(.missing, path: path) }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws -> FactorFile {
        guard data.count >= headerSize, Array(data.prefix(magic.count)) == magic else {
            throw ModelFileError(.foreign, path: path)
        }
        return try data.withUnsafeBytes { raw in
            func load<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T { T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self)) }
            let version = load(UInt32.self, at: 8)
            guard version <= formatVersion else { throw ModelFileError(.newerVersion(version), path: path) }
            let rank = Int(load(UInt32.self, at: 12))
            let count = load(UInt64.self, at: 16)
            guard rank > 0, count <= UInt64(Int32.max) else {
                throw ModelFileError(.badPayload("rank \(rank) and \(count) rows"), path: path)
            }
            let rows = Int(count)
            let expected = headerSize + rows * 4 + rows * rank * 4
            guard data.count == expected else {
                throw ModelFileError(.truncated("\(data.count) bytes where the header promises \(expected)"), path: path)
            }
            let ids = (0..<rows).map { load(Int32.self, at: headerSize + $0 * 4) }
            let start = headerSize + rows * 4
            let factors = [Float](unsafeUninitializedCapacity: rows * rank) { buffer, initialized in
                for k in 0..<rows * rank { buffer[k] = Float(bitPattern: load(UInt32.self, at: start + k * 4)) }
                initialized = rows * rank
            }
            return FactorFile(rank: rank, ids: ids, factors: factors)
        }
    }

    /// The rows placed by id into a dense `count × rank` matrix; ids without a row get zeros.
    /// - Throws: `ModelFileError` when an id is outside `0..<count` or appears twice.
    public func denseMatrix(count: Int, path: String) throws -> [Float] {
        var matrix = [Float](repeating: 0, count: count * rank)
        var seen = [Bool](repeating: false, count: count)
        for (row, id) in ids.enumerated() {
            guard id >= 0, Int(id) < count else {
                throw ModelFileError(.badPayload("id \(id) outside the export's 0..<\(count)"), path: path)
            }
            guard !seen[Int(id)] else { throw ModelFileError(.badPayload("id \(id) appears twice"), path: path) }
            seen[Int(id)] = true
            for c in 0..<rank { matrix[Int(id) * rank + c] = factors[row * rank + c] }
        }
        return matrix
    }
}
