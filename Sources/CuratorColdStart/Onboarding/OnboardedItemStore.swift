import CuratorCore
import Foundation

/// Items added after training (`curator items add`), with their text embeddings, kept in the
/// dataset's state folder as one JSON file.
///
/// Why one file rewritten whole: every change goes to a temporary file and is renamed over the
/// old one, so a batch is stored completely or not at all, and a crash never leaves half a
/// batch; ids are unique by construction (keyed by id; adding an id again replaces it in
/// place). At onboarding scale (thousands of items, 1.5 KB each) a rewrite costs
/// milliseconds, and it needs no database dependency. Every read–merge–write holds an
/// exclusive lock on `lockPath` (`FileLock`), so two `items add` at once both keep their items.
public struct OnboardedItemStore: Sendable {
    /// One onboarded item.
    public struct Record: Sendable, Equatable, Codable {
        public var item: Item
        /// The embedder that made `embedding` (a model change invalidates it).
        public var embedder: String
        /// Unit vector, base64 of little-endian float32 in the file.
        public var embedding: [Float]
        public var added: Date

        public init(item: Item, embedder: String, embedding: [Float], added: Date = Date()) {
            self.item = item
            self.embedder = embedder
            self.embedding = embedding
            self.added = added
        }

        enum CodingKeys: String, CodingKey { case item, embedder, embedding, added }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            item = try c.decode(Item.self, forKey: .item)
            embedder = try c.decode(String.self, forKey: .embedder)
            added = try c.decode(Date.self, forKey: .added)
            guard let bytes = Data(base64Encoded: try c.decode(String.self, forKey: .embedding)), bytes.count % 4 == 0 else {
                throw DecodingError.dataCorruptedError(forKey: .embedding, in: c, debugDescription: "not base64 float32")
            }
            let raw = [UInt8](bytes)
            embedding = stride(from: 0, to: raw.count, by: 4).map { (o: Int) -> Float in
                var bits = UInt32(raw[o])
                bits |= UInt32(raw[o + 1]) << 8
                bits |= UInt32(raw[o + 2]) << 16
                bits |= UInt32(raw[o + 3]) << 24
                return Float(bitPattern: bits)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(item, forKey: .item)
            try c.encode(embedder, forKey: .embedder)
            try c.encode(added, forKey: .added)
            var bytes = Data(capacity: embedding.count * 4)
            for value in embedding { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            try c.encode(bytes.base64EncodedString(), forKey: .embedding)
        }
    }

    struct File: Codable { var version: Int; var items: [Record] }

    public let path: String
    /// The lock file writers hold while they read, merge and write.
    public var lockPath: String { path + ".lock" }

    /// The store of a dataset's state folder.
    public init(datasetFolder: String) { path = DatasetState(folder: datasetFolder).onboardedItems }

    /// The stored records, in the order first added (none when the file does not exist).
    /// - Throws: `DataError` when the file exists but cannot be read.
    public func load() throws -> [Record] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(File.self, from: data).items } catch {
            throw DataError(.malformedJSON("\(error)"), file: path)
        }
    }

    /// Adds `records`, replacing any stored record with the same id (keeping its place), in one
    /// atomic write.
    /// - Returns: how many were new and how many replaced an earlier record.
    @discardableResult
    public func upsert(_ records: [Record]) throws -> (added: Int, updated: Int) {
        try FileLock.withExclusiveLock(lockPath) { try upsertLocked(records) }
    }

    private func upsertLocked(_ records: [Record]) throws -> (added: Int, updated: Int) {
        var stored = try load()
        var position = Dictionary(uniqueKeysWithValues: stored.enumerated().map { ($0.element.item.id, $0.offset) })
        var added = 0, updated = 0
        let originalCount = stored.count
        for record in records {
            if let index = position[record.item.id] {
                if index < originalCount { updated += 1 }
                stored[index] = record
            } else {
                position[record.item.id] = stored.count
                stored.append(record)
                added += 1
            }
        }
        try write(stored)
        return (added, updated)
    }

    /// Removes the records with `ids` (atomically).
    /// - Returns: how many were removed.
    @discardableResult
    public func remove(ids: Set<String>) throws -> Int {
        try FileLock.withExclusiveLock(lockPath) {
            let stored = try load()
            let kept = stored.filter { !ids.contains($0.item.id) }
            guard kept.count != stored.count else { return 0 }
            try write(kept)
            return stored.count - kept.count
        }
    }

    /// Replaces the file with `records` (atomically); the caller holds the lock.
    private func write(_ records: [Record]) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(File(version: 1, items: records)), to: path)
    }
}
