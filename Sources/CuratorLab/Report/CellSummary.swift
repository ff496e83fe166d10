import CuratorCore
import Foundation

/// The figures of one cell over its users.
public struct CellSummary: Sendable, Codable {
    public var cell: LabCell
    public var template: String
    public var users: Int
    /// Means of the final list.
    public var ndcg10: Double
    public var hitRate10: Double
    public var mrr: Double
    /// Means of the recall-only list (same users and candidates).
    public var recallNDCG10: Double
    public var recallHitRate10: Double
    public var recallMRR: Double
    /// NDCG@10 uplift over recall-only, with its paired bootstrap interval.
    public var uplift: PairedBootstrap.Interval
    public var validOutputRate: Double
    public var fallBackRate: Double
    /// How often the first-shown candidate was ranked first, in recall order and shuffled
    /// (over passes that did not fall back; `nil` when there were none); 1/candidates is chance.
    public var firstShownPickedFirstRate: Double?
    public var shuffledFirstShownPickedFirstRate: Double?
    /// NDCG@10 when the candidates were shown in a shuffled order.
    public var shuffledNDCG10: Double?
    public var promptTokensPerUser: Double
    public var completionTokensPerUser: Double
    public var totalPromptTokens: Int
    public var totalCompletionTokens: Int
    public var latencyP50Seconds: Double
    public var latencyP95Seconds: Double
    /// Total cost of the cell: tokens × the endpoint's (else the grid's) price per million.
    public var cost: Double
    /// Passes answered from the response cache / sent to a server, over the cell's users.
    public var cachedPasses: Int
    public var freshPasses: Int
    /// The blend weights swept, each with its figures (validation and test, same users).
    public var weights: [WeightSummary]
    /// Validation users (those with a validation phase) and the valid-output rate there.
    public var validationUsers: Int
    /// The share of the LLM's explanations passing `FaithfulnessCheck`, of how many, with
    /// examples of failures; the same for the grounded explanations of the same items.
    public var faithfulnessRate: Double?
    public var explanationsChecked: Int
    public var faithfulnessFailures: [FailedExplanation]
    public var groundedFaithfulnessRate: Double?

    /// One blend weight's figures in a cell.
    public struct WeightSummary: Sendable, Codable {
        public var weight: Double
        public var validationNDCG10: Double?
        public var validationUplift: PairedBootstrap.Interval?
        public var testNDCG10: Double?
        public var testUplift: PairedBootstrap.Interval?
    }

    /// An explanation that failed the check, and why.
    public struct FailedExplanation: Sendable, Codable {
        public var user: Int
        public var sentence: String
        public var failures: [String]
    }

    /// Summarises a cell's results (paired by user: each result holds both lists' metrics).
    public init(_ cell: CellResults, grid: LabGrid) {
        let results = cell.results
        let n = Double(max(results.count, 1))
        func mean(_ value: (UserResult) -> Double) -> Double { results.map(value).reduce(0, +) / n }
        func rate(_ values: [Bool?]) -> Double? {
            let known = values.compactMap { $0 }
            return known.isEmpty ? nil : Double(known.count { $0 }) / Double(known.count)
        }
        self.cell = cell.cell
        template = LabGrid.templateName(variant: cell.cell.variant, strategy: cell.cell.strategy)
        users = results.count
        ndcg10 = mean(\.ndcg10)
        hitRate10 = mean(\.hitRate10)
        mrr = mean(\.reciprocalRank)
        recallNDCG10 = mean(\.recallNDCG10)
        recallHitRate10 = mean(\.recallHitRate10)
        recallMRR = mean(\.recallReciprocalRank)
        uplift = PairedBootstrap(resamples: grid.bootstrapResamples, confidence: grid.confidence, seed: grid.seed)
            .interval(system: results.map(\.ndcg10), baseline: results.map(\.recallNDCG10))
        validOutputRate = mean { $0.validOutput ? 1 : 0 }
        fallBackRate = mean { $0.fellBack ? 1 : 0 }
        firstShownPickedFirstRate = rate(results.map(\.firstShownPickedFirst))
        shuffledFirstShownPickedFirstRate = rate(results.map(\.shuffledFirstShownPickedFirst))
        let shuffled = results.compactMap(\.shuffledNDCG10)
        shuffledNDCG10 = shuffled.isEmpty ? nil : shuffled.reduce(0, +) / Double(shuffled.count)
        totalPromptTokens = results.reduce(0) { $0 + $1.promptTokens }
        totalCompletionTokens = results.reduce(0) { $0 + $1.completionTokens }
        promptTokensPerUser = Double(totalPromptTokens) / n
        completionTokensPerUser = Double(totalCompletionTokens) / n
        // Nearest rank, as every other report; 0 for no users, as JSON has no NaN.
        let latencies = results.map(\.latencySeconds)
        latencyP50Seconds = latencies.isEmpty ? 0 : Percentile.nearestRank(latencies, 0.5)
        latencyP95Seconds = latencies.isEmpty ? 0 : Percentile.nearestRank(latencies, 0.95)
        let endpoint = grid.endpoints.first { $0.name == cell.cell.endpoint }
        let promptPrice = endpoint?.pricePerMillionPrompt ?? grid.pricePerMillionPrompt
        let completionPrice = endpoint?.pricePerMillionCompletion ?? grid.pricePerMillionCompletion
        cost = (Double(totalPromptTokens) * promptPrice + Double(totalCompletionTokens) * completionPrice) / 1_000_000
        cachedPasses = results.reduce(0) { $0 + $1.cachedPasses }
        freshPasses = results.reduce(0) { $0 + $1.freshPasses }
        let bootstrap = PairedBootstrap(resamples: grid.bootstrapResamples, confidence: grid.confidence, seed: grid.seed)
        let validated = results.filter { $0.validationNDCG10ByWeight?.count == grid.weights.count && $0.validationRecallNDCG10 != nil }
        let tested = results.filter { $0.ndcg10ByWeight?.count == grid.weights.count }
        validationUsers = validated.count
        weights = grid.weights.indices.map { w in
            func average(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
            let validation = validated.map { $0.validationNDCG10ByWeight![w] }
            let test = tested.map { $0.ndcg10ByWeight![w] }
            return WeightSummary(
                weight: grid.weights[w], validationNDCG10: average(validation),
                validationUplift: validated.isEmpty ? nil : bootstrap.interval(system: validation, baseline: validated.map { $0.validationRecallNDCG10! }),
                testNDCG10: average(test),
                testUplift: tested.isEmpty ? nil : bootstrap.interval(system: test, baseline: tested.map(\.recallNDCG10)))
        }
        let explained = results.filter { $0.explanation != nil }
        explanationsChecked = explained.count
        faithfulnessRate = explained.isEmpty ? nil : Double(explained.count { $0.explanationFailures?.isEmpty == true }) / Double(explained.count)
        faithfulnessFailures = explained.filter { $0.explanationFailures?.isEmpty == false }.prefix(5).map {
            FailedExplanation(user: $0.user, sentence: $0.explanation!, failures: $0.explanationFailures!)
        }
        let grounded = results.compactMap(\.groundedPassed)
        groundedFaithfulnessRate = grounded.isEmpty ? nil : Double(grounded.count { $0 }) / Double(grounded.count)
    }
}
