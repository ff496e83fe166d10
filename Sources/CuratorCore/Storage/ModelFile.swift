import Foundation

/// Curator's versioned container for fitted models.
///
/// Layout: magic `CURATORM`, format version (UInt32), model kind, parameters (JSON text),
/// dataset fingerprint (UInt64), payload length (UInt64), payload, CRC-32 of everything
/// before it. Written atomically; a foreign, truncated or corrupt file is refused.
public struct ModelFile: Sendable, Equatable {
    public static let magic = Array("CURATORM".utf8)
    public static let formatVersion: UInt32 = 1

    /// The model's name, as `--model` spells it ("itemknn").
    public var kind: String
    /// The hyper-parameters, as `k=v` pairs, recorded for the reader and for `eval`.
    public var parameters: [String: String]
    /// Identifies the data the model was fitted on (see `Dataset.fingerprint`).
    public var datasetFingerprint: UInt64
    public var payload: [UInt8]

    public init(kind: String, parameters: [String: String], datasetFingerprint: UInt64, payload: [UInt8]) {
        self.kind = kind
        self.parameters = parameters
        self.datasetFingerprint = datasetFingerprint
        self.payload = payload
    }

    /// The file's bytes, in one buffer of exactly their size: the payload is copied once (a
    /// model of gigabytes must not be copied again for the checksum or a reallocation).
    public func encoded() -> [UInt8] {
        let json = (try? JSONSerialization.data(withJSONObject: parameters, options: [.sortedKeys])) ?? Data("{}".utf8)
        var writer = BinaryWriter()
        writer.reserveCapacity(Self.magic.count + 4 + (4 + kind.utf8.count) + (4 + json.count) + 8 + (8 + payload.count) + 4)
        for b in Self.magic { writer.write(b) }
        writer.write(Self.formatVersion)
        writer.write(kind)
        writer.write(String(decoding: json, as: UTF8.self))
        writer.write(datasetFingerprint)
        writer.write(array: payload)
        writer.write(CRC32.checksum(writer.bytes))
        return writer.bytes
    }

    /// Writes the file atomically (temporary file, then rename), without a further copy.
    public func write(to path: String) throws {
        let bytes = encoded()
        try bytes.withUnsafeBytes { raw in
            try AtomicFile.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress!), count: raw.count, deallocator: .none), to: path)
        }
    }

    /// Reads and verifies a model file.
    /// - Throws: `ModelFileError` saying whether the file is missing, foreign, from a newer
    ///   Curator, truncated or corrupt.
    public static func read(from path: String) throws -> ModelFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelFileError(.missing, path: path) }
        return try decode([UInt8](data), path: path)
    }

    public static func decode(_ bytes: [UInt8], path: String) throws -> ModelFile {
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw ModelFileError(.foreign, path: path)
        }
        var reader = BinaryReader(bytes: bytes, offset: magic.count)
        do {
            let version = try reader.read(UInt32.self)
            guard version <= formatVersion else { throw ModelFileError(.newerVersion(version), path: path) }
            let kind = try reader.read(String.self)
            let json = try reader.read(String.self)
            let fingerprint = try reader.read(UInt64.self)
            let payload = try reader.readArray(of: UInt8.self)
            let checked = reader.offset
            let stored = try reader.read(UInt32.self)
            guard reader.remaining == 0 else { throw ModelFileError(.corrupt("\(reader.remaining) unexpected bytes after the checksum"), path: path) }
            guard CRC32.checksum(bytes[0..<checked]) == stored else { throw ModelFileError(.corrupt("checksum mismatch"), path: path) }
            let parameters = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String] ?? [:]
            return ModelFile(kind: kind, parameters: parameters, datasetFingerprint: fingerprint, payload: payload)
        } catch let error as BinaryReader.OutOfData {
            throw ModelFileError(.truncated(error.description), path: path)
        }
    }
}

/// Why a model file could not be used.
public struct ModelFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case missing
        case foreign
        case newerVersion(UInt32)
        case truncated(String)
        case corrupt(String)
        case wrongKind(expected: String, found: String)
        case otherDataset
        case badPayload(String)
    }

    public var reason: Reason
    public var path: String

    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    public var description: String {
        switch reason {
        case .missing: return "\(path): no model file here (train one with `curator train`)"
        case .foreign: return "\(path): not a Curator model file"
        case .newerVersion(let v): return "\(path): written by a newer Curator (format \(v), this one reads up to \(ModelFile.formatVersion))"
        case .truncated(let detail): return "\(path): the model file is truncated (\(detail)); train the model again"
        case .corrupt(let detail): return "\(path): the model file is corrupt (\(detail)); train the model again"
        case .wrongKind(let expected, let found): return "\(path): holds a '\(found)' model, not '\(expected)'"
        case .otherDataset: return "\(path): fitted on other data (the dataset or its filters changed); train the model again"
        case .badPayload(let detail): return "\(path): the model's contents do not make sense (\(detail))"
        }
    }
}

extension Dataset {
    /// A fingerprint of the ids and interactions, so a model file fitted on other data (or
    /// other filters) is recognised instead of silently giving nonsense.
    public var fingerprint: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) { hash = (hash ^ value) &* 0x0000_0100_0000_01B3 }
        mix(UInt64(userCount)); mix(UInt64(itemCount)); mix(UInt64(interactions.count))
        for id in items.externalIDs { for b in id.utf8 { mix(UInt64(b)) }; mix(0xFF) }
        for e in stride(from: 0, to: interactions.count, by: max(1, interactions.count / 4096)) {
            mix(UInt64(UInt32(bitPattern: interactions.users[e])) << 32 | UInt64(UInt32(bitPattern: interactions.items[e])))
            mix(UInt64(bitPattern: interactions.timestamps[e]))
        }
        return hash
    }
}
