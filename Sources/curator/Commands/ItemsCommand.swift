import ArgumentParser
import CuratorColdStart
import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorRecall
import CuratorText
import Foundation

struct ItemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "items",
        abstract: "Add items after training (cold start), describe items that have no text, and list them.",
        subcommands: [Add.self, Enhance.self, List.self])

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
              curator items add --data examples/movies --title "Quiet Harbor" --text "A fisherman and his daughter rebuild a boat."
              curator items add --data examples/movies --file new-items.jsonl
            """)

        @OptionGroup var data: DataOptions
        @OptionGroup var embedding: EmbeddingOptions
        @Option(help: "The new item's id (default: made from the title and year, as \"the-silmarillion-1977\").") var id: String?
        @Option(help: "Its title.") var title: String?
        @Option(help: "A description to embed.") var text: String?
        @Option(help: "Release year.") var year: Int?
        @Option(help: ArgumentHelp("Genres, separated by commas.", valueName: "g,g,...")) var genres: String?
        @Option(help: ArgumentHelp("Many items: JSONL (title, and id, year, genres, text, tags) or CSV with a header; a missing id is made from the title and year.", valueName: "file")) var file: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard (file == nil) != (id == nil && title == nil) else { throw ValidationError("give either --title (and --id, --year, --genres, --text), or --file") }
            if file == nil, title?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { throw ValidationError("--id needs a non-empty --title") }
            if file == nil, id == nil, Self.id(title: title ?? "", year: year).isEmpty {
                throw ValidationError("no id can be made from this title's letters: give one with --id")
            }
        }

        /// An id made from a title and year (`ItemFileParser.id`: a file's items without one get it too).
        static func id(title: String, year: Int?) -> String { ItemFileParser.id(title: title, year: year) }

        func run() async throws {
            let items: [Item]
            if let file {
                items = try ItemFileParser.parse(path: file)
            } else {
                let genreList = genres?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
                items = [try ItemFileParser.validated(Item(id: id ?? Self.id(title: title!, year: year), title: title!, year: year, genres: genreList, text: text ?? ""), file: "--id", line: nil)]
            }
            let dataset = try data.load()
            if file == nil, let item = items.first, let index = dataset.items.index(of: item.id) {
                // Said plainly: the error from onboarding names a source, and "--id" was no flag
                // the user had given when the id came from the title.
                throw UserError("\(dataset.catalog[Int(index)].spokenDisplayTitle) is already in the dataset, as id \(item.id): "
                    + "items add adds new items only" + (id == nil ? " (give another --id for a different item of that title)" : ""))
            }
            let store = OnboardedItemStore(datasetFolder: try data.writableStateFolder())
            let embedder = try embedding.make()
            let outcomes = try await ItemOnboarding.add(items, from: file ?? "--id", to: store, dataset: dataset, embedder: embedder)
            let catalog = try OnboardedCatalog(
                dataset: dataset, catalogEmbeddings: try await embedding.catalogEmbeddings(dataset, data: data, embedder: embedder),
                records: try await embedding.onboardedRecords(store, dataset: dataset, embedder: embedder),
                itemCounts: dataset.itemInteractionCounts(), neighbourCount: 3)
            var rows: [AddReport.Entry] = []
            for outcome in outcomes {
                // Another process may have removed the item since: it is reported without neighbours.
                let near = catalog.index(of: outcome.item.id).map { index in
                    catalog.neighbours[Int(index) - catalog.baseItemCount].map { (catalog.items[Int($0.item)], $0.score) }
                } ?? []
                if json {
                    rows.append(.init(id: outcome.item.id, updated: outcome.updated,
                                      neighbours: near.map { .init(id: $0.0.id, similarity: Double($0.1)) }))
                } else {
                    Terminal.out("\(outcome.updated ? "updated" : "added  ") \(outcome.item.id)  \(outcome.item.spokenDisplayTitle)"
                        + Terminal.dim("  near: " + near.map { String(format: "%@ (%.2f)", $0.0.spokenDisplayTitle, $0.1) }.joined(separator: ", ")))
                }
            }
            if json {
                try Terminal.json(encoding: AddReport(store: store.path, items: rows))
            } else {
                Terminal.err(Terminal.dim("\(catalog.onboardedCount) onboarded items in \(store.path)"))
            }
        }
    }

    /// `items add --json`: the store, and each item with its nearest trained items.
    struct AddReport: Encodable {
        var store: String
        var items: [Entry]

        struct Entry: Encodable {
            var id: String
            var updated: Bool
            var neighbours: [Neighbour]
        }

        struct Neighbour: Encodable {
            var id: String
            var similarity: Double
        }
    }

    struct Enhance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Have an LLM describe the items that have no text (MovieLens has none), for the text embeddings.",
            discussion: """
            Each item without a description gets one sentence and up to three themes, written \
            by the LLM from its title, year and genres (the enhance-item template), cleaned like \
            any catalog text, refused when it says nothing (a tautology such as "The audience \
            is the audience", a clause repeated, the prompt's or the title's words again; the \
            run counts refusals by reason), and stored in the dataset's state folder. From then on every text \
            consumer reads them: the item embeddings (cold start, the chat's words and moods) \
            and the prompts; an item's own text always wins. Answers are cached by model, \
            template and item, so a second run, or one after an interruption, asks only for \
            what is missing. `curator items list` shows them; `curator eval --protocol \
            cold-items` reports the scorers with and without them.

            The text is the model's, not the catalog's: a small model writes plausible but \
            sometimes wrong sentences. Measure its effect with the cold-items protocol before \
            relying on it.

            Examples:
              curator items enhance --data ../shared/data/ml-100k --limit 50
              curator items enhance --data ../shared/data/ml-100k --llm http://gpu-box:8080
            """)

        @OptionGroup var data: DataOptions
        @Option(help: LLMChoice.help(allowsNone: false))
        var llm: LLMChoice = .local
        @Option(help: "Describe at most this many items (in catalog order) this run.") var limit: Int?
        @Flag(help: "Ask again for items this model and template already described.") var redo = false
        @Option(help: "Requests in flight at once (the local server has 2 slots; raise it for an endpoint with more).")
        var concurrency = 2
        @Option(help: ArgumentHelp("Prompt templates folder (default: $CURATOR_PROMPTS, else the package's prompts/).", valueName: "dir"))
        var prompts: String?

        func validate() throws {
            guard llm != .none else { throw ValidationError("--llm none: describing items needs an LLM (local or a server URL)") }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
            if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        }

        func run() async throws {
            let dataset = try data.load(enhanced: false)
            let store = EnhancedItemStore(datasetFolder: try data.writableStateFolder())
            let library = try PromptLibrary.located(explicit: prompts, environment: ProcessEnvironment.variables)
            let (client, server) = try await LLMConnection.connect(endpoint: llm.endpoint)
            let enhancer = Enhancer(
                client: client, prompts: library,
                cache: try ResponseCache(path: data.stateDirectory.root + "/prompt-lab-cache.sqlite"),
                modelName: CalibrationKey(configuration: client.configuration).description)
            let summary: ItemEnhancement.Summary
            do {
                summary = try await ItemEnhancement(enhancer: enhancer, store: store, concurrency: concurrency)
                    .run(catalog: dataset.catalog, limit: limit, redo: redo, progress: TerminalProgress())
            } catch {
                await server?.stop()
                throw error
            }
            await server?.stop()
            Terminal.out("described \(summary.written) of \(summary.considered) items without text"
                + " (\(summary.fromCache) from the cache; \(summary.alreadyDone) already described by \(enhancer.modelName))")
            if summary.refused + summary.failed > 0 {
                let reasons = summary.refusals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }
                Terminal.err("\(summary.refused) answers refused" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))")
                    + ", \(summary.failed) requests failed" + (summary.examples.isEmpty ? "" : ", e.g.:"))
                for example in summary.examples { Terminal.err("  \(example)") }
            }
            Terminal.err(Terminal.dim("stored in \(store.path)"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the onboarded items of a dataset, and the items an LLM described.")
        @OptionGroup var data: DataOptions

        func run() throws {
            let folder = data.stateFolder
            let records = try OnboardedItemStore(datasetFolder: folder).load()
            for record in records {
                Terminal.out("\(record.item.id)  \(record.item.spokenDisplayTitle)" + Terminal.dim("  [\(record.embedder)]"))
            }
            if records.isEmpty { Terminal.err("no onboarded items (add some with curator items add)") }
            let enhanced = try EnhancedItemStore(datasetFolder: folder).load()
            guard !enhanced.isEmpty else {
                Terminal.err("no LLM-written descriptions (curator items enhance writes them for items without text)")
                return
            }
            let catalog = try data.load(enhanced: false).catalog
            Terminal.out("")
            Terminal.out("LLM-written descriptions (\(enhanced.count) items; curator items enhance):")
            for item in catalog {
                guard let entry = enhanced[item.id] else { continue }
                let themes = entry.themes.isEmpty ? "" : Terminal.dim("  [\(entry.themes.joined(separator: ", "))]")
                Terminal.out("\(item.id)  \(item.spokenDisplayTitle): \(entry.description)" + themes)
            }
        }
    }
}
