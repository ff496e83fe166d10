import ArgumentParser
import CuratorCore
import CuratorEval
import CuratorRecall
import Foundation

struct BenchScoringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scoring",
        abstract: "Time scoring single histories against all items (what a chat turn costs): p50 and p99.",
        discussion: """
        Fits the model on the loo training + validation part, then scores --histories histories \
        one at a time on one thread: each is the last --length items of a seeded random user with \
        at least that many items, scored as an anonymous session (no user index) and cut to the \
        top 100. Latency does not depend on training length, so short fits are fine.

        Example:
          curator bench scoring --data ../shared/data/ml-100k --model sasrec --params epochs=5
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model: String

    @Option(help: ArgumentHelp("Hyper-parameters as name=value pairs.", valueName: "k=v,..."))
    var params = ParameterOption()

    @Option(help: "How many histories to time.")
    var histories = 1000

    @Option(help: "Items per history.")
    var length = 50

    @Option(help: "The seed that picks the users.")
    var seed: UInt64 = 42

    func validate() throws {
        try RecallModelRegistry.validate(kind: model, parameters: params.parameters)
        guard histories > 0, length > 0 else { throw ValidationError("--histories and --length must be positive") }
    }

    func run() throws {
        let dataset = try data.load()
        let training = LeaveLastOutProtocol(dataset: dataset).trainingData(for: .test)
        let fitted = try RecallModelRegistry.fit(kind: model, parameters: params.parameters, data: training, progress: TerminalProgress())
        let eligible = (0..<training.userCount).filter { training.sequences.sequence(of: $0).count >= length }
        guard !eligible.isEmpty else { throw ValidationError("no user has \(length) items") }
        var rng = SeededGenerator(seed: seed)
        var scores = [Float](repeating: 0, count: fitted.itemCount)
        var milliseconds: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<histories {
            let user = eligible[Int(rng.next() % UInt64(eligible.count))]
            let history = Array(training.sequences.sequence(of: user).suffix(length))
            let context = UserContext(history: history)
            let elapsed = clock.measure {
                scores.withUnsafeMutableBufferPointer { buffer in
                    fitted.score(context, into: buffer)
                    _ = TopK.select(100, from: UnsafeBufferPointer(buffer))
                }
            }
            milliseconds.append(elapsed.seconds * 1000)
        }
        try Terminal.json(encoding: Report(
            model: model, dataset: dataset.name, items: fitted.itemCount, histories: histories, length: length,
            p50Ms: Percentile.nearestRank(milliseconds, 0.5), p99Ms: Percentile.nearestRank(milliseconds, 0.99), maxMs: milliseconds.max()!,
            meanMs: milliseconds.reduce(0, +) / Double(milliseconds.count), peakRssMb: PeakMemory.megabytes), compact: true)
    }

    /// The one line of JSON the command prints.
    struct Report: Codable {
        var model: String
        var dataset: String
        var items: Int
        var histories: Int
        var length: Int
        var p50Ms: Double
        var p99Ms: Double
        var maxMs: Double
        var meanMs: Double
        var peakRssMb: Double
    }
}
