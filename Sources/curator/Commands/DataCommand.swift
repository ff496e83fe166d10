import ArgumentParser
import CuratorCore
import CuratorFetch
import Foundation
import Synchronization

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Inspect, import, download and generate datasets.",
        subcommands: [DataInfoCommand.self, DataImportCommand.self, DataSynthCommand.self, DataFetchCommand.self, DataExportCommand.self])
}

struct DataInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Users, items, interactions, density, time span and history lengths of a dataset.")

    @OptionGroup var data: DataOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let (dataset, report) = try data.loadReporting()
        let summary = DatasetSummary(dataset, timestamped: report.untimedFile == nil, catalogGap: report.catalogGap)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Terminal.json(try encoder.encode(summary))
            return
        }
        func date(_ t: Int64?) -> String {
            guard let t else { return "?" }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
        }
        let p = summary.historyLengthPercentiles
        let span = summary.timestamped
            ? "\(date(summary.firstTimestamp)) to \(date(summary.lastTimestamp))"
            : "no timestamps (file order stands for time)"
        let gap = summary.catalogGap.map { "\n  not in catalog \($0.counts), first on line \($0.firstLine); kept untitled" } ?? ""
        Terminal.out("""
            \(Terminal.bold(dataset.name))
              users          \(summary.users)
              items          \(summary.items) (\(summary.itemsWithTitles) with titles, \(summary.itemsWithText) with text)\(gap)
              interactions   \(summary.interactions)
              density        \(String(format: "%.4f%%", summary.density * 100))
              time span      \(span)
              history length p5 \(p["p5"] ?? 0), p25 \(p["p25"] ?? 0), median \(p["p50"] ?? 0), p75 \(p["p75"] ?? 0), p95 \(p["p95"] ?? 0), max \(p["max"] ?? 0)
            """)
    }
}

struct DataImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn generic interaction and item files into a Curator dataset folder.",
        discussion: """
        Interactions: CSV or TSV with a header row, or JSON lines. Items: CSV with a header, or \
        JSON lines with id, title, year, genres, text, tags. Every other command reads the \
        folder this writes.

        Example:
          curator data import --interactions clicks.tsv --columns user=uid,item=sku,timestamp=ts \\
            --items products.jsonl --out data/shop
        """)

    @Option(help: ArgumentHelp("Interactions file (.csv, .tsv or .jsonl).", valueName: "file"))
    var interactions: String

    @Option(help: ArgumentHelp("Which column holds what: user=…,item=…[,timestamp=…][,value=…]. Defaults: user, item, timestamp, value.", valueName: "mapping"))
    var columns: String = ""

    @Option(help: ArgumentHelp("Field separator of a delimited interactions file (default: tab for .tsv, comma otherwise).", valueName: "sep"))
    var separator: String?

    @Option(help: ArgumentHelp("Items file (.csv or .jsonl).", valueName: "file"))
    var items: String?

    @Option(help: ArgumentHelp("The dataset folder to write.", valueName: "dir"))
    var out: String

    @Flag(name: .customLong("skip-bad-lines"), help: "Skip unreadable lines (and say how many) instead of stopping at the first.")
    var skipBadLines = false

    @Flag(help: "Replace the dataset already in --out (without it, a folder holding one is refused).")
    var force = false

    func run() throws {
        try CuratorFolder.refuseOverwriting(in: out, force: force)
        let mapping = try InteractionColumnMapping(parsing: columns)
        let separator = self.separator.map { $0 == "\\t" || $0 == "tab" ? "\t" : $0 }
        let name = URL(fileURLWithPath: out).lastPathComponent
        let (dataset, report) = try DatasetLoader.importFiles(
            interactions: interactions, mapping: mapping, separator: separator, items: items, name: name,
            options: ReadOptions(skipBadLines: skipBadLines))
        if report.skippedLines > 0 {
            Terminal.err("warning: skipped \(report.skippedLines) bad lines, for example:")
            for example in report.examples { Terminal.err("  \(example)") }
        }
        for notice in report.notices { Terminal.err("note: \(notice)") }
        try DatasetWriter.write(dataset, to: out)
        Terminal.out("wrote \(out): \(dataset.userCount) users, \(dataset.itemCount) items, \(dataset.interactions.count) interactions")
    }
}

