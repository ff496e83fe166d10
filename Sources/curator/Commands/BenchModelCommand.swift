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
        var object: [String: Any] = [
            "model": model, "parameters": fitted.configuration.parameters, "dataset": dataset.name,
            "users": training.userCount, "items": training.itemCount, "interactions": training.userItems.nonZeroCount,
            "fit_seconds": fitTime.seconds, "threads": Parallel.threadCount, "fit_cpu_seconds": topStart - fitStart,
        ]
        if let sasrec = fitted as? SASRecModel { object["epoch_seconds"] = sasrec.training.epochs.map(\.seconds) }
        guard !fitOnly else { return try Self.print(object) }
        var lists: [Int32] = []
        let topTime = clock.measure { lists = BatchRecommender.recommendAll(fitted, data: training, count: top) }
        let topEnd = Self.cpuSeconds()
        let metrics = evaluation.evaluate(fitted, phase: .test, progress: TerminalProgress())
        object["top_seconds"] = topTime.seconds
        object["top"] = top
        object["top_filled"] = lists.lazy.filter { $0 >= 0 }.count
        object["top_cpu_seconds"] = topEnd - topStart
        for (name, value) in metrics { object[name.description] = value }
        try Self.print(object)
    }

    /// Prints `object` as one JSON line, with the peak resident memory so far.
    static func print(_ object: [String: Any]) throws {
        var object = object, usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        object["peak_rss_mb"] = Double(usage.ru_maxrss) / 1024
        Terminal.json(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// CPU time of the whole process (all threads) so far: comparable across runs on a busy machine.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
