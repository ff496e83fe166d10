import ArgumentParser
import CuratorCore
import CuratorEval
import CuratorRecall

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a model's ranking quality on an offline protocol.",
        discussion: """
        loo (leave-last-out, full ranking): per user, in time order, the last item is the test \
        target and the one before it the validation target. The validation figures come from a \
        model fitted on training only; the test figures from a model fitted on training + \
        validation. Every item the user already has is excluded from the ranking; ties are \
        broken by item id ascending, so figures reproduce exactly.

        Example:
          curator eval --data ../shared/data/ml-100k --protocol loo --model itemknn --params neighbors=50
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "The protocol: loo.")
    var `protocol` = "loo"

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model: String

    @Option(help: ArgumentHelp("Hyper-parameters as name=value pairs (default: the best of `curator tune`, if run).", valueName: "k=v,..."))
    var params: ParameterOption?

    @Flag(help: "Print one JSON object (test metrics at top level, e.g. \"ndcg@10\") instead of a table.")
    var json = false

    @Flag(name: .customLong("test-only"), help: "Skip the validation phase (one fit instead of two).")
    var testOnly = false

    func validate() throws {
        guard self.protocol == LeaveLastOutProtocol.name else {
            throw ValidationError("unknown protocol '\(self.protocol)' (known: loo)")
        }
        try RecallModelRegistry.validate(kind: model, parameters: params?.parameters ?? ModelParameters())
    }

    func run() throws {
        let dataset = try data.load()
        let evaluation = LeaveLastOutProtocol(dataset: dataset)
        var parameters = params?.parameters ?? ModelParameters()
        if params == nil,
           let tuned = try TuningStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter).bestParameters(for: model) {
            Terminal.err(Terminal.dim("using the best parameters from curator tune: \(TuneCommand.describe(tuned.values))"))
            parameters = tuned
        }
        let report = try evaluation.run(
            kind: model, parameters: parameters, phases: testOnly ? [.test] : [.validation, .test],
            progress: TerminalProgress())
        Terminal.out(json ? report.jsonString() : report.table())
    }
}
