import CuratorCore
import Dispatch
import Foundation

/// A sentence-transformers BERT model run natively: WordPiece, the encoder on OpenBLAS, mean
/// pooling and L2 normalisation (all-MiniLM-L6-v2 by default).
public struct NativeTextEmbedder: TextEmbedder {
    public let tokenizer: WordPieceTokenizer
    public let encoder: BertEncoder
    public let name: String
    /// Tokens per encoder batch: bounds memory (about 30 KB per token for MiniLM) while keeping
    /// the sgemms large; several batches run on the workers in parallel.
    public var tokensPerBatch: Int

    public init(tokenizer: WordPieceTokenizer, encoder: BertEncoder, name: String, tokensPerBatch: Int = 2048) {
        precondition(tokenizer.maxLength <= encoder.configuration.maxPositions, "sequences fit the position table")
        self.tokenizer = tokenizer
        self.encoder = encoder
        self.name = name
        self.tokensPerBatch = tokensPerBatch
    }

    /// Loads a model folder (`config.json`, `model.safetensors`, `vocab.txt`).
    /// - Parameter maxLength: tokens per text, special tokens included (sentence-transformers'
    ///   `max_seq_length`, 256 for all-MiniLM-L6-v2).
    /// - Throws: `TextError` when a file is missing or malformed.
    public init(location: EmbeddingModelLocation, maxLength: Int = 256, name: String = "all-MiniLM-L6-v2") throws {
        let vocabulary = try Vocabulary(contentsOf: location.vocabulary)
        let encoder = try BertEncoder(directory: location.directory)
        guard vocabulary.count <= encoder.configuration.vocabularySize else {
            throw TextError(.malformed("vocab.txt has \(vocabulary.count) tokens, the model \(encoder.configuration.vocabularySize)"), location: location.vocabulary)
        }
        // The name keys embedding caches: tie it to these very files, so another model folder
        // under the same name never reuses vectors it did not make.
        var stamp = Array((try? Data(contentsOf: URL(fileURLWithPath: location.configuration))) ?? Data())
        let size = (try? FileManager.default.attributesOfItem(atPath: location.safetensors)[.size] as? Int) ?? 0
        stamp += Array("\(size) \(vocabulary.count) \(maxLength)".utf8)
        self.init(tokenizer: WordPieceTokenizer(vocabulary: vocabulary, maxLength: min(maxLength, encoder.configuration.maxPositions)),
                  encoder: encoder, name: name + "@" + String(CRC32.checksum(stamp), radix: 16))
    }

    public var dimension: Int { encoder.configuration.hiddenSize }

    /// Up to this many tokens in all, texts are embedded on the calling thread alone, with
    /// single-threaded BLAS: a query, or the queries a server's `CoalescingTextEmbedder` puts
    /// in one pass (hundreds of rows already run its sgemms at full speed on one core).
    static let shortInputTokens = 512

    /// Embeds on the calling thread (BLAS and worker threads do the work): for batch code
    /// that is already off Swift's cooperative pool.
    public func embedNow(_ texts: [String]) -> [Float] {
        var sequences = [[Int32]](repeating: [], count: texts.count)
        sequences.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer)
            Parallel.forEachChunk(texts.count, minimumChunk: 64) { range, _ in
                for i in range { out[i] = tokenizer.encode(texts[i]) }
            }
        }
        var batches: [Range<Int>] = []
        var start = 0
        while start < sequences.count {
            var end = start, tokens = 0
            while end < sequences.count && (end == start || tokens + sequences[end].count <= tokensPerBatch) {
                tokens += sequences[end].count
                end += 1
            }
            batches.append(start..<end)
            start = end
        }
        if sequences.reduce(0, { $0 + $1.count }) <= Self.shortInputTokens {
            // A query of a few words, or a few queries: their sgemms are too small to share, and
            // OpenBLAS's threads spin and yield around each one (a server answering 50
            // conversations at once spent an eighth of its CPU there, embedding first turns' words).
            return BLASThreads.singleThreaded { encoder.meanPooled(sequences, parallel: false) }
        }
        guard batches.count > 1, Parallel.threadCount > 1 else {
            return batches.flatMap { encoder.meanPooled(Array(sequences[$0])) }
        }
        // Several batches: one per worker at a time, each on single-threaded BLAS (see BLASThreads).
        let encoded = sequences, ranges = batches
        var pooled = [[Float]](repeating: [], count: batches.count)
        BLASThreads.singleThreaded {
            pooled.withUnsafeMutableBufferPointer { buffer in
                let out = DisjointWrites(buffer)
                Parallel.forEachChunk(batches.count) { range, _ in
                    for b in range { out[b] = encoder.meanPooled(Array(encoded[ranges[b]]), parallel: false) }
                }
            }
        }
        return pooled.flatMap { $0 }
    }

    /// Embeds on a Dispatch thread, keeping the blocking BLAS work off the cooperative pool.
    public func embed(_ texts: [String]) async throws -> [Float] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: embedNow(texts)) }
        }
    }
}
