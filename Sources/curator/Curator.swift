import ArgumentParser
import CuratorRecall

@main
struct Curator: AsyncParsableCommand {
    /// The default entry point, after `BLASCore` has named OpenBLAS's kernels where needed.
    static func main() async {
        BLASCore.runAgainIfMisdetected()
        ProcessEnvironment.configureLibraries()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand { try await asynchronous.run() } else { try command.run() }
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "curator",
        abstract: "An LLM-augmented conversational recommender.",
        discussion: """
        Recall models (\(RecallModelRegistry.kinds.joined(separator: ", "))) find candidates in \
        interaction data; an LLM stage reranks and explains them; the chat holds a conversation \
        over them. Start with:
          curator chat --data examples/movies
          curator data info --data examples/movies
          curator recommend --data examples/movies --user u000001
          curator eval --data ../shared/data/ml-100k --protocol loo --model itemknn
          curator llm start
        """,
        subcommands: [
            DataCommand.self, TrainCommand.self, RecommendCommand.self, EvalCommand.self, SimilarCommand.self,
            TuneCommand.self, BenchCommand.self, LLMCommand.self, ChatCommand.self, ItemsCommand.self, EmbedCommand.self,
            PromptsCommand.self, ImportCommand.self, ServeCommand.self,
        ])
}
