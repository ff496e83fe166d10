import Foundation

/// What to keep of a dataset before any split: the same filters must run before training
/// and before evaluation, so they live with loading.
public struct InteractionFilter: Sendable, Equatable, Hashable, Codable {
    /// Drop users with fewer interactions (iterated with `minItemInteractions` until stable).
    public var minUserInteractions: Int
    /// Drop items with fewer interactions.
    public var minItemInteractions: Int
    /// Keep only interactions whose value is at least this (a rating threshold).
    public var minValue: Float?

    public init(minUserInteractions: Int = 0, minItemInteractions: Int = 0, minValue: Float? = nil) {
        self.minUserInteractions = minUserInteractions
        self.minItemInteractions = minItemInteractions
        self.minValue = minValue
    }

    public var isIdentity: Bool { minUserInteractions <= 1 && minItemInteractions <= 0 && minValue == nil }

    /// A short stable spelling, used to key state folders ("u5-i5-r4").
    public var key: String {
        let parts = spelled(user: "u", item: "i", value: "r")
        return parts.isEmpty ? "all" : parts.joined(separator: "-")
    }

    /// The filter as the command line spells it ("--min-user 1000 --min-item 20").
    public var flags: String {
        let parts = spelled(user: "--min-user ", item: "--min-item ", value: "--min-rating ")
        return parts.isEmpty ? "(none)" : parts.joined(separator: " ")
    }

    /// Each limit that filters something, after its name.
    private func spelled(user: String, item: String, value: String) -> [String] {
        var parts: [String] = []
        if minUserInteractions > 1 { parts.append(user + String(minUserInteractions)) }
        if minItemInteractions > 0 { parts.append(item + String(minItemInteractions)) }
        if let minValue { parts.append(value + "\(minValue)") }
        return parts
    }
}

/// Loads any dataset Curator knows from a folder (format detected) or a single interactions file.
public enum DatasetLoader {
    public struct Loaded: Sendable {
        public var dataset: Dataset
        public var format: DatasetFormat
        public var report: ReadReport
    }

    /// Loads the dataset at `path`, then applies `filter`.
    /// - Throws: `DataError` locating the first bad input (unless `options.skipBadLines`);
    ///   `FilteredOut` when the filter leaves no users or no items.
    public static func load(path: String, filter: InteractionFilter = .init(), options: ReadOptions = .init()) throws -> Loaded {
        let folder = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        let format = try DatasetFormat.detect(folder: folder)
        let (assembler, report): (DatasetAssembler, ReadReport)
        switch format {
        case .movieLens100K: (assembler, report) = try MovieLens.read100K(folder: folder, options: options)
        case .movieLens1M: (assembler, report) = try MovieLens.read1M(folder: folder, options: options)
        case .movieLensCSV: (assembler, report) = try MovieLens.readCSVRelease(folder: folder, options: options)
        case .curator: (assembler, report) = try readCuratorFolder(folder, options: options)
        }
        let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        let dataset = try assembler.build(name: name).filteredKeepingSome(by: filter)
        return Loaded(dataset: dataset, format: format, report: assembler.noted(report))
    }

    /// Reads generic files: interactions (CSV/TSV/JSONL) with a column mapping, and an
    /// optional catalog (CSV/JSONL).
    public static func importFiles(
        interactions: String, mapping: InteractionColumnMapping = .init(), separator: String? = nil,
        items: String? = nil, itemMapping: ItemColumnMapping = .init(), name: String, options: ReadOptions = .init()
    ) throws -> (Dataset, ReadReport) {
        var assembler = DatasetAssembler()
        var report = try InteractionFileReader.read(
            path: interactions, mapping: mapping, separator: separator, options: options, into: &assembler)
        // A header and nothing else (or only bad lines) is no dataset: said here, not by every
        // command that would read the folder (a stranger's "wrote o4: 0 users" failed at train).
        guard !assembler.timestamps.isEmpty else {
            let skipped = report.skippedLines > 0 ? " (all \(report.skippedLines) lines were skipped as bad)" : ""
            throw DataError(.invalid("no interactions to import\(skipped)"), file: interactions)
        }
        if let items {
            let catalog = try ItemFileReader.read(path: items, mapping: itemMapping, options: options)
            report.merge(catalog.report)
            for item in catalog.items { try assembler.addItem(item, file: items) }
        }
        return (assembler.build(name: name), assembler.noted(report))
    }

    private static func readCuratorFolder(_ folder: String, options: ReadOptions) throws -> (DatasetAssembler, ReadReport) {
        var assembler = DatasetAssembler()
        var report = try InteractionFileReader.read(
            path: folder + "/" + CuratorFolder.interactionsFile, mapping: .init(), separator: ",", options: options,
            into: &assembler)
        let itemsPath = folder + "/" + CuratorFolder.itemsFile
        if FileManager.default.fileExists(atPath: itemsPath) {
            let catalog = try ItemFileReader.readJSONL(path: itemsPath, options: options)
            report.merge(catalog.report)
            for item in catalog.items { try assembler.addItem(item, file: itemsPath) }
        }
        return (assembler, report)
    }
}
