import ArgumentParser
import CuratorCore
import CuratorEval
import CuratorLLMStage
import CuratorRecall
import Foundation

/// `curator bench rerank`: the LLM rerank strategies on the loo test split.
struct BenchRerankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerank",
        abstract: "Rerank strategies on loo test users: NDCG@10 against recall, valid output, latency, tokens.",
        discussion: """
        A seeded sample of users (default 30: the issue's 200 take about an hour per strategy \
        on one shared core with Gemma 3 270M); recall candidates from --model trained on \
        training + validation; prompt caching off so every pass is a full prompt pass.
        Example:
          curator bench rerank --data ../shared/data/ml-100k --users 200 --json
        """)

    @OptionGroup var data: DataOptions
    @Option(help: LLMChoice.help("The strategies are measured against it.", allowsNone: false))
    var llm: LLMChoice = .local
    @OptionGroup(title: "LLM stage") var stage: LLMStageOptions

    @Option(help: "Users sampled (seeded).")
    var users = 30
    @Option(help: "Seed of the user sample.")
    var seed: UInt64 = 42
    @Option(help: "The recall model.")
    var model = "itemknn"
    @Option(parsing: .upToNextOption, help: "Strategies to measure.")
    var strategies: [RerankStrategy] = RerankStrategy.allCases
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard users > 0 else { throw ValidationError("--users must be positive") }
        guard llm != .none else { throw ValidationError("--llm none leaves no rerank to measure: give local or a server's URL") }
        _ = try RecallModelRegistry.modelType(named: model)
    }

    func run() async throws {
        let dataset = try data.load()
        let protocolRun = LeaveLastOutProtocol(dataset: dataset)
        let training = protocolRun.trainingData(for: .test)
        let recommender = try RecallModelRegistry.fit(kind: model, parameters: ModelParameters(), data: training, progress: TerminalProgress())
        var generator = SeededGenerator(seed: seed)
        let sample = protocolRun.split.evaluatedUsers.shuffled(using: &generator).prefix(users)
        let cases = sample.compactMap { user -> RerankBenchmark.UserCase? in
            let history = Array(training.sequences.sequence(of: user))
            guard !history.isEmpty else { return nil }
            let recall = recommender.recommend(UserContext(user: Int32(user), history: history), count: stage.candidates, excluding: Set(history))
            return RerankBenchmark.UserCase(history: history, recall: recall, target: protocolRun.split.test[user])
        }
        let (client, server) = try await LLMConnection.connect(endpoint: llm.endpoint)
        var configuration = stage.stageConfiguration
        configuration.cachePrompt = false
        configuration.explain = false
        let bench = RerankBenchmark(stage: LLMStage(client: client, prompts: try stage.library(), configuration: configuration), catalog: dataset.catalog)
        var results: [RerankBenchmark.StrategyResult] = []
        for strategy in strategies {
            let progress = TerminalProgress()
            results.append(await bench.measure(strategy, cases: cases) { done, total in
                progress.report(ProgressEvent(task: strategy.rawValue, completed: done, total: total, isFinished: done == total))
            })
        }
        // The strategies' figures are worth printing even when this last measurement fails.
        var cost: RerankBenchmark.PassCost?
        do {
            cost = try await bench.passCost(cases: Array(cases.prefix(10)))
        } catch {
            Terminal.err("warning: verbalizer pass-cost measurement failed: \(error)")
        }
        if let server { await server.stop() }
        let hits = cases.filter { user in user.recall.contains { $0.item == user.target } }.count
        report(results, cost: cost, cases: cases.count, hits: hits, dataset: dataset.name)
    }

    func report(_ results: [RerankBenchmark.StrategyResult], cost: RerankBenchmark.PassCost?, cases: Int, hits: Int, dataset: String) {
        if json {
            struct Report: Encodable {
                var dataset: String, model: String, users: Int, seed: UInt64, candidates: Int, targetInCandidates: Int
                var strategies: [RerankBenchmark.StrategyResult], verbalizerPassCost: RerankBenchmark.PassCost?
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let report = Report(dataset: dataset, model: model, users: cases, seed: seed, candidates: stage.candidates,
                                targetInCandidates: hits, strategies: results, verbalizerPassCost: cost)
            Terminal.json((try? encoder.encode(report)) ?? Data())
            return
        }
        Terminal.out("\(dataset) loo test, \(cases) users (seed \(seed)), \(stage.candidates) \(model) candidates; held-out item among them for \(hits)")
        var table = TextTable("strategy", "NDCG@10", "recall NDCG@10", "valid", "fell back", "p50 s", "p95 s", "prompt tok/user", "gen tok/user", "req/user")
        for r in results {
            table.add([r.strategy, String(format: "%.4f", r.ndcg10), String(format: "%.4f", r.recallNDCG10),
                       String(format: "%.0f%%", r.validOutputRate * 100), String(format: "%.0f%%", r.fallBackRate * 100),
                       String(format: "%.2f", r.latencyP50Seconds), String(format: "%.2f", r.latencyP95Seconds),
                       String(format: "%.0f", r.promptTokensPerUser), String(format: "%.1f", r.completionTokensPerUser),
                       String(format: "%.1f", r.requestsPerUser)])
        }
        Terminal.out(table.render())
        guard let cost else { return }
        Terminal.out(String(format: "verbalizer pass vs prompt-only request (%d pairs, back to back): p50 %.2f s vs %.2f s, median ratio %.2f×",
                            cost.pairs, cost.verbalizerP50Seconds, cost.promptOnlyP50Seconds, cost.medianRatio))
    }
}
