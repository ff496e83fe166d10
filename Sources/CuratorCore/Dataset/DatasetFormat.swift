import Foundation

/// The layouts Curator reads, recognised from the files a folder holds.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// MovieLens 100K: `u.data`, `u.item`.
    case movieLens100K = "ml-100k"
    /// MovieLens 1M: `ratings.dat`, `movies.dat`.
    case movieLens1M = "ml-1m"
    /// MovieLens 20M, 25M and latest: `ratings.csv`, `movies.csv`, `tags.csv`.
    case movieLensCSV = "ml-csv"
    /// Curator's own folder: `interactions.csv` (user,item,timestamp,value) and `items.jsonl`.
    case curator

    /// The format of the folder at `path`.
    /// - Throws: `DataError` `.missingFile` when there is no such folder, `.unknownFormat` when
    ///   none of the known files is in it.
    public static func detect(folder path: String) throws -> DatasetFormat {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw DataError(.missingFile, file: path)
        }
        guard isFolder.boolValue else { throw DataError(.unknownFormat, file: path) }
        let has = { (name: String) in FileManager.default.fileExists(atPath: path + "/" + name) }
        if has(CuratorFolder.interactionsFile) { return .curator }
        if has("u.data") { return .movieLens100K }
        if has("ratings.dat") { return .movieLens1M }
        if has("ratings.csv") { return .movieLensCSV }
        throw DataError(.unknownFormat, file: path)
    }
}

/// File names of Curator's own dataset folder (what `curator data import` and `synth` write).
public enum CuratorFolder {
    public static let interactionsFile = "interactions.csv"
    public static let itemsFile = "items.jsonl"

    /// Refuses to write over a dataset already in `folder`: `data import` into a folder holding
    /// 62 books and 4,046 interactions had left 3 items and 5 interactions, without a word.
    /// - Parameters:
    ///   - files: the files the writer would replace.
    ///   - force: replace them all the same (the user said so).
    /// - Throws: `DataError` naming the files there and how to go on.
    public static func refuseOverwriting(_ files: [String] = [interactionsFile, itemsFile], in folder: String, force: Bool) throws {
        guard !force else { return }
        let present = files.filter { FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).appendingPathComponent($0).path) }
        guard !present.isEmpty else { return }
        throw DataError(.invalid("already holds a dataset (\(present.joined(separator: ", "))): choose another --out, or pass --force to replace it"), file: folder)
    }
}
