import Foundation
import Synchronization

/// What one user gave in one cell: the metrics of the final and the recall-only lists, the
/// position-bias observations and the cost. One line of the journal.
public struct UserResult: Sendable, Codable, Equatable {
    /// `LabCell.key` of the cell (its label plus the identity of what it ran).
    public var cell: String
    public var user: Int
    public var ndcg10: Double
    public var hitRate10: Double
    public var reciprocalRank: Double
    public var recallNDCG10: Double
    public var recallHitRate10: Double
    public var recallReciprocalRank: Double
    public var validOutput: Bool
    public var fellBack: Bool
    /// Whether the LLM put the first-shown candidate first (`nil` when the pass fell back).
    public var firstShownPickedFirst: Bool?
    /// The same under a seeded shuffle of the candidates (`nil` when not measured or fell back).
    public var shuffledFirstShownPickedFirst: Bool?
    /// NDCG@10 of the final list when the candidates were shown shuffled.
    public var shuffledNDCG10: Double?
    public var promptTokens: Int
    public var completionTokens: Int
    public var requests: Int
    /// LLM time of the rerank (the original time for cached passes).
    public var latencySeconds: Double
    /// Passes answered from the response cache / sent to the server.
    public var cachedPasses: Int
    public var freshPasses: Int
    /// NDCG@10 of the test list at each weight of `LabGrid.weights` (the same LLM scores, blended).
    public var ndcg10ByWeight: [Double]?
    /// The validation phase: NDCG@10 at each weight, of recall alone, and whether the output was valid.
    public var validationNDCG10ByWeight: [Double]?
    public var validationRecallNDCG10: Double?
    public var validationValidOutput: Bool?
    /// The LLM's explanation of the first item of the final list, and its check (users the
    /// grid explains for only).
    public var explanation: String?
    public var explanationFailures: [String]?
    /// Whether the grounded explanation of the same item passed the same check.
    public var groundedPassed: Bool?
    public var grounded: String?

    public init(
        cell: String, user: Int, ndcg10: Double, hitRate10: Double, reciprocalRank: Double,
        recallNDCG10: Double, recallHitRate10: Double, recallReciprocalRank: Double, validOutput: Bool, fellBack: Bool,
        firstShownPickedFirst: Bool?, shuffledFirstShownPickedFirst: Bool? = nil, shuffledNDCG10: Double? = nil,
        promptTokens: Int, completionTokens: Int, requests: Int, latencySeconds: Double, cachedPasses: Int, freshPasses: Int
    ) {
        self.cell = cell
        self.user = user
        self.ndcg10 = ndcg10
        self.hitRate10 = hitRate10
        self.reciprocalRank = reciprocalRank
        self.recallNDCG10 = recallNDCG10
        self.recallHitRate10 = recallHitRate10
        self.recallReciprocalRank = recallReciprocalRank
        self.validOutput = validOutput
        self.fellBack = fellBack
        self.firstShownPickedFirst = firstShownPickedFirst
        self.shuffledFirstShownPickedFirst = shuffledFirstShownPickedFirst
        self.shuffledNDCG10 = shuffledNDCG10
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.requests = requests
        self.latencySeconds = latencySeconds
        self.cachedPasses = cachedPasses
        self.freshPasses = freshPasses
    }
}

/// The journal of a run: one JSON line per finished (cell, user), appended as each finishes,
/// so an interrupted run continues where it stopped. A torn last line (a crash mid-write) is
/// ignored on reading.
public final class ResultJournal: Sendable {
    /// The JSONL file.
    public let path: String
    private let state: Mutex<(handle: FileHandle, results: [String: UserResult])>

    /// Opens (creating if needed) the journal at `path` and reads what it holds.
    /// - Throws: `LabError.file`.
    public init(path: String) throws(LabError) {
        self.path = path
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .file(path: path, message: "cannot create its folder: \(error)")
        }
        var results: [String: UserResult] = [:]
        var text = ""
        if manager.fileExists(atPath: path) {
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .file(path: path, message: "cannot read the journal")
            }
            text = contents
            let decoder = JSONDecoder()
            for line in contents.split(separator: "\n") {
                guard let result = try? decoder.decode(UserResult.self, from: Data(line.utf8)) else { continue }
                results[Self.key(result.cell, result.user)] = result
            }
        } else {
            manager.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw .file(path: path, message: "cannot open the journal for writing") }
        handle.seekToEndOfFile()
        // A torn last line gets its newline, so the next record starts on a line of its own.
        if !text.isEmpty, !text.hasSuffix("\n") { handle.write(Data("\n".utf8)) }
        state = Mutex((handle, results))
    }

    deinit { state.withLock { try? $0.handle.close() } }

    static func key(_ cell: String, _ user: Int) -> String { "\(cell)\u{1F}\(user)" }

    /// The recorded result of `user` in `cell`, if any.
    public func result(cell: String, user: Int) -> UserResult? {
        state.withLock { $0.results[Self.key(cell, user)] }
    }

    /// Every recorded result.
    public var results: [UserResult] { state.withLock { Array($0.results.values) } }

    /// Appends `result` (one line, written at once).
    public func record(_ result: UserResult) {
        guard let data = try? JSONEncoder().encode(result) else { return }
        state.withLock {
            $0.handle.write(data + Data("\n".utf8))
            $0.results[Self.key(result.cell, result.user)] = result
        }
    }
}
