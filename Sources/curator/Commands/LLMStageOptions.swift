import ArgumentParser
import CuratorLLM
import CuratorLLMStage
import Foundation

/// Options of the LLM stage, shared by `recommend --llm` and `bench rerank` (each takes the
/// LLM itself as `--llm`, an `LLMChoice`, like every other command).
struct LLMStageOptions: ParsableArguments {
    @Option(help: "Rerank strategy: verbalizer (one pass, letter log-probs), listwise (JSON order), bootstrap (shuffled rounds).")
    var strategy: RerankStrategy?

    @Option(name: .customLong("bootstrap-base"), help: "The strategy each bootstrap round runs (verbalizer or listwise).")
    var bootstrapBase: RerankStrategy = .verbalizer

    @Option(help: "Bootstrap rounds (shuffled candidate orders).")
    var rounds = 3

    @Option(help: "Recall candidates the LLM reranks (at most 26).")
    var candidates = 20

    @Option(name: .customLong("llm-weight"), help: "1: LLM order only; 0: recall order only (the LLM is not asked); between: a blend of normalised scores (default: the calibration record of this endpoint and model, else 0).")
    var llmWeight: Double?

    @Option(help: ArgumentHelp("Who writes explanations: llm (each checked for faithfulness, a failing one replaced by a grounded one) or grounded (composed from catalog facts) (default: the calibration record, else grounded).", valueName: "llm|grounded"))
    var explanations: ExplanationSource?

    @Option(help: ArgumentHelp("One deadline in seconds for all the LLM work of the request (rerank and explanations); what is left when it passes falls back.", valueName: "seconds"))
    var deadline = 30.0

    @Option(help: ArgumentHelp("Prompt templates folder (default: $CURATOR_PROMPTS, else the package's prompts/).", valueName: "dir"))
    var prompts: String?

    func validate() throws {
        guard (1...26).contains(candidates) else { throw ValidationError("--candidates must be between 1 and 26") }
        if let llmWeight, !(0...1).contains(llmWeight) { throw ValidationError("--llm-weight must be between 0 and 1") }
        guard deadline > 0 else { throw ValidationError("--deadline must be positive") }
        guard (1...BootstrapReranker.maxRounds).contains(rounds) else { throw ValidationError("--rounds must be between 1 and \(BootstrapReranker.maxRounds)") }
    }

    /// The stage's settings as the flags give them (weight 1 and LLM explanations unless set:
    /// what a benchmark of the LLM measures).
    var stageConfiguration: LLMStageConfiguration {
        var configuration = LLMStageConfiguration()
        configuration.strategy = strategy ?? .verbalizer
        configuration.bootstrapBase = bootstrapBase
        configuration.bootstrapRounds = rounds
        configuration.candidateCount = candidates
        configuration.llmWeight = llmWeight ?? 1
        configuration.explanations = explanations ?? .llm
        configuration.deadline = .milliseconds(Int(deadline * 1000))
        return configuration
    }

    /// The stage's settings for the LLM `llm` reaches: its calibration record (in the state
    /// folder `stateRoot`) decides the weight, strategy and explanations; flags given override it.
    func calibratedConfiguration(for llm: LLMConfiguration, stateRoot: String) throws -> LLMStageConfiguration {
        var configuration = stageConfiguration
        let key = CalibrationKey(configuration: llm)
        configuration.apply(try CalibrationStore(stateRoot: stateRoot).record(for: key), key: key)
        if let strategy { configuration.strategy = strategy }
        if let llmWeight { configuration.llmWeight = llmWeight }
        if let explanations { configuration.explanations = explanations }
        return configuration
    }

    func library() throws -> PromptLibrary { try PromptLibrary.located(explicit: prompts, environment: ProcessEnvironment.variables) }
}

extension RerankStrategy: ExpressibleByArgument {}
extension ExplanationSource: ExpressibleByArgument {}

/// Finds the LLM a command talks to: the named endpoint; else the configured one (or the
/// server `curator llm start` left running); else, when none answers, a local server started
/// for this run and ended with the process.
enum LLMConnection {
    /// The configuration a command with `--llm endpoint` talks to (nil: `--llm local`), before connecting.
    static func configuration(endpoint: String?) throws -> LLMConfiguration {
        var configuration = LocalServerRegistry(environment: ProcessEnvironment.variables).resolve(try LLMConfiguration.load(environment: ProcessEnvironment.variables))
        if let endpoint, let url = URL(string: endpoint) { configuration = aimed(configuration, at: url) }
        return configuration
    }

    static func connect(endpoint: String?) async throws -> (client: LLMClient, server: LlamaServerProcess?) {
        var configuration = try configuration(endpoint: endpoint)
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
