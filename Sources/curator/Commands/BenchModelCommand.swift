import ArgumentParser
import CuratorCore
import CuratorEval
import CuratorRecall
import Foundation

struct BenchModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Time one model's fit and batch top-k on the loo test split (for Benchmarks/peers).",
        discussion: """
        Fits on the loo training + validation part, times the fit, times top-N for every user, \
        scores the test items, and prints one JSON object with the peak resident memory. \
        With --export-split, also writes the split as dense indices for a peer to read.

        Example:
          curator bench model --data ../shared/data/ml-100k --model als --params factors=32
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model: String

    @Option(help: ArgumentHelp("Hyper-parameters as name=value pairs.", valueName: "k=v,..."))
    var params = ParameterOption()

    @Option(help: "How many items per user in the batch top-k.")
    var top = 100

    @Option(name: .customLong("export-split"), help: ArgumentHelp("Write the test split here and stop.", valueName: "dir"))
    var exportSplit: String?

    @Flag(name: .customLong("fit-only"), help: "Time the fit alone (no batch top-k, no evaluation).")
    var fitOnly = false

    func validate() throws {
        try RecallModelRegistry.validate(kind: model, parameters: params.parameters)
    }

    func run() throws {
        let dataset = try data.load()
        let evaluation = LeaveLastOutProtocol(dataset: dataset)
        if let exportSplit {
            try evaluation.exportSplit(phase: .test, to: exportSplit)
            Terminal.out("wrote the loo test split of \(dataset.name) to \(exportSplit)")
            return
        }
        let training = evaluation.trainingData(for: .test)
        let clock = ContinuousClock()
        var fitted: (any RecallModel)!
        let fitStart = Self.cpuSeconds()
        let fitTime = try clock.measure {
            fitted = try RecallModelRegistry.fit(kind: model, parameters: params.parameters, data: training, progress: TerminalProgress())
        }
        let topStart = Self.cpuSeconds()
        var report = Report(
            model: model, parameters: fitted.configuration.parameters, dataset: dataset.name,
            users: training.userCount, items: training.itemCount, interactions: training.userItems.nonZeroCount,
            fitSeconds: fitTime.seconds, threads: Parallel.threadCount, fitCPUSeconds: topStart - fitStart,
            epochSeconds: (fitted as? SASRecModel)?.training.epochs.map(\.seconds))
        guard !fitOnly else { return try Self.print(report) }
        var lists: [Int32] = []
        let topTime = clock.measure { lists = BatchRecommender.recommendAll(fitted, data: training, count: top) }
        let topEnd = Self.cpuSeconds()
        let metrics = evaluation.evaluate(fitted, phase: .test, progress: TerminalProgress())
        report.topSeconds = topTime.seconds
        report.top = top
        report.topFilled = lists.lazy.filter { $0 >= 0 }.count
        report.topCPUSeconds = topEnd - topStart
        report.metrics = metrics
        try Self.print(report)
    }

    /// The one JSON object: the fit's figures, then (without --fit-only) the batch top-k's and
    /// the test metrics at top level (`"ndcg@10"`), and the peak resident memory.
    struct Report: Encodable {
        var model: String
        var parameters: [String: String]
        var dataset: String
        var users: Int
        var items: Int
        var interactions: Int
        var fitSeconds: Double
        var threads: Int
        var fitCPUSeconds: Double
        var epochSeconds: [Double]?
        var topSeconds: Double?
        var top: Int?
        var topFilled: Int?
        var topCPUSeconds: Double?
        var peakRSSMB: Double?
        /// Encoded flat beside the fields, by `print`.
        var metrics: [MetricName: Double] = [:]

        enum CodingKeys: String, CodingKey {
            case model, parameters, dataset, users, items, interactions, threads, top
            case fitSeconds = "fit_seconds", fitCPUSeconds = "fit_cpu_seconds", epochSeconds = "epoch_seconds"
            case topSeconds = "top_seconds", topFilled = "top_filled", topCPUSeconds = "top_cpu_seconds", peakRSSMB = "peak_rss_mb"
        }
    }

    /// Prints `report` as one JSON line, with the peak resident memory so far.
    static func print(_ report: Report) throws {
        var report = report, usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        report.peakRSSMB = Double(usage.ru_maxrss) / 1024
        try Terminal.json(encoding: Flat(report: report), compact: true)
    }

    /// The report's fields and its metrics (`"ndcg@10"`) in one flat object.
    private struct Flat: Encodable {
        var report: Report
        func encode(to encoder: any Encoder) throws {
            try MetricFigures(report.metrics).encode(to: encoder)
            try report.encode(to: encoder)
        }
    }

    /// CPU time of the whole process (all threads) so far: comparable across runs on a busy machine.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
