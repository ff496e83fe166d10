/// Appends little-endian scalars and whole arrays to a byte buffer: the payload of model files.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Reserves room for `count` bytes in all (one allocation for a known size).
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Float) { write(value.bitPattern) }

    public mutating func write(_ value: Double) { write(value.bitPattern) }

    public mutating func write(_ text: String) {
        let utf8 = Array(text.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Writes a count, then the elements' bytes in one copy (the platform is little-endian).
    public mutating func write<T: BitwiseCopyable>(array: [T]) {
        write(UInt64(array.count))
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

/// Reads what `BinaryWriter` wrote, failing cleanly (never trapping) on short or bad input.
public struct BinaryReader: Sendable {
    public struct OutOfData: Error, Sendable, CustomStringConvertible {
        /// Bytes the value being read takes.
        public var needed: Int
        /// Where it starts.
        public var offset: Int
        /// How many bytes the input has in all.
        public var total: Int
        public var description: String {
            "a value of \(needed) bytes at offset \(offset), but the file has \(total) bytes (\(max(0, total - offset)) left)"
        }
    }

    private let bytes: [UInt8]
    public private(set) var offset: Int

    public init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }

    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw OutOfData(needed: size, offset: offset, total: bytes.count) }
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<(offset + size)]) }
        offset += size
        return T(littleEndian: value)
    }

    public mutating func read(_: Float.Type) throws -> Float { Float(bitPattern: try read(UInt32.self)) }

    public mutating func read(_: Double.Type) throws -> Double { Double(bitPattern: try read(UInt64.self)) }

    public mutating func read(_: String.Type) throws -> String {
        let count = Int(try read(UInt32.self))
        guard remaining >= count else { throw OutOfData(needed: count, offset: offset, total: bytes.count) }
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }

    public mutating func readArray<T: BitwiseCopyable>(of _: T.Type) throws -> [T] {
        let count = try read(UInt64.self)
        let stride = MemoryLayout<T>.stride
        guard count <= UInt64(remaining / max(stride, 1)) else {
            throw OutOfData(needed: Int(clamping: count) &* stride, offset: offset, total: bytes.count)
        }
        let n = Int(count)
        let result = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + n * stride)]))
            }
            initialized = n
        }
        offset += n * stride
        return result
    }
}

/// CRC-32 (IEEE 802.3, as zlib and zip compute it), for model-file checksums.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum(_ bytes: some Collection<UInt8>, startingWith crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return ~c
    }
}