struct DataSynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate a seeded synthetic dataset with popularity, taste and sequence structure.",
        discussion: """
        For scale benchmarks:
          curator data synth --users 100000 --items 20000 --interactions 5000000 --out /tmp/synth-5m
        With --catalog, items come from a catalog (clusters are their rarest genre):
          curator data synth --catalog examples/movies/items.jsonl --users 600 --interactions 18000 --out examples/movies --force
        """)

    @Option var users = 1_000
    @Option var items = 500
    @Option(help: "Target number of interactions (the result is close, not exact).")
    var interactions = 20_000
    @Option(help: "Taste clusters (without --catalog).")
    var clusters = 20
    @Option var seed: UInt64 = 42
    @Option(help: ArgumentHelp("Use this catalog's items (.jsonl or .csv).", valueName: "file"))
    var catalog: String?
    @Option(help: ArgumentHelp("The dataset folder to write.", valueName: "dir"))
    var out: String
    @Flag(help: "Replace the interactions already in --out (without it, a folder holding some is refused; a --catalog in --out is kept).")
    var force = false

    func validate() throws {
        guard users > 0, items > 0, interactions > 0, clusters > 0 else {
            throw ValidationError("--users, --items, --interactions and --clusters must be positive")
        }
    }

    func run() throws {
        // The catalog given, when it is --out's own items file, is left as it is (`writeItems`):
        // only the interactions are replaced. Any other items file there would be.
        try CuratorFolder.refuseOverwriting(catalogIsTheTarget ? [CuratorFolder.interactionsFile] : [CuratorFolder.interactionsFile, CuratorFolder.itemsFile],
                                            in: out, force: force)
        var configuration = SyntheticDataset.Configuration()
        configuration.users = users
        configuration.items = items
        configuration.interactions = interactions
        configuration.clusters = clusters
        configuration.seed = seed
        let catalogItems = try catalog.map { try ItemFileReader.read(path: $0).items }
        let name = URL(fileURLWithPath: out).lastPathComponent
        let dataset = SyntheticDataset.generate(configuration, catalog: catalogItems, name: name, progress: TerminalProgress())
        try DatasetWriter.writeInteractions(of: dataset, to: out)
        try writeItems(of: dataset)
        Terminal.out("wrote \(out): \(dataset.userCount) users, \(dataset.itemCount) items, \(dataset.interactions.count) interactions")
        if dataset.interactions.count < interactions * 9 / 10 {
            Terminal.err(Terminal.dim("fewer than the \(interactions) interactions asked for: each user has distinct items, at most half the "
                + "catalog's \(dataset.itemCount) (\(dataset.itemCount / 2)); more users give more"))
        }
    }

    /// The items file: a JSONL catalog copied as it is (fields Curator does not read, such as
    /// an author, kept; the catalog's own file, when `--out` is its folder, left untouched);
    /// otherwise the items written from the dataset.
    private func writeItems(of dataset: Dataset) throws {
        guard let catalog, catalog.lowercased().hasSuffix(".jsonl") else { return try DatasetWriter.writeItems(of: dataset, to: out) }
        guard !catalogIsTheTarget else { return }
        try AtomicFile.write(try Data(contentsOf: URL(fileURLWithPath: catalog)), to: itemsTarget.path)
    }

    private var itemsTarget: URL {
        URL(fileURLWithPath: out).appendingPathComponent(CuratorFolder.itemsFile).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Whether --catalog is --out's own items file.
    private var catalogIsTheTarget: Bool {
        catalog.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path == itemsTarget.path } ?? false
    }
}

struct DataFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a MovieLens release, check its checksum and unpack it into the cache.",
        discussion: """
        The folder lands in the cache ($CURATOR_CACHE_DIR, default ~/.cache/curator) under \
        datasets/NAME; a finished fetch is reused. --url and --md5 (or $CURATOR_MOVIELENS_URL) \
        point at a mirror.

        Example:
          curator data fetch ml-100k
          curator eval --data ~/.cache/curator/datasets/ml-100k --model itemknn
        """)

    @Argument(help: "The release: \(MovieLensRelease.known.map(\.name).joined(separator: ", ")).")
    var name: String

    @Option(help: ArgumentHelp("Download from this address instead (a mirror).", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("The archive's MD5, when a mirror's archive differs from the published one.", valueName: "hex"))
    var md5: String?

    @Option(help: ArgumentHelp("The cache folder (default: $CURATOR_CACHE_DIR or ~/.cache/curator).", valueName: "dir"))
    var cache: String?

    func run() async throws {
        var release = try MovieLensRelease.named(name, mirror: ProcessEnvironment.value("CURATOR_MOVIELENS_URL").flatMap(URL.init(string:)))
        if let url {
            guard let parsed = URL(string: url), parsed.scheme != nil else { throw ValidationError("--url must be an absolute URL") }
            release.url = parsed
        }
        if let md5 { release.md5 = md5.lowercased() }
        let fetcher = DatasetFetcher(cache: ProcessEnvironment.cacheDirectory(cache))
        let progress = TerminalProgress()
        let task = "downloading \(release.name)"
        let tracker = ByteProgress(task: task, reporter: progress)
        let outcome = try await fetcher.fetch(release) { received, expected in tracker.update(received, expected) }
        if outcome.downloaded { tracker.finish() }
        Terminal.out(outcome.downloaded
            ? "\(release.name): downloaded, checksum verified, unpacked into \(outcome.folder)"
            : "\(release.name): already in \(outcome.folder)")
    }
}

/// Turns byte counts from a download into progress events (in kilobytes).
private final class ByteProgress: Sendable {
    let task: String
    let reporter: TerminalProgress
    private let last = Mutex<(Int64, Int64?)>((0, nil))

    init(task: String, reporter: TerminalProgress) {
        self.task = task
        self.reporter = reporter
    }

    func update(_ received: Int64, _ expected: Int64?) {
        last.withLock { $0 = (received, expected) }
        reporter.report(ProgressEvent(
            task: task, completed: Int(received / 1024), total: expected.map { Int($0 / 1024) }, detail: "KB", isFinished: false))
    }

    func finish() {
        let (received, expected) = last.withLock { $0 }
        reporter.report(ProgressEvent(
            task: task, completed: Int(received / 1024), total: expected.map { Int($0 / 1024) }, detail: "KB", isFinished: true))
    }
}
