import CuratorCore
import CuratorTestSupport
import Foundation
import Testing

@Suite("Model files")
struct ModelFileTests {
    private let file = ModelFile(kind: "itemknn", parameters: ["neighbors": "10"], datasetFingerprint: 42, payload: Array(0..<200))

    @Test func roundTrip() throws {
        let dir = TemporaryDirectory()
        try file.write(to: dir.path + "/m.model")
        #expect(try ModelFile.read(from: dir.path + "/m.model") == file)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["m.model"], "the temporary file of the atomic write is gone")
    }

    @Test func everyFlippedByteIsDetected() throws {
        let bytes = file.encoded()
        for position in stride(from: 8, to: bytes.count, by: 7) {
            var corrupt = bytes
            corrupt[position] ^= 0x5A
            #expect(throws: ModelFileError.self) { try ModelFile.decode(corrupt, path: "m") }
        }
    }

    @Test func truncationIsNamed() throws {
        let bytes = file.encoded()
        for length in [9, 20, bytes.count / 2, bytes.count - 1] {
            let error = try #require(throws: ModelFileError.self) { try ModelFile.decode(Array(bytes.prefix(length)), path: "m") }
            switch error.reason {
            case .truncated, .corrupt: break
            default: Issue.record("length \(length): \(error)")
            }
        }
        let cut = try #require(throws: ModelFileError.self) { try ModelFile.decode(Array(bytes.dropLast(50)), path: "m") }
        #expect(cut.description.contains("truncated"))
    }

    @Test func foreignAndNewerFilesAreRefused() throws {
        let foreign = try #require(throws: ModelFileError.self) { try ModelFile.decode(Array("PK\u{3}\u{4}hello".utf8), path: "x.zip") }
        #expect(foreign.reason == .foreign)
        var newer = file.encoded()
        newer[8] = 99
        let error = try #require(throws: ModelFileError.self) { try ModelFile.decode(newer, path: "m") }
        #expect(error.reason == .newerVersion(99))
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func binaryCodingRoundTripsEveryType() throws {
        var writer = BinaryWriter()
        writer.write(UInt16(7)); writer.write(Int64(-3)); writer.write(Float(1.5)); writer.write(Double.pi)
        writer.write("héllo"); writer.write(array: [Int32(1), -2, 3]); writer.write(array: [Float]())
        var reader = BinaryReader(bytes: writer.bytes)
        #expect(try reader.read(UInt16.self) == 7)
        #expect(try reader.read(Int64.self) == -3)
        #expect(try reader.read(Float.self) == 1.5)
        #expect(try reader.read(Double.self) == .pi)
        #expect(try reader.read(String.self) == "héllo")
        #expect(try reader.readArray(of: Int32.self) == [1, -2, 3])
        #expect(try reader.readArray(of: Float.self) == [])
        #expect(reader.remaining == 0)
        #expect(throws: BinaryReader.OutOfData.self) { try reader.read(UInt8.self) }
    }

    @Test func hugeDeclaredArrayLengthDoesNotAllocate() {
        var writer = BinaryWriter()
        writer.write(UInt64.max)
        var reader = BinaryReader(bytes: writer.bytes)
        #expect(throws: BinaryReader.OutOfData.self) { try reader.readArray(of: Float.self) }
    }
}

@Suite("Sparse matrices")
struct CSRMatrixTests {
    @Test func buildsSortedRowsAndSumsRepeats() {
        let m = CSRMatrix(rowCount: 3, columnCount: 4, rows: [2, 0, 0, 2, 0], cols: [1, 3, 0, 1, 3], vals: [1, 2, 3, 4, 5])
        #expect(m.rowStarts == [0, 2, 2, 3])
        #expect(Array(m.columns(ofRow: 0)) == [0, 3])
        #expect(Array(m.values(ofRow: 0)) == [3, 7])
        #expect(Array(m.values(ofRow: 2)) == [5])
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func transposeTwiceIsIdentity(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 200
        let rows = (0..<n).map { _ in Int32(rng.next() % 17) }, cols = (0..<n).map { _ in Int32(rng.next() % 23) }
        let m = CSRMatrix(rowCount: 17, columnCount: 23, rows: rows, cols: cols, vals: (0..<n).map { _ in rng.nextUnitFloat() })
        let t = m.transposed()
        #expect(t.rowCount == 23 && t.columnCount == 17)
        #expect(t.transposed() == m)
    }
}
