import CuratorCore
import CuratorText
import Foundation

/// One embedding per item (`count × dimension`, unit rows), cached on disk per embedder and
/// texts so the catalog is embedded once.
public struct ItemEmbeddings: Sendable, Equatable {
    public let dimension: Int
    public var vectors: [Float]

    public init(dimension: Int, vectors: [Float]) {
        precondition(dimension > 0 && vectors.count % dimension == 0, "whole rows")
        self.dimension = dimension
        self.vectors = vectors
    }

    public var count: Int { vectors.count / dimension }

    /// A copy of row `i`.
    public func vector(_ i: Int) -> [Float] { Array(vectors[i * dimension..<(i + 1) * dimension]) }

    /// The rows of `items`, in that order.
    public func rows(_ items: [Int32]) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(items.count * dimension)
        for i in items { out += vectors[Int(i) * dimension..<(Int(i) + 1) * dimension] }
        return out
    }

    /// Embeds every text with `embedder`.
    public static func compute(_ texts: [String], with embedder: any TextEmbedder) async throws -> ItemEmbeddings {
        let vectors = try await embedder.embed(texts)
        // A remote embedder may learn its width from the first answer (dimension 0).
        let width = embedder.dimension > 0 ? embedder.dimension : vectors.count / max(texts.count, 1)
        guard width > 0, vectors.count == texts.count * width else {
            throw TextError(.dimension(expected: texts.count * max(width, 1), found: vectors.count), location: embedder.name)
        }
        return ItemEmbeddings(dimension: width, vectors: vectors)
    }

    /// The embeddings of `texts` from `folder`'s cache when they were computed before by the
    /// same embedder for the same texts; else computes and caches them (atomically). Files are
    /// named by content (the embedder and a hash of the texts), so one folder — the shared
    /// cache folder — serves every catalog and every state folder.
    /// - Returns: the embeddings, and whether they came from the cache.
    public static func cached(
        _ texts: [String], with embedder: any TextEmbedder, folder: String
    ) async throws -> (embeddings: ItemEmbeddings, fromCache: Bool) {
        let key = fingerprint(texts, embedder: embedder.name)
        let safeName = String(embedder.name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        let path = folder + "/embeddings/" + safeName + "-" + String(key, radix: 16) + ".embeddings"
        if let file = try? ModelFile.read(from: path), file.datasetFingerprint == key, file.kind == "embeddings" {
            var reader = BinaryReader(bytes: file.payload)
            if let width = try? reader.read(UInt64.self), let vectors = try? reader.readArray(of: Float.self),
               width > 0, vectors.count == texts.count * Int(width) {
                return (ItemEmbeddings(dimension: Int(width), vectors: vectors), true)
            }
        }
        let embeddings = try await compute(texts, with: embedder)
        var writer = BinaryWriter()
        writer.write(UInt64(embeddings.dimension))
        writer.write(array: embeddings.vectors)
        try ModelFile(kind: "embeddings", parameters: ["embedder": embedder.name, "count": String(texts.count)],
                      datasetFingerprint: key, payload: writer.bytes).write(to: path)
        return (embeddings, false)
    }

    /// FNV-1a over the embedder's name and every text.
    static func fingerprint(_ texts: [String], embedder: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 } }
        mix(embedder.utf8)
        for text in texts { mix([0]); mix(text.utf8) }
        return hash
    }
}
