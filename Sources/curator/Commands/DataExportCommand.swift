import ArgumentParser
import CuratorCore

struct DataExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a dataset's interactions for Spark's ALS (dense Int32 ids, with the id maps).",
        discussion: """
        Writes OUT/interactions.csv (user,item,rating with dense ids, one row per user and item \
        of the training matrix), OUT/user_ids.tsv and OUT/item_ids.tsv (dense index, external \
        id) and OUT/export.json, which binds a model fitted on it to this dataset and filters. \
        Fit it with scale/spark/als_fit.py and bring the factors back with \
        `curator import spark-als`.

        --split loo-test writes the loo protocol's training + validation part (loo-validation: \
        training only), for `curator eval --protocol loo --model als --imported DIR`.

        Example:
          curator data export --format spark --data ../shared/data/ml-100k --out /tmp/ml-export
          python scale/spark/als_fit.py --master 'local[2]' --export /tmp/ml-export --out /tmp/ml-als
          curator import spark-als /tmp/ml-als --data ../shared/data/ml-100k
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "The format: spark.")
    var format = "spark"

    @Option(help: ArgumentHelp("Which interactions: \(TrainingScope.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "scope"))
    var split = TrainingScope.all.rawValue

    @Option(help: ArgumentHelp("The folder to write.", valueName: "dir"))
    var out: String

    func validate() throws {
        guard format == "spark" else { throw ValidationError("unknown format '\(format)' (known: spark)") }
        guard TrainingScope(rawValue: split) != nil else {
            throw ValidationError("unknown --split '\(split)' (known: \(TrainingScope.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func run() throws {
        let dataset = try data.load()
        let manifest = try SparkExport.write(dataset, scope: TrainingScope(rawValue: split)!, to: out, progress: TerminalProgress())
        Terminal.out("wrote \(out): \(manifest.interactions) interactions of \(manifest.users) users and \(manifest.items) items (\(manifest.scope.rawValue))")
    }
}
