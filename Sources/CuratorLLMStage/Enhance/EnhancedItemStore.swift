import CuratorCore
import Foundation

/// LLM-written text for catalog items that have none (`curator items enhance`), kept in the
/// dataset's state folder as one JSON file, and laid over the catalog when a dataset is loaded
/// so every text consumer (embeddings, cold start, moods, the chat's words start, prompts) sees
/// it.
///
/// Why a file of its own rather than the response cache: the cache answers a repeat of one
/// prompt; this is the catalog's current text, one entry per item, that a reader needs without
/// knowing which model or template wrote it. Every write goes to a temporary file renamed over
/// the old one under an exclusive lock (`FileLock`), as `OnboardedItemStore` does.
public struct EnhancedItemStore: Sendable {
    /// The text one item got.
    public struct Entry: Sendable, Equatable, Codable {
        /// One sentence about the item.
        public var description: String
        /// Up to three short themes; they become the item's tags when it has none.
        public var themes: [String]
        /// Who the LLM says it suits (kept for display; not embedded).
        public var audience: String
        /// The model and the template (its hash) that wrote it.
        public var model: String
        public var templateHash: String
        public var written: Date

        public init(description: String, themes: [String], audience: String, model: String, templateHash: String, written: Date = Date()) {
            self.description = description
            self.themes = themes
            self.audience = audience
            self.model = model
            self.templateHash = templateHash
            self.written = written
        }

        enum CodingKeys: String, CodingKey {
            case description, themes, audience, model, written
            case templateHash = "template_hash"
        }
    }

    struct File: Codable {
        var version = 1
        /// Keyed by the item's external id.
        var items: [String: Entry] = [:]
    }

    /// The JSON file.
    public let path: String
    var lockPath: String { path + ".lock" }

    /// The store of the dataset whose state folder is `datasetFolder`.
    public init(datasetFolder: String) {
        path = DatasetState(folder: datasetFolder).enhancedItems
    }

    /// Every entry, by item id (empty when nothing was enhanced).
    /// - Throws: `DataError` when the file is not this store's JSON.
    public func load() throws -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        do {
            let file = try Self.decoder.decode(File.self, from: data)
            return file.items
        } catch {
            throw DataError(.malformedJSON("not an enhanced-items file: \(error)"), file: path)
        }
    }

    /// Adds or replaces `entries` (by item id), keeping every other entry; all or nothing.
    public func save(_ entries: [String: Entry]) throws {
        guard !entries.isEmpty else { return }
        try FileLock.withExclusiveLock(lockPath) {
            var file = File(items: try load())
            file.items.merge(entries) { _, new in new }
            try AtomicFile.write(try Self.encoder.encode(file), to: path)
        }
    }

    /// `items` with the stored text laid over those that have none of their own: the
    /// description becomes the text, the themes the tags (when the item has no tags). An item
    /// with its own text keeps it: the catalog's words outrank a model's.
    public static func apply(_ entries: [String: Entry], to items: [Item]) -> [Item] {
        guard !entries.isEmpty else { return items }
        return items.map { item in
            guard item.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, let entry = entries[item.id] else { return item }
            var enhanced = item
            enhanced.text = entry.description
            if enhanced.tags.isEmpty { enhanced.tags = entry.themes }
            return enhanced
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
