import CuratorCore
import Foundation

/// What the Spark job (`scale/spark/als_fit.py`) writes beside the factors (`model.json`).
public struct SparkALSMetadata: Codable, Sendable, Equatable {
    public static let fileName = "model.json"
    public static let formatName = "curator-spark-als"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var rank: Int
    public var maxIter: Int
    public var regParam: Double
    public var alpha: Double
    public var seed: Int64
    public var implicitPrefs: Bool
    public var sparkVersion: String
    /// The export the model was fitted on (its manifest, which names the id maps).
    public var export: SparkExportManifest
    public var userFactorsFile: String
    public var itemFactorsFile: String
    /// Spark's own `recommendForAllUsers` top-k (`user<TAB>rank<TAB>item<TAB>score`), if written.
    public var recommendationsFile: String?
    /// Spark's own model directory (`ALSModel.save`), the archive copy.
    public var sparkModelDirectory: String?
    public var fitSeconds: Double?

    /// Reads `model.json` from a Spark job's output folder.
    /// - Throws: `SparkExportError` when it is missing, unreadable or of another format.
    public static func read(folder: String) throws -> SparkALSMetadata {
        let path = folder + "/" + fileName
        let metadata = try SparkExportError.decodeJSON(
            SparkALSMetadata.self, at: path, missing: "run scale/spark/als_fit.py to make one", what: "the Spark job's model description")
        guard metadata.format == formatName, metadata.version <= currentVersion else {
            throw SparkExportError(path: path, message: "format \(metadata.format) version \(metadata.version); this Curator reads \(formatName) up to version \(currentVersion)")
        }
        return metadata
    }
}

/// Turns the factors a Spark ALS job wrote into Curator's `ALSModel` with the `spark`
/// formulation, bound to the dataset the export came from.
public enum SparkALSImport {
    /// An imported model and what it was fitted on.
    public struct Imported: Sendable {
        public var model: ALSModel
        public var metadata: SparkALSMetadata
        /// The training data of the export's scope (what Spark saw).
        public var training: TrainingData
    }

    /// Reads a Spark job's output folder.
    /// - Parameters:
    ///   - folder: the job's `--out` folder (`model.json` and the factor files).
    ///   - dataset: the dataset the export was made from, with the same filters.
    /// - Throws: `SparkExportError` or `ModelFileError` when the folder is incomplete, was fitted
    ///   without `implicitPrefs`, on other data, or its factors disagree with its description.
    public static func load(folder: String, dataset: Dataset) throws -> Imported {
        let metadata = try SparkALSMetadata.read(folder: folder)
        let export = metadata.export
        guard metadata.implicitPrefs else {
            throw SparkExportError(path: folder, message: "fitted with implicitPrefs=false; Curator serves implicit-feedback ALS only")
        }
        guard export.datasetFingerprint == String(dataset.fingerprint, radix: 16),
              export.users == dataset.userCount, export.items == dataset.itemCount else {
            throw SparkExportError(path: folder, message: "fitted on other data than \(dataset.name) with these filters (export of \(export.dataset): \(export.users) users, \(export.items) items); export and fit again")
        }
        let userPath = folder + "/" + metadata.userFactorsFile, itemPath = folder + "/" + metadata.itemFactorsFile
        let users = try FactorFile.read(from: userPath), items = try FactorFile.read(from: itemPath)
        guard users.rank == metadata.rank, items.rank == metadata.rank else {
            throw ModelFileError(.badPayload("rank \(users.rank) (users) and \(items.rank) (items) where model.json says \(metadata.rank)"), path: folder)
        }
        let configuration = ALSModel.Configuration(
            factors: metadata.rank, regularization: Float(metadata.regParam), alpha: Float(metadata.alpha),
            iterations: metadata.maxIter, seed: UInt64(bitPattern: metadata.seed), formulation: .spark)
        // Users and items absent from the export's interactions have no Spark factors: zeros,
        // so they score 0 and fold in from their history.
        let factors = FactorMatrices(
            width: metadata.rank, userCount: dataset.userCount, itemCount: dataset.itemCount,
            users: try users.denseMatrix(count: dataset.userCount, path: userPath),
            items: try items.denseMatrix(count: dataset.itemCount, path: itemPath))
        let training = export.scope.trainingData(dataset)
        let model = ALSModel(configuration: configuration, factors: factors,
                             trainingFingerprints: HistoryFingerprint.ofRows(training.userItems))
        return Imported(model: model, metadata: metadata, training: training)
    }
}

