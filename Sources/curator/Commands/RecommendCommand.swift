import ArgumentParser
import CuratorColdStart
import CuratorCore
import CuratorLLMStage
import CuratorRecall
import Foundation

struct RecommendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend items for a known user or for any history of items.",
        discussion: """
        Uses the model saved by `curator train`, or fits it first (and saves it) when there is \
        none. Items the user already has are never recommended.

        Examples:
          curator recommend --data examples/movies --user u000001
          curator recommend --data examples/movies --history heat-1995,se7en-1995 -k 5 --json
          curator recommend --data examples/movies --text "slow-burn sci-fi with a twist"
          curator recommend --data examples/movies --text "slow-burn sci-fi" --history arrival-2016
          curator recommend --data ../shared/data/ml-100k --user 1 --llm local --strategy listwise

        With --llm (local, or an OpenAI-compatible server's URL), the top recall candidates are reranked by the language model and each shown \
        item is explained through an item of the user's own history (streamed on a terminal).

        --text serves a new user: items close to the text, mixed with popularity, handing over \
        to the model as --history grows. Items added with `curator items add` are recommended \
        along with the trained ones.
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var embedding: EmbeddingOptions

    @Option(help: "A user id of the dataset.")
    var user: String?

    @Option(help: ArgumentHelp("Item ids (or titles that name one item each), oldest first, separated by commas.", valueName: "id,id,..."))
    var history: String?

    @Option(help: ArgumentHelp("What a new user wants, in words (may be combined with --history).", valueName: "text"))
    var text: String?

    @Option(name: .short, parsing: .unconditional, help: "How many items.")
    var k = 10

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model = "itemknn"

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: LLMChoice.help("With an LLM, the recall candidates are reranked and each item explained (the LLM stage)."))
    var llm: LLMChoice = .none

    @OptionGroup(title: "LLM stage (with --llm local or a URL)") var stage: LLMStageOptions

    func validate() throws {
        if text != nil {
            guard user == nil else { throw ValidationError("--text is for new users: give it without --user") }
        } else {
            guard (user == nil) != (history == nil) else { throw ValidationError("give either --user or --history (or --text)") }
        }
        guard k > 0 else { throw ValidationError("-k must be at least 1") }
        if let text, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--text is empty: say what you would like to watch") }
        _ = try RecallModelRegistry.modelType(named: model)
        if llm != .none && text != nil { throw ValidationError("--llm \(llm) works with --user or --history, not with --text yet") }
    }

    func run() async throws {
        let dataset = try data.load()
        let onboarded = try OnboardedItemStore(datasetFolder: data.stateFolder).load()
        if text != nil || !onboarded.isEmpty {
            return try await runWithColdStart(dataset)
        }
        let context = try makeContext(dataset)
        let recommender = try loadOrFit(dataset)
        if llm != .none {
            let recall = recommender.recommend(context, count: max(k, stage.candidates), excluding: Set(context.history))
            return try await runLLMStage(recall: recall, context: context, dataset: dataset, recommender: recommender)
        }
        var items = recommender.recommend(context, count: k, excluding: Set(context.history))
        let history = Set(context.history)
        var note: String?
        if !context.history.isEmpty, let (filled, scored, _) = Self.padded(
            items, k: k, counts: dataset.itemInteractionCounts(), itemCount: dataset.itemCount,
            barred: { history.contains($0) || dataset.catalog[Int($0)].isPlaceholder }) {
            items = filled
            note = "Only \(scored) item\(scored == 1 ? " is" : "s are") near this history; the rest are the most watched."
        }
        if json {
            try Terminal.json(encoding: report(items, dataset: dataset))
        } else {
            Terminal.out(table(items, dataset: dataset, context: context))
            if let note { Terminal.out(Terminal.dim(note)) }
        }
    }

    /// The saved model, or a new one fitted and saved when there is none for this data.
    func loadOrFit(_ dataset: Dataset) throws -> any RecallModel {
        try ModelStore(state: data.stateDirectory, datasetPath: data.data, filter: data.filter, dataset: dataset)
            .loadOrFit(model, dataset: dataset, progress: TerminalProgress()) {
                Terminal.err(Terminal.dim("no up-to-date \(model) model for this dataset: fitting one now"))
            }
    }

    func makeContext(_ dataset: Dataset) throws -> UserContext {
        if let user {
            guard let index = dataset.users.index(of: user) else {
                if let removed = dataset.removedByFilter(user: user) { throw UserError(removed) }
                let examples = dataset.users.externalIDs.prefix(3).joined(separator: ", ")
                throw UserError("unknown user '\(user)' in \(dataset.name) (ids look like: \(examples))")
            }
            let sequences = UserSequences(dataset.interactions.filter { dataset.interactions.users[$0] == index }, userCount: dataset.userCount)
            return UserContext(user: index, history: Array(sequences.sequence(of: Int(index))))
        }
        return UserContext(history: try dataset.requireItems(history!))
    }

    func table(_ items: [ScoredItem], dataset: Dataset, context: UserContext) -> String {
        var lines: [String] = []
        let recent = context.history.suffix(5).map { dataset.catalog[Int($0)].listedTitle }
        let who = user.map { "user \($0)" } ?? "this history"
        lines.append(Terminal.bold("Because \(who) has \(context.history.count) item\(context.history.count == 1 ? "" : "s")") + Terminal.dim(" (latest: \(recent.joined(separator: ", ")))"))
        for (rank, scored) in items.enumerated() {
            let item = dataset.catalog[Int(scored.item)]
            let genres = item.genres.isEmpty ? "" : Terminal.dim("  " + item.genres.joined(separator: ", "))
            lines.append(String(format: "%3d. ", rank + 1) + item.listedTitle + genres + Terminal.dim(String(format: "  [%@, %.3f]", item.id, scored.score)))
        }
        if items.isEmpty { lines.append("(nothing to recommend: the model has no scores for this history)") }
        return lines.joined(separator: "\n")
    }

    /// `--json` of `items`, best first.
    func report(_ items: [ScoredItem], dataset: Dataset) -> Report {
        Report(model: model, dataset: dataset.name, user: user, items: items.enumerated().map { rank, scored in
            Report.Entry(rank: rank + 1, item: dataset.catalog[Int(scored.item)], score: scored.score)
        })
    }

    /// `--json`: the model, the dataset, the user (when given) and the items best first; for
    /// `--text`, how the words were read and what of them could not be acted on.
    struct Report: Encodable {
        var model: String
        var dataset: String
        var user: String?
        var items: [Entry]
        /// How the words were read: the films they name and the filters they set ("liked Heat
        /// (1995); no Horror; up to 1979"), "none" when nothing.
        var understood: String?
        var notes: [String]?

        struct Entry: Encodable {
            var rank: Int
            var id: String
            var title: String
            var year: Int?
            var genres: [String]
            var score: Double

            init(rank: Int, item: Item, score: Float) {
                self.rank = rank
                id = item.id
                title = item.title
                year = item.year
                genres = item.genres
                self.score = Double(score)
            }
        }
    }
}
