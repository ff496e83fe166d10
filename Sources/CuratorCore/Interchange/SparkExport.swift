import Foundation

/// Which interactions an export (and the model fitted on it) covers.
public enum TrainingScope: String, Sendable, Codable, CaseIterable {
    /// Every interaction: a model that serves recommendations.
    case all
    /// The `loo` split's training part: a model for the validation phase.
    case looValidation = "loo-validation"
    /// The `loo` split's training + validation part: a model for the test phase.
    case looTest = "loo-test"

    /// The training data this scope selects from a dataset.
    public func trainingData(_ dataset: Dataset) -> TrainingData {
        switch self {
        case .all: return TrainingData(dataset: dataset)
        case .looValidation: return TrainingData(sequences: LeaveLastOutSplit(dataset: dataset).training, itemCount: dataset.itemCount)
        case .looTest: return TrainingData(sequences: LeaveLastOutSplit(dataset: dataset).trainingWithValidation, itemCount: dataset.itemCount)
        }
    }
}

/// What an export folder holds (`export.json`), written last, so a folder without it is an
/// unfinished export.
public struct SparkExportManifest: Codable, Sendable, Equatable {
    public static let fileName = "export.json"
    public static let formatName = "curator-spark-export"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var dataset: String
    /// `Dataset.fingerprint` in hex: the import binds the model to exactly this data and filter.
    public var datasetFingerprint: String
    public var scope: TrainingScope
    public var users: Int
    public var items: Int
    public var interactions: Int
    /// `user,item,rating` with dense Int32 ids, one row per (user, item) of the training matrix.
    public var interactionsFile: String
    /// `index<TAB>external id`, one line per dense index, in order.
    public var userIDsFile: String
    public var itemIDsFile: String

    /// Reads `export.json` from an export folder.
    /// - Throws: `SparkExportError` when it is missing, unreadable or of another format.
    public static func read(folder: String) throws -> SparkExportManifest {
        let path = folder + "/" + fileName
        let manifest = try SparkExportError.decodeJSON(
            SparkExportManifest.self, at: path, missing: "make one with `curator data export --format spark`", what: "a Curator export manifest")
        guard manifest.format == formatName, manifest.version <= currentVersion else {
            throw SparkExportError(path: path, message: "format \(manifest.format) version \(manifest.version); this Curator reads \(formatName) up to version \(currentVersion)")
        }
        return manifest
    }
}

/// An export could not be written or read.
public struct SparkExportError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }

    /// Decodes a JSON description file of the Spark interchange.
    /// - Parameters:
    ///   - missing: what to do when there is no file (`make one with …`).
    ///   - what: what the file should be, for the error when it does not decode.
    public static func decodeJSON<T: Decodable>(_ type: T.Type, at path: String, missing: String, what: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SparkExportError(path: path, message: "no such file (\(missing))")
        }
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw SparkExportError(path: path, message: "not \(what) (\(error))")
        }
    }
}

/// Writes a dataset's training matrix as Spark's ALS reads it: dense Int32 ids (Spark's ALS
/// needs them), the id maps beside them, and a manifest that binds a model fitted on it to
/// this dataset.
public enum SparkExport {
    public static let interactionsFile = "interactions.csv"
    public static let userIDsFile = "user_ids.tsv"
    public static let itemIDsFile = "item_ids.tsv"

    /// Writes the export into `folder`: each file streamed in blocks to a temporary name and
    /// renamed when whole, the manifest last.
    /// - Throws: `SparkExportError` for an id Spark cannot take or a file that cannot be written.
    @discardableResult
    public static func write(
        _ dataset: Dataset, scope: TrainingScope, to folder: String, progress: any ProgressReporter = SilentProgress()
    ) throws -> SparkExportManifest {
        guard dataset.userCount <= Int(Int32.max), dataset.itemCount <= Int(Int32.max) else {
            throw SparkExportError(path: folder, message: "more than 2³¹ users or items: Spark's ALS takes Int32 ids")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let matrix = scope.trainingData(dataset).userItems
        let tracker = ProgressTracker(task: "exporting interactions", total: matrix.rowCount, reporter: progress)
        try StreamedFile.write(to: folder + "/" + interactionsFile) { out in
            try out.append("user,item,rating\n")
            for user in 0..<matrix.rowCount {
                let prefix = "\(user),"
                for k in matrix.rowStarts[user]..<matrix.rowStarts[user + 1] {
                    let value = matrix.values[k]
                    try out.append(prefix + "\(matrix.columns[k]),\(value == value.rounded() ? String(Int(value)) : String(value))\n")
                }
                if (user + 1) % 4096 == 0 { tracker.advance(by: 4096) }
            }
        }
        tracker.finish()
        try writeIDs(dataset.users, to: folder + "/" + userIDsFile)
        try writeIDs(dataset.items, to: folder + "/" + itemIDsFile)
        let manifest = SparkExportManifest(
            format: SparkExportManifest.formatName, version: SparkExportManifest.currentVersion, dataset: dataset.name,
            datasetFingerprint: String(dataset.fingerprint, radix: 16), scope: scope,
            users: dataset.userCount, items: dataset.itemCount, interactions: matrix.nonZeroCount,
            interactionsFile: interactionsFile, userIDsFile: userIDsFile, itemIDsFile: itemIDsFile)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { try AtomicFile.write(try encoder.encode(manifest), to: folder + "/" + SparkExportManifest.fileName) } catch {
            throw SparkExportError(path: folder + "/" + SparkExportManifest.fileName, message: "cannot write: \(error)")
        }
        return manifest
    }

    private static func writeIDs(_ map: IDMap, to path: String) throws {
        try StreamedFile.write(to: path) { out in
            for (index, id) in map.externalIDs.enumerated() {
                guard !id.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
                    throw SparkExportError(path: path, message: "id \"\(id)\" holds a tab or newline, which the id map cannot store")
                }
                try out.append("\(index)\t\(id)\n")
            }
        }
    }
}

/// A text file written in blocks (so an export of millions of rows never holds the whole text),
/// to a temporary name beside the target, renamed into place only when complete.
struct StreamedFile {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 20

    static func write(to path: String, _ body: (inout StreamedFile) throws -> Void) throws {
        let temporary = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent
            + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw SparkExportError(path: path, message: "cannot create \(temporary)")
        }
        var file = StreamedFile(handle: handle, path: path)
        do {
            try body(&file)
            try file.flush()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw SparkExportError(path: path, message: "cannot rename into place: \(reason)")
        }
    }

    private init(handle: FileHandle, path: String) {
        self.handle = handle
        self.path = path
        buffer.reserveCapacity(Self.blockSize + 256)
    }

    mutating func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.blockSize { try flush() }
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw SparkExportError(path: path, message: "cannot write: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
