import Foundation

/// Writes a dataset as a Curator folder (`interactions.csv` + `items.jsonl`), the format that
/// `curator data import` and `curator data synth` produce and every command reads.
public enum DatasetWriter {
    /// Writes both files atomically (each through a temporary file and a rename).
    /// - Throws: the file system's error when a file cannot be written.
    public static func write(_ dataset: Dataset, to folder: String) throws {
        try writeInteractions(of: dataset, to: folder)
        try writeItems(of: dataset, to: folder)
    }

    /// Writes `interactions.csv` atomically (the folder made when missing).
    public static func writeInteractions(of dataset: Dataset, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var csv = [UInt8]()
        csv.reserveCapacity(dataset.interactions.count * 24)
        csv.append(contentsOf: Array("user,item,timestamp,value\n".utf8))
        let log = dataset.interactions
        let userIDs = dataset.users.externalIDs.map { Array(Self.csvField($0).utf8) }
        let itemIDs = dataset.items.externalIDs.map { Array(Self.csvField($0).utf8) }
        for e in 0..<log.count {
            csv.append(contentsOf: userIDs[Int(log.users[e])])
            csv.append(0x2C)
            csv.append(contentsOf: itemIDs[Int(log.items[e])])
            csv.append(0x2C)
            csv.append(contentsOf: Array(String(log.timestamps[e]).utf8))
            csv.append(0x2C)
            let value = log.values[e]
            csv.append(contentsOf: Array((value == value.rounded() ? String(Int(value)) : String(value)).utf8))
            csv.append(0x0A)
        }
        try AtomicFile.write(Data(csv), to: folder + "/" + CuratorFolder.interactionsFile)
    }

    /// Writes `items.jsonl` atomically: the catalog's fields Curator reads, keys sorted.
    public static func writeItems(of dataset: Dataset, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var jsonl = Data()
        for item in dataset.catalog {
            jsonl.append(try encoder.encode(item))
            jsonl.append(0x0A)
        }
        try AtomicFile.write(jsonl, to: folder + "/" + CuratorFolder.itemsFile)
    }

    /// An id as an RFC 4180 field: bare, or quoted (quotes doubled) when it holds a comma or a
    /// quote, which the readers take back exactly. (`ExternalID` keeps newlines out of ids.)
    static func csvField(_ id: String) -> String {
        guard id.contains(where: { $0 == "," || $0 == "\"" }) else { return id }
        return "\"" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Writes files whole or not at all: to a temporary file beside the target
/// (`.NAME.PID.tmp`), then a rename.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try data.write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
        }
    }

    /// Removes the temporary files that writers killed mid-write left in `folder` and its
    /// subfolders (their process is gone); a live process's are left alone.
    /// - Returns: how many were removed.
    @discardableResult
    public static func removeStaleTemporaries(in folder: String) -> Int {
        guard let names = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var removed = 0
        for case let name as String in names {
            let file = (name as NSString).lastPathComponent
            guard file.hasPrefix("."), file.hasSuffix(".tmp") else { continue }
            let parts = file.dropLast(4).split(separator: ".")
            guard let pid = parts.last.flatMap({ pid_t($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH, (try? FileManager.default.removeItem(atPath: folder + "/" + name)) != nil {
                removed += 1
            }
        }
        return removed
    }
}
