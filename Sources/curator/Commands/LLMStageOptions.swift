import ArgumentParser
import CuratorLLM
import CuratorPipeline
import Foundation

/// Options of the LLM stage, shared by `recommend --llm` and `bench rerank`.
struct LLMStageOptions: ParsableArguments {
    @Option(help: "Rerank strategy: verbalizer (one pass, letter log-probs), listwise (JSON order), bootstrap (shuffled rounds).")
    var strategy: RerankStrategy = .verbalizer

    @Option(name: .customLong("bootstrap-base"), help: "The strategy each bootstrap round runs (verbalizer or listwise).")
    var bootstrapBase: RerankStrategy = .verbalizer

    @Option(help: "Bootstrap rounds (shuffled candidate orders).")
    var rounds = 3

    @Option(help: "Recall candidates the LLM reranks (at most 26).")
    var candidates = 20

    @Option(name: .customLong("llm-weight"), help: "1: LLM order only; 0: recall order only; between: a blend of normalised scores.")
    var llmWeight = 1.0

    @Option(help: ArgumentHelp("Prompt templates folder (default: $CURATOR_PROMPTS, else the package's prompts/).", valueName: "dir"))
    var prompts: String?

    @Option(name: .customLong("llm-endpoint"), help: "The LLM server (default: the configured one, else the local server, started when none runs).")
    var endpoint: String?

    func validate() throws {
        guard (1...26).contains(candidates) else { throw ValidationError("--candidates must be between 1 and 26") }
        guard (0...1).contains(llmWeight) else { throw ValidationError("--llm-weight must be between 0 and 1") }
        guard (1...BootstrapReranker.maxRounds).contains(rounds) else { throw ValidationError("--rounds must be between 1 and \(BootstrapReranker.maxRounds)") }
        if let endpoint, URL(string: endpoint)?.host == nil { throw ValidationError("--llm-endpoint: not a URL: \(endpoint)") }
    }

    var stageConfiguration: LLMStageConfiguration {
        var configuration = LLMStageConfiguration()
        configuration.strategy = strategy
        configuration.bootstrapBase = bootstrapBase
        configuration.bootstrapRounds = rounds
        configuration.candidateCount = candidates
        configuration.llmWeight = llmWeight
        return configuration
    }

    /// A client for the configured server, or a local one started for this run.
    func connect() async throws -> (client: LLMClient, server: LlamaServerProcess?) {
        try await LLMConnection.connect(endpoint: endpoint)
    }

    func library() throws -> PromptLibrary { try PromptLibrary.located(explicit: prompts) }
}

extension RerankStrategy: ExpressibleByArgument {}

/// Finds the LLM a command talks to: the named endpoint; else the configured one (or the
/// server `curator llm start` left running); else, when none answers, a local server started
/// for this run and ended with the process.
enum LLMConnection {
    static func connect(endpoint: String?) async throws -> (client: LLMClient, server: LlamaServerProcess?) {
        var configuration = LocalServerRegistry().resolve(try LLMConfiguration.load())
        if let endpoint, let url = URL(string: endpoint) { configuration = aimed(configuration, at: url) }
        let health = await LLMClient(configuration: configuration).health()
        if case .rejectedKey(let status, let message) = health {
            throw UserError("the LLM server at \(configuration.endpoint.absoluteString) rejected the key (HTTP \(status)\(message.isEmpty ? "" : ": " + message)); check \(configuration.apiKeyVariable)")
        }
        if case .unreachable = health, endpoint == nil {
            Terminal.err(Terminal.dim("no LLM server answers at \(configuration.endpoint.absoluteString): starting the local one for this run"))
            let options = try LlamaServerOptions(configuration: configuration)
            let server = try await LlamaServerProcess.launch(options, tiedToCaller: true, readyTimeout: .seconds(180))
            configuration.endpoint = server.endpoint
            return (LLMClient(configuration: configuration), server)
        }
        return (LLMClient(configuration: configuration), nil)
    }

    /// `configuration` aimed at `url`, saying so when the configured key stays behind.
    static func aimed(_ configuration: LLMConfiguration, at url: URL) -> LLMConfiguration {
        let (aimed, withheld) = configuration.pointed(at: url)
        if withheld {
            Terminal.err("warning: the API key configured for \(configuration.endpoint.absoluteString) is not sent to \(url.absoluteString); "
                + "to use it there, set CURATOR_LLM_ENDPOINT (or endpoint in llm.json) to that URL")
        }
        return aimed
    }
}
