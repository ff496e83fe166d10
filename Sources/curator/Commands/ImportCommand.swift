import ArgumentParser
import CuratorCore
import CuratorRecall
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in a model fitted elsewhere.",
        subcommands: [ImportSparkALSCommand.self])
}

struct ImportSparkALSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spark-als",
        abstract: "Turn Spark MLlib ALS factors (scale/spark/als_fit.py's output) into the dataset's als model.",
        discussion: """
        The folder must come from an export of the same dataset and filters (`curator data \
        export --format spark`). The factors are saved as this dataset's als model, so \
        recommend, similar, chat and the rest use them as they use Curator's own ALS (until the \
        next `curator train --model als`); a fusion takes them as its als member with \
        `curator train --model fusion --params models=als+sknn,stored=als`. New users and chat sessions are folded in as Spark \
        solves a user: λ scaled by the count of the user's interactions (formulation=spark).

        --check compares with Spark's own recommendForAllUsers (every item ranked, the user's \
        own included, on both sides) and folds in every user's history against Spark's user \
        factors. A model fitted on a loo split is not saved; evaluate it with `curator eval \
        --protocol loo --model als --imported DIR`.

        Example:
          curator import spark-als /tmp/ml-als --data ../shared/data/ml-100k --check
        """)

    @Argument(help: ArgumentHelp("The Spark job's output folder (model.json and the factor files).", valueName: "dir"))
    var folder: String

    @OptionGroup var data: DataOptions

    @Flag(help: "Measure agreement with Spark's own top-k and fold-in error.")
    var check = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let dataset = try data.load()
        let imported = try SparkALSImport.load(folder: folder, dataset: dataset)
        let metadata = imported.metadata
        var saved: String?
        if metadata.export.scope == .all {
            saved = try ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
                .save(imported.model)
        } else if !check {
            throw UserError("\(folder) was fitted on the \(metadata.export.scope.rawValue) split, not on all interactions: evaluate it with `curator eval --protocol loo --model als --imported \(folder)`, or export with --split all to serve it")
        }
        let fidelity = check ? try SparkFidelity.measure(imported, folder: folder) : nil
        if json {
            return try Terminal.json(encoding: Report(
                sparkVersion: metadata.sparkVersion, rank: metadata.rank, scope: metadata.export.scope.rawValue,
                parameters: imported.model.configuration.parameters, saved: saved, fidelity: fidelity.map(Report.Fidelity.init)),
                snakeCase: false)
        }
        Terminal.out("Spark \(metadata.sparkVersion) implicit ALS: rank \(metadata.rank), \(metadata.maxIter) iterations, regParam \(metadata.regParam), alpha \(metadata.alpha), fitted on \(metadata.export.interactions) interactions (\(metadata.export.scope.rawValue))")
        if let saved {
            Terminal.out("saved as the als model of \(dataset.name): \(saved)")
            Terminal.out("fuse it with other models as it is: curator train --data \(data.data) --model fusion --params models=als+sknn,stored=als")
        }
        if let fidelity {
            Terminal.out(String(format: "top-%d agreement with Spark's recommendForAllUsers: %d of %d (user, rank) slots of %d users, %.4f%%",
                                fidelity.depth, fidelity.agreeingSlots, fidelity.slots, fidelity.listedUsers, fidelity.slotAgreement * 100))
            Terminal.out(String(format: "with every user folded in from their history: %.4f%% of slots; user factors within %.2e relative error (mean %.2e, %d users)",
                                fidelity.foldInSlotAgreement * 100, fidelity.foldInMaxRelativeError, fidelity.foldInMeanRelativeError, fidelity.users))
            Terminal.out(String(format: "folded in with Curator's own equation instead (λ not scaled by the user's count): %.4f%% of slots",
                                fidelity.unscaledFoldInSlotAgreement * 100))
        }
    }

    /// `--json`: what was imported, where it was saved, and how closely it reproduces Spark.
    struct Report: Codable {
        /// `SparkFidelity` with its agreement shares.
        struct Fidelity: Codable {
            var depth, listedUsers, slots, agreeingSlots, foldInAgreeingSlots, users: Int
            var slotAgreement, unscaledFoldInSlotAgreement, foldInSlotAgreement: Double
            var foldInMaxRelativeError, foldInMeanRelativeError: Double

            init(_ f: SparkFidelity) {
                depth = f.depth; listedUsers = f.listedUsers; slots = f.slots; agreeingSlots = f.agreeingSlots
                foldInAgreeingSlots = f.foldInAgreeingSlots; users = f.users
                slotAgreement = f.slotAgreement; unscaledFoldInSlotAgreement = f.unscaledFoldInSlotAgreement
                foldInSlotAgreement = f.foldInSlotAgreement
                foldInMaxRelativeError = f.foldInMaxRelativeError; foldInMeanRelativeError = f.foldInMeanRelativeError
            }
        }
        var sparkVersion: String
        var rank: Int
        var scope: String
        var parameters: [String: String]
        var saved: String?
        var fidelity: Fidelity?
    }
}
