import ArgumentParser
import CuratorColdStart
import CuratorCore
import CuratorRecall
import CuratorText
import Foundation

struct ItemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "items",
        abstract: "Add items after training (cold start) and list them.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Onboard one item, or many from a JSONL or CSV file: recommendable at once, no refit.",
            discussion: """
            Each item is embedded from its title, year, genres and text, and placed among the \
            trained items: its factors are mapped from the text for ALS/BPR, and every model \
            can borrow the scores of its nearest items in text space. Items persist in the \
            dataset's state folder; adding an id again updates it. A bad line in --file is an \
            error that names it, and nothing is written.

            Examples:
              curator items add --data examples/movies --id arrival-2016 --title "Arrival" --year 2016 \\
                --genres Drama,Sci-Fi --text "A linguist decodes an alien language as time folds."
              curator items add --data examples/movies --file new-items.jsonl
            """)

        @OptionGroup var data: DataOptions
        @OptionGroup var embedding: EmbeddingOptions
        @Option(help: "The new item's id.") var id: String?
        @Option(help: "Its title.") var title: String?
        @Option(help: "A description to embed.") var text: String?
        @Option(help: "Release year.") var year: Int?
        @Option(help: ArgumentHelp("Genres, separated by commas.", valueName: "g,g,...")) var genres: String?
        @Option(help: ArgumentHelp("Many items: JSONL (id, title, year, genres, text, tags) or CSV with a header.", valueName: "file")) var file: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard (file == nil) != (id == nil) else { throw ValidationError("give either --id with --title, or --file") }
            if id != nil, title?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { throw ValidationError("--id needs a non-empty --title") }
        }

        func run() async throws {
            let items: [Item]
            if let file {
                items = try ItemFileParser.parse(path: file)
            } else {
                let genreList = genres?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
                items = [try ItemFileParser.validated(Item(id: id!, title: title!, year: year, genres: genreList, text: text ?? ""), file: "--id", line: nil)]
            }
            let dataset = try data.load()
            let store = OnboardedItemStore(datasetFolder: try data.writableStateFolder())
            let embedder = try embedding.make()
            let outcomes = try await ItemOnboarding.add(items, to: store, dataset: dataset, embedder: embedder)
            let catalog = try OnboardedCatalog(
                dataset: dataset, catalogEmbeddings: try await embedding.catalogEmbeddings(dataset, data: data, embedder: embedder),
                records: try await embedding.onboardedRecords(store, dataset: dataset, embedder: embedder),
                itemCounts: dataset.itemInteractionCounts(), neighbourCount: 3)
            var rows: [[String: Any]] = []
            for outcome in outcomes {
                // Another process may have removed the item since: it is reported without neighbours.
                let near = catalog.index(of: outcome.item.id).map { index in
                    catalog.neighbours[Int(index) - catalog.baseItemCount].map { (catalog.items[Int($0.item)], $0.score) }
                } ?? []
                if json {
                    rows.append(["id": outcome.item.id, "updated": outcome.updated,
                                 "neighbours": near.map { ["id": $0.0.id, "similarity": Double($0.1)] }])
                } else {
                    Terminal.out("\(outcome.updated ? "updated" : "added  ") \(outcome.item.id)  \(outcome.item.displayTitle)"
                        + Terminal.dim("  near: " + near.map { String(format: "%@ (%.2f)", $0.0.displayTitle, $0.1) }.joined(separator: ", ")))
                }
            }
            if json {
                let object: [String: Any] = ["store": store.path, "items": rows]
                Terminal.json(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            } else {
                Terminal.err(Terminal.dim("\(catalog.onboardedCount) onboarded items in \(store.path)"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the onboarded items of a dataset.")
        @OptionGroup var data: DataOptions

        func run() throws {
            let store = OnboardedItemStore(datasetFolder: data.stateFolder)
            let records = try store.load()
            for record in records {
                Terminal.out("\(record.item.id)  \(record.item.displayTitle)" + Terminal.dim("  [\(record.embedder)]"))
            }
            if records.isEmpty { Terminal.err("no onboarded items (add some with curator items add)") }
        }
    }
}
