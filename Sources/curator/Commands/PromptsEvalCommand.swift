import ArgumentParser
import CuratorCore
import CuratorEval
import CuratorLLM
import CuratorLab
import CuratorLLMStage
import CuratorRecall
import Foundation

/// `curator prompts eval`: a grid of template variant × endpoint × strategy × candidates.
struct PromptsEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate prompt variants, endpoints, strategies and candidate counts on a seeded user sample.",
        discussion: """
        Per cell: NDCG@10, HR@10 and MRR of the final list; the NDCG@10 uplift over recall-only \
        with a paired bootstrap interval; valid-output rate; position bias (first-shown picked \
        first, in recall order and shuffled; NDCG@10 when shuffled); tokens; latency p50/p95; cost.
        Writes report.json, report.csv and uplift.svg to --out, and journals every finished \
        (cell, user) in --out/journal.jsonl: run the same command again to resume (a finished \
        grid reports again without starting a server). Every LLM answer is cached (endpoint, \
        model, template hash, prompt, parameters) in --cache, so a new --out is answered from the cache.
        Without --endpoint the configured server is used, else the local one is started.
        Examples:
          curator prompts eval --data ../shared/data/ml-100k --users 20 --variants default terse \\
            --strategies verbalizer listwise bootstrap --endpoint local=http://127.0.0.1:8080
          curator prompts eval --data ../shared/data/ml-100k --protocol cold-items --candidates 10
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var folder: PromptsFolderOption
    @Option(help: "Users sampled from the protocol (seeded).") var users = 20
    @Option(help: "Seed of the sample, the shuffles and the bootstrap intervals.") var seed: UInt64 = 42
    @Option(help: ArgumentHelp(
        "The protocol the users come from: loo (the next item a user had; candidates from a recall model) or cold-items (items held out of training; candidates are held-out items ranked from text and genres).",
        valueName: "loo|cold-items"))
    var `protocol`: EvaluationProtocol = .loo

    /// The protocol as the lab names it.
    var protocolName: String { self.protocol.name }
    @Option(help: ArgumentHelp(
        "What gives the candidates: a recall model under loo (default itemknn); \(ColdItemBaselines.all.map(\.name).joined(separator: ", ")) under cold-items (default user-genres).",
        valueName: "model"))
    var model: String?
    @Option(parsing: .upToNextOption, help: "Template variants: default (rerank-<kind>) or X (rerank-<kind>-X).")
    var variants: [String] = ["default", "terse"]
    @Option(parsing: .upToNextOption, help: "Rerank strategies.") var strategies: [RerankStrategy] = RerankStrategy.allCases
    @Option(parsing: .upToNextOption, help: "Candidate counts (2–26).") var candidates: [Int] = [20]
    @Option(name: .customLong("endpoint"), help: ArgumentHelp("name=URL or name=URL#model; repeat for several (default: the local server).", valueName: "spec"))
    var endpoints: [String] = []
    @Option(help: "Bootstrap-strategy rounds.") var rounds = 3
    @Option(help: "Evaluations running at once.") var concurrency = 1
    @Option(name: .customLong("price-prompt"), help: "Price per million prompt tokens.") var pricePrompt = 0.0
    @Option(name: .customLong("price-completion"), help: "Price per million completion tokens.") var priceCompletion = 0.0
    @Option(help: ArgumentHelp("Output folder: journal, reports, chart (default: lab/<dataset>-<protocol>-seed<seed>).", valueName: "dir"))
    var out: String?
    @Option(help: ArgumentHelp("The response cache (default: <state>/prompt-lab-cache.sqlite).", valueName: "file"))
    var cache: String?
    @Option(name: .customLong("explain-users"), help: "Users whose first item of each cell is explained by the LLM and checked for faithfulness (0: none).")
    var explainUsers = 50
    @Option(parsing: .upToNextOption, help: "Blend weights swept from the same LLM answers (0 is recall alone).")
    var weights: [Double] = [0, 0.25, 0.5, 0.75, 1]
    @Flag(name: .customLong("no-calibration"), help: "Do not write the calibration record (loo only) to the state folder.")
    var noCalibration = false
    @Flag(name: .customLong("no-position-bias"), help: "Skip the shuffled second pass (halves the requests).") var noPositionBias = false
    @Flag(name: .customLong("prompt-cache"), help: "Let llama.cpp reuse cached prompt prefixes (latencies then depend on order).") var promptCache = false
    @Flag(help: "Print the JSON report instead of a table.") var json = false

    /// The candidate source: `--model`, else the protocol's default.
    var candidateSource: String { model ?? (self.protocol == .coldItems ? "user-genres" : "itemknn") }

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard (1...BootstrapReranker.maxRounds).contains(rounds) else { throw ValidationError("--rounds must be between 1 and \(BootstrapReranker.maxRounds)") }
        guard LabCase.protocols.contains(protocolName) else {
            throw ValidationError("prompts eval takes --protocol \(LabCase.protocols.joined(separator: " or ")), not \(protocolName)")
        }
        if self.protocol == .coldItems, !ColdItemBaselines.all.contains(where: { $0.name == candidateSource }) {
            throw ValidationError("under cold-items the candidates come from \(ColdItemBaselines.all.map(\.name).joined(separator: ", ")), not '\(candidateSource)'")
        }
        if self.protocol == .loo, !RecallModelRegistry.kinds.contains(candidateSource) {
            throw ValidationError("unknown recall model '\(candidateSource)' (known: \(RecallModelRegistry.kinds.joined(separator: ", ")))")
        }
        for spec in endpoints { _ = try LabEndpoint.parse(spec) }
        guard explainUsers >= 0 else { throw ValidationError("--explain-users must not be negative") }
        guard !weights.isEmpty, weights.allSatisfy({ (0...1).contains($0) }) else { throw ValidationError("--weights must lie between 0 and 1") }
    }

    func run() async throws {
        let library = try folder.library()
        let dataset = try data.load()
        let (grid, configuration, startsLocalServer) = try await makeGrid(library)
        let outFolder = out ?? "lab/\(dataset.name)-\(protocolName)-seed\(seed)"
        let clock = ContinuousClock()
        let start = clock.now
        let cases = try self.cases(dataset)
        var runner = LabRunner(
            grid: grid, prompts: library, catalog: dataset.catalog, clients: clients(grid, configuration),
            cache: try ResponseCache(path: cache ?? data.stateDirectory.promptLabCache),
            journal: try ResultJournal(path: outFolder + "/journal.jsonl"), concurrency: concurrency)
        // The local server starts only when the journal leaves work to do: a finished grid
        // reports again in seconds, without loading a model.
        var server: LlamaServerProcess?
        if startsLocalServer, try await runner.pendingEvaluations(cases) > 0 {
            Terminal.err(Terminal.dim("no LLM server answers at \(configuration.endpoint.absoluteString): starting the local one for this run"))
            let launched = try await LlamaServerProcess.launch(
                try LlamaServerOptions(configuration: configuration), tiedToCaller: true, readyTimeout: .seconds(180))
            server = launched
            var local = configuration
            local.endpoint = launched.endpoint
            runner = runner.with(clients: clients(grid, local))
        }
        defer { if let server { Task { await server.stop() } } }
        let progress = TerminalProgress()
        let results = try await runner.run(cases) { p in
            progress.report(ProgressEvent(task: "prompt lab (\(p.resumed) resumed)", completed: p.done, total: p.total, isFinished: p.done == p.total))
        }
        let report = LabReport(dataset: dataset.name, grid: grid, results: results, wallSeconds: (clock.now - start).seconds)
        let written = try report.write(to: outFolder)
        if let server { await server.stop() }
        var records: [CalibrationRecord] = []
        if self.protocol == .loo, !noCalibration {
            let keys = runner.clients.mapValues { CalibrationKey(configuration: $0.configuration) }
            records = LabCalibration.records(report, keys: keys, prompts: library, reportFolder: outFolder)
            let store = CalibrationStore(stateRoot: data.stateDirectory.root)
            for record in records { try store.save(record) }
        }
        if json { Terminal.json(report.json()); return }
        Terminal.out("\(dataset.name) \(protocolName) test, \(cases.count) users (seed \(seed)), \(candidateSource) candidates, wall \(String(format: "%.1f", report.wallSeconds)) s")
        Terminal.out(table(report))
        Terminal.out("")
        Terminal.out(PromptsCalibrationCommand.sweepTable(report))
        for cell in report.cells where !cell.faithfulnessFailures.isEmpty {
            Terminal.out(Terminal.dim("failed explanations of \(cell.cell.label) (\(cell.faithfulnessFailures.count) shown):"))
            for failure in cell.faithfulnessFailures.prefix(3) {
                Terminal.out(Terminal.dim("  user \(failure.user): \(failure.sentence.debugDescription) — \(failure.failures.joined(separator: "; "))"))
            }
        }
        for record in records {
            Terminal.out(record.summary)
            Terminal.out(Terminal.dim("  " + record.reason))
        }
        if !records.isEmpty { Terminal.err(Terminal.dim("calibration written to \(CalibrationStore(stateRoot: data.stateDirectory.root).path)")) }
        Terminal.err(Terminal.dim("wrote \(written.joined(separator: ", "))"))
    }

    /// The sampled users of the protocol, with their candidates.
    func cases(_ dataset: Dataset) throws -> [LabCase] {
        if self.protocol == .coldItems {
            let scorer = ColdItemBaselines.all.first { $0.name == candidateSource }!
            return LabCase.coldItems(dataset: dataset, users: users, seed: seed, scorer: scorer, candidates: candidates.max()!)
        }
        return try LabCase.leaveLastOut(dataset: dataset, users: users, seed: seed, model: candidateSource,
                                        candidates: candidates.max()!, progress: TerminalProgress())
    }

    func table(_ report: LabReport) -> String {
        func p(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
        func d(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "–" }
        let level = Int((report.grid.confidence * 100).rounded())
        var table = TextTable("cell", "NDCG@10", "HR@10", "MRR", "recall NDCG", "uplift [\(level)% CI]", "valid", "1st→1st", "1st→1st shuf",
                              "NDCG shuf", "tok in/out", "p50/p95 s", "cost", "cached")
        for c in report.cells {
            table.add([c.cell.label, d(c.ndcg10), d(c.hitRate10), d(c.mrr), d(c.recallNDCG10),
                       String(format: "%+.4f [%+.4f, %+.4f]", c.uplift.mean, c.uplift.low, c.uplift.high),
                       p(c.validOutputRate), p(c.firstShownPickedFirstRate), p(c.shuffledFirstShownPickedFirstRate), d(c.shuffledNDCG10),
                       String(format: "%.0f/%.1f", c.promptTokensPerUser, c.completionTokensPerUser),
                       String(format: "%.2f/%.2f", c.latencyP50Seconds, c.latencyP95Seconds), String(format: "%.4f", c.cost),
                       "\(c.cachedPasses)/\(c.cachedPasses + c.freshPasses)"])
        }
        return table.render()
    }

    /// The grid of the flags, the base configuration, and whether the local server has to be
    /// started (no `--endpoint` given and nothing answers at the configured one).
    func makeGrid(_ library: PromptLibrary) async throws -> (LabGrid, LLMConfiguration, Bool) {
        let base = LocalServerRegistry(environment: ProcessEnvironment.variables).resolve(try LLMConfiguration.load(environment: ProcessEnvironment.variables))
        var startsLocalServer = false
        var parsed = try endpoints.map { try LabEndpoint.parse($0) }
        if parsed.isEmpty {
            var local = LabEndpoint(name: "local", url: base.endpoint, model: base.model)
            if case .unreachable = await LLMClient(configuration: base).health() {
                // A server of our own gets a new port each run: the journal and cache know it
                // by a stable identity and its model file's name.
                startsLocalServer = true
                local.identity = "local-server"
                local.model = base.model ?? base.modelPath.map { URL(fileURLWithPath: $0).lastPathComponent }
            }
            parsed = [local]
        }
        var grid = LabGrid(endpoints: parsed)
        grid.variants = variants
        grid.strategies = strategies
        grid.candidateCounts = candidates
        grid.users = users
        grid.seed = seed
        grid.protocolName = protocolName
        grid.candidateSource = candidateSource
        grid.bootstrapRounds = rounds
        grid.measurePositionBias = !noPositionBias
        grid.explainedUsers = explainUsers
        grid.weights = weights
        grid.cachePrompt = promptCache
        grid.pricePerMillionPrompt = pricePrompt
        grid.pricePerMillionCompletion = priceCompletion
        try grid.validate(prompts: library)
        return (grid, base, startsLocalServer)
    }

    /// A client per endpoint of the grid, on `base`'s settings.
    func clients(_ grid: LabGrid, _ base: LLMConfiguration) -> [String: LLMClient] {
        var clients: [String: LLMClient] = [:]
        for endpoint in grid.endpoints {
            var configuration = endpoint.identity == "local-server" ? base : LLMConnection.aimed(base, at: endpoint.url)
            configuration.model = endpoint.model ?? configuration.model
            clients[endpoint.name] = LLMClient(configuration: configuration)
        }
        return clients
    }
}
