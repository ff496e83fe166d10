import ArgumentParser
import CuratorCore
import Foundation

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Curator's own speed (benchmarks print figures; tests never time anything).",
        subcommands: [BenchLoadCommand.self, BenchModelCommand.self, BenchScoringCommand.self, BenchRerankCommand.self, BenchChatCommand.self, BenchFusionCommand.self])
}

struct BenchLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Time loading datasets: seconds, rows per second and peak memory.",
        discussion: """
        Example (Benchmarks/foundation/run.sh does this with a 25M-row synthetic set):
          curator bench load --data ../shared/data/ml-100k --data /tmp/synth-25m --repeat 3
        """)

    @Option(help: ArgumentHelp("A dataset folder; repeat the option for several.", valueName: "path"))
    var data: [String]

    @Option(help: "Loads per dataset; the table shows the fastest and the median.")
    var `repeat` = 3

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("give at least one --data") }
        guard self.repeat > 0 else { throw ValidationError("--repeat must be at least 1") }
    }

    /// One dataset's figures, in the table and in `--json` (as `{"load": [rows]}`).
    struct Row: Codable {
        var dataset: String
        var format: String
        var interactions: Int
        var users: Int
        var items: Int
        var secondsMin: Double
        var secondsMedian: Double
        var rowsPerSecond: Double
        var peakMemoryMb: Double
    }

    func run() throws {
        var rows: [Row] = []
        for path in data {
            var seconds: [Double] = []
            var loaded: DatasetLoader.Loaded!
            for _ in 0..<self.repeat {
                loaded = nil
                let time = try ContinuousClock().measure { loaded = try DatasetLoader.load(path: path) }
                seconds.append(time.seconds)
            }
            let d = loaded.dataset, fastest = seconds.min()!
            rows.append(Row(
                dataset: d.name, format: loaded.format.rawValue, interactions: d.interactions.count,
                users: d.userCount, items: d.itemCount, secondsMin: fastest,
                secondsMedian: Percentile.nearestRank(seconds, 0.5), rowsPerSecond: Double(d.interactions.count) / fastest,
                peakMemoryMb: PeakMemory.megabytes))
        }
        if json { return try Terminal.json(encoding: ["load": rows]) }
        var table = TextTable("dataset", "format", "interactions", "min s", "median s", "rows/s", "peak MB")
        for row in rows {
            table.add([
                row.dataset, row.format, String(row.interactions),
                String(format: "%.3f", row.secondsMin), String(format: "%.3f", row.secondsMedian),
                TerminalProgress.compact(row.rowsPerSecond), String(format: "%.0f", row.peakMemoryMb),
            ])
        }
        Terminal.out(table.render())
        Terminal.out(Terminal.dim("peak memory is the process's high-water mark so far (it includes earlier rows)"))
    }
}

/// The process's peak resident memory, from `getrusage`.
enum PeakMemory {
    static var megabytes: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
