import ArgumentParser
import CuratorCore
import CuratorRecall
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fit a model on all of a dataset's interactions and save it in the state folder.",
        discussion: """
        `recommend` and `chat` use the saved model. A model file records the data it was fitted \
        on: after the dataset or its filters change, train again.

        Example:
          curator train --data examples/movies --model itemknn --params neighbors=20
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model: String = "itemknn"

    @Option(help: ArgumentHelp("Hyper-parameters as name=value pairs.", valueName: "k=v,..."))
    var params = ParameterOption()

    func validate() throws {
        try RecallModelRegistry.validate(kind: model, parameters: params.parameters)
    }

    func run() throws {
        _ = try data.writableStateFolder()
        let dataset = try data.load()
        let clock = ContinuousClock()
        var fitted: (any RecallModel)!
        let time = try clock.measure {
            fitted = try RecallModelRegistry.fit(
                kind: model, parameters: params.parameters, data: TrainingData(dataset: dataset), progress: TerminalProgress())
        }
        let store = ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
        let path = try store.save(fitted)
        Terminal.out("trained \(model) in \(TerminalProgress.duration(time.seconds)); saved to \(path)")
    }
}
