import CuratorCore
import Foundation

/// Writes float32 tensors as a `.safetensors` file (used to make small models for tests and
/// to export weights).
public enum SafetensorsWriter {
    /// One named tensor to write.
    public struct Tensor: Sendable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]
        public init(name: String, shape: [Int], values: [Float]) {
            precondition(shape.reduce(1, *) == values.count, "tensor \(name): shape and value count differ")
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// Writes `tensors` to `path` atomically, in the order given.
    /// - Throws: when the file cannot be written.
    public static func write(_ tensors: [Tensor], to path: String) throws {
        var entries: [String] = []
        var offset = 0
        for tensor in tensors {
            let bytes = tensor.values.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\"\(tensor.name)\":{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array(("{\"__metadata__\":{\"format\":\"pt\"}," + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var file = Data()
        var length = UInt64(header.count).littleEndian
        withUnsafeBytes(of: &length) { file.append(contentsOf: $0) }
        file.append(contentsOf: header)
        for tensor in tensors {
            tensor.values.withUnsafeBytes { file.append(contentsOf: $0) }
        }
        try AtomicFile.write(file, to: path)
    }
}
