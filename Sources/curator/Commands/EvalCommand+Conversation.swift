import ArgumentParser
import CuratorChat
import CuratorConversationEval
import CuratorCore
import CuratorEval
import CuratorLLMStage
import CuratorRecall
import Foundation

/// The options of `eval --protocol conversation`.
struct ConversationEvalOptions: ParsableArguments {
    @Option(help: "conversation: simulated users, sampled with --seed from the loo users.")
    var users = 500

    @Option(help: "conversation: turns before a conversation counts as failed.")
    var turns = 5

    @Option(name: .short, help: "conversation: items shown per turn (a hit is the target among them).")
    var k = 5

    @Option(help: "conversation: validation (history = training, target = the validation item; to tune) or test (to report).")
    var phase: LeaveLastOutProtocol.Phase = .test

    @Option(help: LLMChoice.help("conversation: it reads turns and reranks as its calibration record allows; with an LLM, the same users also talk to the chat with the LLM reading but no rerank, in the same run."))
    var llm: LLMChoice = .none

    @Option(help: "conversation, with --llm: how the LLM reranks (verbalizer, listwise, bootstrap; default: the calibration record's, else verbalizer).")
    var strategy: RerankStrategy?

    @Option(name: .customLong("llm-weight"), help: "conversation, with --llm: the rerank arm's blend weight (default: the calibration record of this endpoint and model, else 0).")
    var llmWeight: Double?

    @Option(help: "conversation, with --llm: candidates the LLM reranks each turn (at most 26).")
    var candidates = 5

    @Option(help: "conversation, with --llm: auto (the LLM reads turns the rules understood nothing of), llm (every turn), rules (never).")
    var understanding: Conversation.Reading = .auto

    @Option(help: ArgumentHelp("conversation, with --llm: prompt templates folder (default: $CURATOR_PROMPTS, else the package's prompts/).", valueName: "dir"))
    var prompts: String?

    @Option(help: "conversation: dialogues (and up to 40 misread mentions) kept in --json.")
    var examples = 5

    /// The conversation options set to other than their defaults: another protocol refuses
    /// them (`eval --protocol loo -k 20` had reported @10 without a word).
    var changed: [String] {
        [users != 500 ? "--users" : nil, turns != 5 ? "--turns" : nil, k != 5 ? "-k" : nil, phase != .test ? "--phase" : nil,
         llm != .none ? "--llm" : nil, strategy != nil ? "--strategy" : nil, llmWeight != nil ? "--llm-weight" : nil,
         candidates != 5 ? "--candidates" : nil, understanding != .auto ? "--understanding" : nil, prompts != nil ? "--prompts" : nil,
         examples != 5 ? "--examples" : nil].compactMap { $0 }
    }

    func validate() throws {
        guard users >= 1 else { throw ValidationError("--users must be at least 1") }
        guard (1...20).contains(turns) else { throw ValidationError("--turns must be between 1 and 20") }
        guard (1...50).contains(k) else { throw ValidationError("-k must be between 1 and 50") }
        guard (k...26).contains(candidates) || llm == .none else { throw ValidationError("--candidates must be between -k (\(k)) and 26") }
        if let llmWeight, !(0...1).contains(llmWeight) { throw ValidationError("--llm-weight must be between 0 and 1") }
    }
}

extension LeaveLastOutProtocol.Phase: ExpressibleByArgument {}

