import CuratorCore
import CuratorEval
import CuratorLLM
import CuratorLLMStage
import Foundation
import Logging

/// Runs a grid: every (cell, user) not yet in the journal, at most `concurrency` at a time,
/// each result journaled as it finishes; every LLM answer goes through the response cache.
public struct LabRunner: Sendable {
    public let grid: LabGrid
    public let prompts: PromptLibrary
    public let catalog: [Item]
    /// A client per endpoint name.
    public let clients: [String: LLMClient]
    public let cache: ResponseCache
    public let journal: ResultJournal
    /// How many (cell, user) evaluations run at once.
    public let concurrency: Int
    let logger: Logger
    /// The catalog's titles, for the faithfulness check of explanations.
    let titles: CatalogTitles
    /// The users whose first item is explained (the first `grid.explainedUsers` of a run's cases).
    var explainedUsers: Set<Int> = []

    public init(grid: LabGrid, prompts: PromptLibrary, catalog: [Item], clients: [String: LLMClient], cache: ResponseCache,
                journal: ResultJournal, concurrency: Int = 1, logger: Logger = Logger(label: "curator.lab")) {
        self.grid = grid
        self.prompts = prompts
        self.catalog = catalog
        self.clients = clients
        self.cache = cache
        self.journal = journal
        self.concurrency = max(1, concurrency)
        self.logger = logger
        self.titles = CatalogTitles(catalog: catalog)
    }

    /// The same runner talking to other clients (a server started once the work is known).
    public func with(clients: [String: LLMClient]) -> LabRunner {
        LabRunner(grid: grid, prompts: prompts, catalog: catalog, clients: clients, cache: cache,
                  journal: journal, concurrency: concurrency, logger: logger)
    }

    /// How many (cell, user) evaluations of `cases` the journal does not hold yet.
    /// Asks an endpoint for its model id only when the grid does not name it.
    public func pendingEvaluations(_ cases: [LabCase]) async throws -> Int {
        var models: [String: String] = [:]
        for endpoint in grid.endpoints { models[endpoint.name] = await modelID(endpoint) }
        var pending = 0
        for cell in grid.cells {
            let key = try key(cell, model: models[cell.endpoint]!)
            pending += cases.count { journal.result(cell: key, user: $0.user) == nil }
        }
        return pending
    }

    /// The progress of a run.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        /// Evaluations found in the journal (not run again).
        public var resumed: Int
    }

    /// Runs the grid over `cases`.
    /// - Parameters:
    ///   - cases: the users (their order is the order of the paired samples).
    ///   - stopAfter: stop starting evaluations after this many new ones (an interruption, for tests).
    ///   - progress: called as each evaluation finishes.
    /// - Returns: the plan of the run: each cell with its journal key and results in `cases` order.
    /// - Throws: `LabError` for an endpoint without a client.
    public func run(_ cases: [LabCase], stopAfter: Int? = nil, progress: @Sendable (Progress) -> Void = { _ in }) async throws -> [CellResults] {
        var runner = self
        runner.explainedUsers = Set(cases.prefix(grid.explainedUsers).map(\.user))
        return try await runner.runAll(cases, stopAfter: stopAfter, progress: progress)
    }

    func runAll(_ cases: [LabCase], stopAfter: Int?, progress: @Sendable (Progress) -> Void) async throws -> [CellResults] {
        var keys: [LabCell: String] = [:]
        var labels: [String: LabelCheck] = [:]
        for endpoint in grid.endpoints {
            guard let client = clients[endpoint.name] else { throw LabError.badSpec("no client for endpoint '\(endpoint.name)'") }
            labels[endpoint.name] = LabelCheck(client: client)
        }
        var models: [String: String] = [:]
        for endpoint in grid.endpoints { models[endpoint.name] = await modelID(endpoint) }
        for cell in grid.cells { keys[cell] = try key(cell, model: models[cell.endpoint]!) }
        let jobs = grid.cells.flatMap { cell in cases.map { (cell, $0) } }.filter { journal.result(cell: keys[$0.0]!, user: $0.1.user) == nil }
        let resumed = grid.cells.count * cases.count - jobs.count
        let total = grid.cells.count * cases.count
        progress(Progress(done: resumed, total: total, resumed: resumed))
        let limit = min(jobs.count, stopAfter ?? jobs.count)
        await withTaskGroup(of: Void.self) { group in
            var next = 0, done = resumed
            while next < limit || done < resumed + limit {
                if next < limit, next - (done - resumed) < concurrency, !Task.isCancelled {
                    let (cell, user) = jobs[next]
                    let key = keys[cell]!, model = models[cell.endpoint]!, label = labels[cell.endpoint]!
                    group.addTask { journal.record(await evaluate(user, in: cell, key: key, model: model, labels: label)) }
                    next += 1
                    continue
                }
                guard await group.next() != nil else { break }
                done += 1
                progress(Progress(done: done, total: total, resumed: resumed))
            }
        }
        return grid.cells.map { cell in
            CellResults(cell: cell, key: keys[cell]!, results: cases.compactMap { journal.result(cell: keys[cell]!, user: $0.user) })
        }
    }

    /// The model id of an endpoint: the grid's, else the server's first, else `unknown`.
    func modelID(_ endpoint: LabEndpoint) async -> String {
        if let model = endpoint.model { return model }
        guard let client = clients[endpoint.name], let first = try? await client.models().first else { return "unknown" }
        return first.id
    }

    /// The journal key of a cell: its label and everything that makes its results what they are.
    func key(_ cell: LabCell, model: String) throws -> String {
        let template = try prompts.template(LabGrid.templateName(variant: cell.variant, strategy: cell.strategy))
        let endpoint = grid.endpoints.first { $0.name == cell.endpoint }!
        var key = "\(cell.label)|\(template.hash)|\(endpoint.identity ?? endpoint.url.absoluteString)|\(model)|seed=\(grid.seed)"
        // Other users or candidates, other results (loo with itemknn keeps the older keys).
        if grid.protocolName != "loo" || grid.candidateSource != "itemknn" { key += "|\(grid.protocolName)|\(grid.candidateSource)" }
        if cell.strategy == .bootstrap { key += "|rounds=\(grid.bootstrapRounds)" }
        key += "|weights=\(grid.weights.map { String($0) }.joined(separator: ","))|explained=\(grid.explainedUsers)"
        if grid.explainedUsers > 0 { key += "|explain=\(try prompts.template("explain").hash)" }
        return key + (grid.measurePositionBias ? "|shuffled" : "")
    }
}

/// A cell and its users' results, in the order of the cases.
public struct CellResults: Sendable {
    public var cell: LabCell
    /// The cell's journal key.
    public var key: String
    public var results: [UserResult]

    public init(cell: LabCell, key: String, results: [UserResult]) {
        self.cell = cell
        self.key = key
        self.results = results
    }
}