/// How closely an imported model reproduces Spark: its top-k against Spark's own
/// `recommendForAllUsers`, and fold-in of every user's history against Spark's user factors.
public struct SparkFidelity: Sendable, Codable {
    /// (user, rank) slots compared, and those where Curator's item equals Spark's.
    /// List length (Spark's `recommendForAllUsers(k)`), and the users with a list.
    public var depth: Int
    public var listedUsers: Int
    public var slots: Int
    public var agreeingSlots: Int
    /// The same with each user's vector folded in from their history (the chat and new-user path).
    public var foldInAgreeingSlots: Int
    /// The same folded in with Curator's own equation (λ unscaled): what the formulation is worth.
    public var unscaledFoldInAgreeingSlots: Int
    public var users: Int
    /// ‖x_fold − x_spark‖ / ‖x_spark‖ over users with a Spark factor: largest and mean.
    public var foldInMaxRelativeError: Double
    public var foldInMeanRelativeError: Double

    public var slotAgreement: Double { slots == 0 ? 0 : Double(agreeingSlots) / Double(slots) }
    public var foldInSlotAgreement: Double { slots == 0 ? 0 : Double(foldInAgreeingSlots) / Double(slots) }
    public var unscaledFoldInSlotAgreement: Double { slots == 0 ? 0 : Double(unscaledFoldInAgreeingSlots) / Double(slots) }

    /// Compares an imported model with the job's `recommendationsFile`. Spark ranks every item,
    /// the user's own included, so Curator's lists are taken over every item too (like with
    /// like); `curator recommend` then leaves out what the user has.
    /// - Throws: `SparkExportError` when the job wrote no recommendations or they do not parse.
    public static func measure(_ imported: SparkALSImport.Imported, folder: String) throws -> SparkFidelity {
        guard let name = imported.metadata.recommendationsFile else {
            throw SparkExportError(path: folder, message: "the job wrote no recommendations to compare with (run it with --recommend K)")
        }
        let spark = try readRecommendations(folder + "/" + name)
        let model = imported.model
        let users = model.factors.userCount
        let k = spark.values.map(\.count).max() ?? 0
        let nothing = CSRMatrix(rowCount: users, columnCount: model.itemCount, rowStarts: [Int](repeating: 0, count: users + 1), columns: [], values: [])
        let fitted = model.recommendAllUsers(count: k, excluding: nothing)
        var result = SparkFidelity(depth: k, listedUsers: spark.count, slots: 0, agreeingSlots: 0, foldInAgreeingSlots: 0, unscaledFoldInAgreeingSlots: 0, users: 0,
                                   foldInMaxRelativeError: 0, foldInMeanRelativeError: 0)
        var unscaledConfiguration = model.configuration
        unscaledConfiguration.formulation = .curator
        let unscaled = ALSModel(configuration: unscaledConfiguration, factors: model.factors, trainingFingerprints: model.trainingFingerprints)
        var scores = [Float](repeating: 0, count: model.itemCount)
        var errorSum = 0.0
        for user in 0..<users {
            let history = Array(imported.training.userItems.columns(ofRow: user))
            let folded = model.foldIn(UserContext(history: history))
            let own = model.factors.userVector(user)
            let norm = own.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            if norm > 0 {
                let difference = zip(folded, own).reduce(0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }.squareRoot()
                result.foldInMaxRelativeError = max(result.foldInMaxRelativeError, difference / norm)
                errorSum += difference / norm
                result.users += 1
            }
            guard let expected = spark[Int32(user)] else { continue }
            func top(_ vector: [Float]) -> [Int32] {
                scores.withUnsafeMutableBufferPointer { s in vector.withUnsafeBufferPointer { model.factors.scoreItems(with: $0, into: s) } }
                return scores.withUnsafeBufferPointer { TopK.select(k, from: $0) }.map(\.item)
            }
            let foldedTop = top(folded), unscaledTop = top(unscaled.foldIn(UserContext(history: history)))
            for (slot, item) in expected.enumerated() {
                result.slots += 1
                if fitted[user * k + slot] == item { result.agreeingSlots += 1 }
                if slot < foldedTop.count, foldedTop[slot] == item { result.foldInAgreeingSlots += 1 }
                if slot < unscaledTop.count, unscaledTop[slot] == item { result.unscaledFoldInAgreeingSlots += 1 }
            }
        }
        result.foldInMeanRelativeError = result.users == 0 ? 0 : errorSum / Double(result.users)
        return result
    }

    /// `user<TAB>rank<TAB>item<TAB>score` lines (rank from 1) into each user's items in rank order.
    static func readRecommendations(_ path: String) throws -> [Int32: [Int32]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SparkExportError(path: path, message: "missing")
        }
        var lists: [Int32: [(Int, Int32)]] = [:]
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            let fields = line.split(separator: "\t")
            guard fields.count >= 3, let user = Int32(fields[0]), let rank = Int(fields[1]), let item = Int32(fields[2]) else {
                throw SparkExportError(path: "\(path):\(number + 1)", message: "not user<TAB>rank<TAB>item<TAB>score: \(line.prefix(80))")
            }
            lists[user, default: []].append((rank, item))
        }
        return lists.mapValues { $0.sorted { $0.0 < $1.0 }.map(\.1) }
    }
}
