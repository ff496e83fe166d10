import ArgumentParser
import CuratorCore
import CuratorRecall
import CuratorServer
import Foundation
import Logging

struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fit a model on all of a dataset's interactions and save it in the state folder.",
        discussion: """
        `recommend` and `chat` use the saved model. A model file records the data it was fitted \
        on: after the dataset or its filters change, train again.

        Example:
          curator train --data examples/movies --model itemknn --params neighbors=20
          curator train --data examples/movies --model als --with-feedback   # with `curator serve`'s feedback log
          curator train --data examples/movies --model fusion --params models=als+sknn,stored=als

        A fusion fits its members, except those named in stored=: these are the dataset's \
        models already in the state folder (an ALS imported with `curator import spark-als`, \
        or any model trained earlier), fused as they are, never refitted, and refused when \
        they were fitted on other data. Their weights are weights=A+B or equal (a stored model \
        has seen the items weights would be chosen on). Train the fusion again after the \
        stored model changes: the fusion keeps its own copy.

        SASRec chooses its loss by the catalog's size: the full softmax up to softmax-items \
        (5000) items, above that a sampled softmax over shared-negatives (512) items drawn per \
        sequence, trained with lr 0.002 instead of 0.001. loss=ce|sampled-ce|gbce|bce and lr= \
        override the choice; the progress line says which loss it took and why.

        A running `curator serve` swaps the new model in without a restart.
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model: String = "itemknn"

    @Option(help: ArgumentHelp("Hyper-parameters as name=value pairs (default: the best of `curator tune`, if run).", valueName: "k=v,..."))
    var params = ParameterOption()

    @Flag(name: .customLong("with-feedback"), help: "Fold the positive feedback `curator serve` stored for this dataset into the fit.")
    var withFeedback = false

    @Option(name: .customLong("store"), help: ArgumentHelp("With --with-feedback: where `curator serve` kept it (sqlite, or its postgres:// URL).", valueName: "sqlite|url"))
    var feedbackStore = "sqlite"

    func validate() throws {
        try RecallModelRegistry.validate(kind: model, parameters: params.parameters)
        do { _ = try ServingStoreLocation(parsing: feedbackStore) } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
        _ = try data.writableStateFolder()
        let dataset = try data.load()
        var training = dataset
        if withFeedback {
            let servingStore = try await ServingStoreLocation(parsing: feedbackStore).open(
                datasetFolder: data.stateFolder, logger: Logger(label: "curator.train") { _ in SwiftLogNoOpLogHandler() })
            let events: [FeedbackEvent]
            do { events = try await servingStore.allEvents() } catch {
                await servingStore.close()
                throw error
            }
            await servingStore.close()
            let outcome = FeedbackFolding.fold(events, into: dataset)
            training = outcome.dataset
            Terminal.err(Terminal.dim("folded \(outcome.folded) of \(events.count) feedback events (\(outcome.newUsers) new users) from \(servingStore)"))
        }
        let store = ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
        // The point `curator tune` chose, as `curator eval` uses it: eval's figures then describe
        // the model served (a trial found eval on the tuned point and train on the defaults).
        var parameters = params.parameters
        if parameters.values.isEmpty, let tuned = try data.tunedParameters(for: model) { parameters = tuned }
        let clock = ContinuousClock()
        var fitted: (any RecallModel)!
        let time = try clock.measure {
            fitted = try store.fit(kind: model, parameters: parameters, data: TrainingData(dataset: training), progress: TerminalProgress())
        }
        let path = try store.save(fitted)
        Terminal.out("trained \(model) in \(TerminalProgress.duration(time.seconds)); saved to \(path)")
        // The parameters in use, defaults and choices made while fitting included (fusion's weights).
        Terminal.out("parameters: \(TuneCommand.describe(fitted.configuration.parameters))")
        if let fusion = fitted as? FusionModel { describeMembers(fusion, store: store) }
    }

    /// Which fusion members came from the state folder, the weights' origin, and stored models it could have used.
    func describeMembers(_ fusion: FusionModel, store: ModelStore) {
        let stored = fusion.configuration.stored
        for member in fusion.fusion.members where stored.contains(member.name) {
            Terminal.out("fusion member \(member.name): the stored model \(store.path(for: member.name)), not refitted (\(TuneCommand.describe(member.model.configuration.parameters)))")
        }
        if let choice = fusion.choice { Terminal.out("fusion chose \(choice.summary)") }
        else if !stored.isEmpty && params.parameters.values["weights"] == nil {
            Terminal.out("fusion weights: equal (a stored member has seen the held-out items weights would be chosen on; set weights=A+B to weigh them)")
        }
        for name in fusion.configuration.models where !stored.contains(name) && FileManager.default.fileExists(atPath: store.path(for: name)) {
            Terminal.err(Terminal.dim("note: this dataset has a stored \(name) model (\(store.path(for: name))); stored=\(name) fuses it as it is instead of fitting a new one"))
        }
    }
}
