import ArgumentParser

@main
struct Curator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curator",
        abstract: "An LLM-augmented conversational recommender.",
        subcommands: [LLMCommand.self])
}