extension EvalCommand {
    /// Fits the recall model on the phase's training data (the target never among it), runs the
    /// simulated users against the chat (and, with an LLM, against the chat without its
    /// rerank), and prints the report.
    func runConversation(_ dataset: Dataset, model kind: String, parameters: ModelParameters) async throws {
        var configuration = ConversationBenchmark.Configuration()
        configuration.users = conversation.users
        configuration.turns = conversation.turns
        configuration.listSize = conversation.k
        configuration.seed = seed
        configuration.phase = conversation.phase
        configuration.examples = conversation.examples
        let benchmark = ConversationBenchmark(dataset: dataset, configuration: configuration)
        let data = benchmark.trainingData()
        let progress = TerminalProgress()
        let recall = try RecallModelRegistry.fit(kind: kind, parameters: parameters, data: data, progress: progress)
        let popularity = try PopularityModel.fit(data, parameters: ModelParameters())
        var engine = ConversationEngine(recommender: SessionRecommender(
            catalog: dataset.catalog, items: dataset.items, model: recall, popularity: popularity))
        engine.listSize = conversation.k
        engine.candidatePool = max(50, conversation.k)
        var systems = [ChatConversation(name: "chat, \(kind) recall", conversation: Conversation(engine: engine))]
        if conversation.llm != .none {
            // The rerank arm is the product's: the calibration record of this LLM decides its
            // weight and strategy (flags override), as in `chat` and `recommend --llm`.
            var stageConfiguration = LLMStageConfiguration()
            let key = CalibrationKey(configuration: try LLMConnection.configuration(endpoint: conversation.llm.endpoint))
            stageConfiguration.apply(try CalibrationStore(stateRoot: self.data.stateDirectory.root).record(for: key), key: key)
            if let strategy = conversation.strategy { stageConfiguration.strategy = strategy }
            if let weight = conversation.llmWeight { stageConfiguration.llmWeight = weight }
            if let notice = stageConfiguration.deciderNotice { Terminal.err(Terminal.dim(notice)) }
            let (client, _) = try await LLMConnection.connect(endpoint: conversation.llm.endpoint)
            stageConfiguration.candidateCount = conversation.candidates
            stageConfiguration.explain = false
            let prompts = try PromptLibrary.located(explicit: conversation.prompts, environment: ProcessEnvironment.variables)
            func assistant(weight: Double) -> LLMAssistant {
                var configuration = stageConfiguration
                configuration.llmWeight = weight
                let stage = LLMStage(client: client, prompts: prompts, configuration: configuration)
                return LLMAssistant(stage: stage, catalog: dataset.catalog, items: dataset.items, anchorModel: recall)
            }
            let reading = conversation.understanding
            let source: String
            if conversation.llmWeight != nil { source = "set by flag" }
            else if case .record? = stageConfiguration.decider { source = "calibrated" }
            else { source = "no calibration record" }
            systems = [
                ChatConversation(name: "chat, \(kind) + LLM reading + \(stageConfiguration.strategy.rawValue) rerank (weight \(stageConfiguration.llmWeight), \(source))",
                                 conversation: Conversation(engine: engine, assistant: assistant(weight: stageConfiguration.llmWeight), reading: reading)),
                ChatConversation(name: "chat, \(kind) + LLM reading, rerank weight 0 (recall order)",
                                 conversation: Conversation(engine: engine, assistant: assistant(weight: 0), reading: reading)),
            ]
        }
        let report = await benchmark.run(systems, recall: recall, modelName: kind, progress: progress)
        json ? Terminal.json(report.jsonString()) : Terminal.out(Self.render(report))
    }

    /// The report as tables: success per arm, then understanding per chat.
    static func render(_ report: ConversationReport) -> String {
        func figure(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
        var arms = TextTable(["arm"] + report.budgets.map { "success@\($0)" } + ["avg turns", "R@10", "R@50"])
        for arm in report.arms {
            arms.add([arm.name] + report.budgets.map { figure(arm.successWithin[String($0)]) }
                     + [String(format: "%.2f", arm.averageTurns), figure(arm.recallAt10), figure(arm.recallAt50)])
        }
        var understanding = TextTable("chat", "link P", "link R", "feeling", "constraints", "asked back", "p50 ms", "p95 ms")
        for u in report.understanding {
            understanding.add([
                u.system, figure(u.linkingPrecision), figure(u.linkingRecall), figure(u.feelingAccuracy), figure(u.constraintAccuracy),
                String(u.ambiguous), String(format: "%.1f", u.latencyP50Milliseconds), String(format: "%.1f", u.latencyP95Milliseconds),
            ])
        }
        let counts = report.understanding.first.map {
            "\($0.mentions) films named, \($0.linked) linked, \($0.correct) right; \($0.constraintsRevealed) genres/decades/tags revealed; \($0.turns) turns; leak guard turned down \($0.leakGuardRejections) drafts"
        } ?? ""
        return """
            \(report.dataset), protocol conversation (\(report.phase) users): \(report.users) simulated users, up to \(report.turns) turns, \(report.listSize) shown per turn, seed \(report.seed), recall \(report.model)
            \(arms.render())

            \(understanding.render())
            \(counts)
            """
    }
}
