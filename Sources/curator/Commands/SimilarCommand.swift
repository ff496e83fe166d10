import ArgumentParser
import CuratorColdStart
import CuratorCore
import CuratorRecall
import Foundation

struct SimilarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Items most similar to an item, by a model's item vectors or item–item weights.",
        discussion: """
        Works with every model that has item vectors (als, bpr: cosine) or item–item weights \
        (ease, itemknn). Uses the model saved by `curator train`, or fits one with default \
        parameters (and saves it). An item added with `curator items add` has no interactions: \
        its neighbours are the items its text placed it among.

        Example:
          curator similar --data ../shared/data/ml-100k --item 50 --model als -k 5
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup(title: "Text (items added with `curator items add`)") var embedding: EmbeddingOptions

    @Option(help: "An item id of the dataset, or a title that names one item (\"Heat\", \"fugitive, the (1993)\").")
    var item: String

    @Option(help: "The model: ease, als, bpr or itemknn.")
    var model = "itemknn"

    @Option(name: .short, parsing: .unconditional, help: "How many items.")
    var k = 10

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard k > 0 else { throw ValidationError("-k must be at least 1") }
        guard try RecallModelRegistry.modelType(named: model) is any ItemSimilarityModel.Type else {
            throw ValidationError("\(model) has no item vectors or item–item weights (use ease, als, bpr or itemknn)")
        }
    }

    func run() async throws {
        var dataset = try data.load()
        if let removed = dataset.removedByFilter(item: item) { throw UserError(removed) }  // before any fitting
        let onboarded = try OnboardedItemStore(datasetFolder: data.stateFolder).load()
        let store = ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
        let fitted = try store.loadOrFit(model, dataset: dataset, progress: TerminalProgress()) {
            Terminal.err(Terminal.dim("no up-to-date \(model) model for this dataset: fitting one now"))
        }
        guard let similarity = fitted as? any ItemSimilarityModel else {
            throw ValidationError("\(model) has no item similarities")
        }
        // The item by id or title, among the onboarded items too when there are some (placing
        // them embeds the catalog, so only then).
        let base = dataset.itemCount
        let setup = dataset.items.index(of: item) == nil && !onboarded.isEmpty
            ? try await OnboardedSetup(dataset, counts: dataset.itemInteractionCounts(), model: fitted, data: data, embedding: embedding) : nil
        if let setup { dataset = setup.extended }
        let index = try dataset.requireItem(item)
        let items: [ScoredItem]
        if let setup, Int(index) >= base {
            // An onboarded item: the model's scores for it as a one-item history, through its placement.
            var scores = [Float](repeating: 0, count: setup.catalog.count)
            scores.withUnsafeMutableBufferPointer { setup.scorer.score(UserContext(history: [index]), into: $0) }
            items = scores.withUnsafeBufferPointer { TopK.select(k, from: $0, excluded: { $0 == index }) }
        } else {
            items = similarity.similarItems(to: index, count: k)
        }
        let id = dataset.items.id(at: index)
        if json {
            let rows = items.map { Report.Entry(item: dataset.items.id(at: $0.item), score: Double($0.score), title: dataset.catalog[Int($0.item)].title) }
            return try Terminal.json(encoding: Report(item: id, model: model, similar: rows))
        }
        let title = { (i: Int32) in dataset.catalog[Int(i)].spokenDisplayTitle }
        if items.count < k {
            Terminal.err(Terminal.dim("\(model) has \(items.count) items with any similarity to this one, fewer than the \(k) asked for"
                + (model == "itemknn" ? " (it keeps each item's nearest neighbours; `curator train --model itemknn --params neighbors=\(k)` keeps more)" : "")))
        }
        Terminal.out(Terminal.bold("like \(id) \(title(index))") + " (\(model))")
        for (rank, entry) in items.enumerated() {
            let neighbour = dataset.items.id(at: entry.item)
            Terminal.out(String(format: "%3d  ", rank + 1) + neighbour.padding(toLength: max(12, neighbour.count), withPad: " ", startingAt: 0)
                + String(format: " %8.4f  ", entry.score) + title(entry.item))
        }
    }

    /// `--json`: the item, the model, and the similar items best first.
    struct Report: Codable {
        struct Entry: Codable {
            var item: String
            var score: Double
            var title: String
        }
        var item: String
        var model: String
        var similar: [Entry]
    }
}
