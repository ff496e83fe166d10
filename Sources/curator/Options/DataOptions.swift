import ArgumentParser
import CuratorCore
import CuratorEval
import CuratorLLMStage
import CuratorRecall

/// The options every command that reads a dataset shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The dataset: a MovieLens folder (ml-100k, ml-1m, ml-20m/25m/latest) or a Curator folder.",
        valueName: "path"))
    var data: String

    @Option(name: .customLong("min-user"), help: "Keep only users with at least this many interactions (k-core, iterated with --min-item).")
    var minUser: Int = 0

    @Option(name: .customLong("min-item"), help: "Keep only items with at least this many interactions.")
    var minItem: Int = 0

    @Option(name: .customLong("min-rating"), help: "Keep only interactions whose rating/value is at least this.")
    var minRating: Float?

    @Flag(name: .customLong("skip-bad-lines"), help: "Skip unreadable lines (and say how many) instead of stopping at the first.")
    var skipBadLines = false

    @Option(name: .long, help: ArgumentHelp("Folder for trained models and caches (default: $CURATOR_STATE or ~/.local/share/curator).", valueName: "dir"))
    var state: String?

    var filter: InteractionFilter {
        InteractionFilter(minUserInteractions: minUser, minItemInteractions: minItem, minValue: minRating)
    }

    var stateDirectory: StateDirectory { ProcessEnvironment.stateDirectory(state) }

    /// This dataset's folder in the state folder, and the files in it.
    var datasetState: DatasetState { stateDirectory.dataset(path: data, filter: filter) }

    /// This dataset's folder in the state folder.
    var stateFolder: String { datasetState.folder }

    /// This dataset's state folder, created and checked to be writable (before any long work).
    func writableStateFolder() throws -> String {
        try StateDirectory.checkWritable(stateFolder)
        return stateFolder
    }

    func validate() throws {
        guard minUser >= 0, minItem >= 0 else { throw ValidationError("--min-user and --min-item cannot be negative") }
    }

    /// Loads and filters the dataset, telling on standard error what was skipped, what the user
    /// should know of it (`ReadReport.notices`) and how long it took; with `enhanced`, items
    /// without text carry the descriptions `curator items enhance` wrote.
    func load(enhanced: Bool = true) throws -> Dataset { try loadReporting(enhanced: enhanced).dataset }

    /// `load(enhanced:)`, with what the readers reported.
    func loadReporting(enhanced: Bool = true) throws -> (dataset: Dataset, report: ReadReport) {
        let clock = ContinuousClock()
        var loaded: DatasetLoader.Loaded!
        let time = try clock.measure {
            loaded = try DatasetLoader.load(path: data, filter: filter, options: ReadOptions(skipBadLines: skipBadLines))
        }
        if loaded.report.skippedLines > 0 {
            Terminal.err("warning: skipped \(loaded.report.skippedLines) bad lines, for example:")
            for example in loaded.report.examples { Terminal.err("  \(example)") }
        }
        for notice in loaded.report.notices { Terminal.err("note: \(notice)") }
        // Writers killed mid-write (kill -9) leave temporary files: their time is over.
        AtomicFile.removeStaleTemporaries(in: stateFolder)
        var d = loaded.dataset
        var described = ""
        if enhanced {
            do {
                let entries = try EnhancedItemStore(datasetFolder: stateFolder).load()
                if !entries.isEmpty {
                    d.catalog = EnhancedItemStore.apply(entries, to: d.catalog)
                    described = ", \(entries.count) described by an LLM"
                }
            } catch {
                Terminal.err("warning: the LLM-written descriptions are not used: \(error)")
            }
        }
        Terminal.err(Terminal.dim("loaded \(d.name) (\(loaded.format.rawValue)): \(d.userCount) users, \(d.itemCount) items, \(d.interactions.count) interactions\(described) in \(TerminalProgress.duration(time.seconds))"))
        return (d, loaded.report)
    }
}

/// Hyper-parameters as `--params k=v,k=v`.
struct ParameterOption: ExpressibleByArgument {
    var parameters: ModelParameters
    init?(argument: String) {
        guard let parsed = try? ModelParameters(parsing: argument) else { return nil }
        parameters = parsed
    }
    init() { parameters = ModelParameters() }

    /// What `--help` shows as the default: the pairs, or that the model's own defaults apply.
    var defaultValueDescription: String {
        parameters.values.isEmpty ? "the model's defaults" : parameters.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

extension DataOptions {
    /// The parameters `curator tune` stored for `model` on this data (said on standard error),
    /// nil when it was never tuned: what `eval` and `train` use when given no --params.
    func tunedParameters(for model: String) throws -> ModelParameters? {
        guard let tuned = try TuningStore(state: stateDirectory, datasetPath: data, filter: filter).bestParameters(for: model) else { return nil }
        Terminal.err(Terminal.dim("using the best parameters from curator tune: \(TuneCommand.describe(tuned.values))"))
        return tuned
    }
}
