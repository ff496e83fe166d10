import ArgumentParser
import CuratorCore
import CuratorEval
import CuratorRecall
import Foundation

struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Grid-search a model's hyper-parameters on the loo validation split.",
        discussion: """
        The model's defaults (point 1) and every combination of the grid are fitted on the \
        training part and scored against the validation items (test items stay unseen). The \
        best point by --metric (the defaults on a tie; the lowest for popularity-bias@10) is \
        stored beside the dataset's models; `curator eval` and `curator train` without \
        --params then use it.

        Example:
          curator tune --data ../shared/data/ml-100k --model als --grid 'factors=32,64,128;reg=0.01,0.1;alpha=1,10,40'
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model: String

    @Option(help: ArgumentHelp("Values to try, per parameter.", valueName: "name=v,v;name=v,..."))
    var grid: String

    @Option(help: ArgumentHelp("Fixed parameters under every point.", valueName: "k=v,..."))
    var params = ParameterOption()

    @Option(help: "The metric that picks the best point (hr@10, ndcg@10, mrr@100, ...).")
    var metric = "ndcg@10"

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        let parsed = try ParameterGrid(parsing: grid)
        for point in parsed.points(base: params.parameters) { try RecallModelRegistry.validate(kind: model, parameters: point) }
        _ = try metricName()
    }

    private func metricName() throws -> MetricName {
        guard let name = MetricName.looDefaults.first(where: { $0.description == metric }) else {
            throw ValidationError("unknown metric '\(metric)' (known: \(MetricName.looDefaults.map(\.description).joined(separator: ", ")))")
        }
        return name
    }

    func run() throws {
        let dataset = try data.load()
        let parsed = try ParameterGrid(parsing: grid)
        let tuner = ParameterTuner(evaluation: LeaveLastOutProtocol(dataset: dataset), metric: try metricName())
        let total = ParameterTuner.points(parsed, base: params.parameters).count
        let result = try tuner.tune(kind: model, grid: parsed, base: params.parameters, progress: TerminalProgress()) { index, point in
            if !json { Terminal.out("[\(index + 1)/\(total)] \(Self.describe(point.parameters))  \(metric) \(String(format: "%.4f", point.metrics[metric] ?? .nan))  fit \(String(format: "%.2fs", point.fitSeconds))") }
        }
        let path = try TuningStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter).save(result)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Terminal.json(try encoder.encode(result))
        } else {
            Terminal.out(Terminal.bold("best: \(Self.describe(result.best.parameters))  \(metric) \(String(format: "%.4f", result.best.metrics[metric] ?? .nan))"))
            let defaults = result.best == result.points.first ? " (the defaults: no grid point beat them)" : ""
            Terminal.out(Terminal.dim("stored in \(path)\(defaults); curator eval and curator train --model \(model) without --params use it"))
        }
    }

    static func describe(_ parameters: [String: String]) -> String {
        parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
