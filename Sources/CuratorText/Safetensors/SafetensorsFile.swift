import Foundation

/// A `.safetensors` file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw little-endian data.
///
/// The file is memory-mapped; tensors are copied out as `[Float]` on request, so the mapping
/// is only read while loading.
public struct SafetensorsFile: Sendable {
    /// One tensor's entry in the header.
    public struct TensorInfo: Sendable, Equatable {
        public var dtype: String
        public var shape: [Int]
        /// Byte range relative to the start of the data section.
        public var range: Range<Int>
    }

    public let path: String
    public let tensors: [String: TensorInfo]
    private let data: Data
    private let dataStart: Int

    /// Opens and validates the header of `path`.
    /// - Throws: `TextError` when the file is missing, truncated, or its header is not valid.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw TextError(.missingFile, location: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw TextError(.malformed("cannot read: \(error)"), location: path)
        }
        guard data.count >= 8 else { throw TextError(.malformed("shorter than a safetensors header"), location: path) }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw TextError(.malformed("header length \(headerLength) exceeds the file (\(data.count) bytes): truncated?"), location: path)
        }
        let header = data.subdata(in: 8..<(8 + Int(headerLength)))
        guard let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any] else {
            throw TextError(.malformed("the header is not a JSON object"), location: path)
        }
        let dataStart = 8 + Int(headerLength)
        var tensors: [String: TensorInfo] = [:]
        for (name, value) in object where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2,
                  offsets[0] >= 0, offsets[0] <= offsets[1], dataStart + offsets[1] <= data.count
            else { throw TextError(.tensor(name: name, detail: "has a malformed header entry or lies outside the file"), location: path) }
            tensors[name] = TensorInfo(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
        }
        self.path = path
        self.tensors = tensors
        self.data = data
        self.dataStart = dataStart
    }

    /// The float32 tensor `name`, flat row-major.
    /// - Parameter shape: when given, the shape the tensor must have.
    /// - Throws: `TextError` when it is absent, not F32, or of another shape.
    public func floats(_ name: String, shape expected: [Int]? = nil) throws -> [Float] {
        guard let info = tensors[name] else { throw TextError(.tensor(name: name, detail: "is missing"), location: path) }
        guard info.dtype == "F32" else {
            throw TextError(.tensor(name: name, detail: "is \(info.dtype); only F32 is supported"), location: path)
        }
        if let expected, expected != info.shape {
            throw TextError(.tensor(name: name, detail: "has shape \(info.shape), expected \(expected)"), location: path)
        }
        let count = info.shape.reduce(1, *)
        guard info.range.count == count * 4 else {
            throw TextError(.tensor(name: name, detail: "holds \(info.range.count) bytes for shape \(info.shape)"), location: path)
        }
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { raw in
                out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(dataStart + info.range.lowerBound)..<(dataStart + info.range.upperBound)]))
            }
        }
        #if _endian(big)
        for i in values.indices { values[i] = Float(bitPattern: UInt32(littleEndian: values[i].bitPattern)) }
        #endif
        return values
    }

    /// The shape of tensor `name`, when present.
    public func shape(of name: String) -> [Int]? { tensors[name]?.shape }
}
