import CuratorLLMStage
import Foundation
import Synchronization

/// A verbalizer or listwise pass whose answers are kept in a `ResponseCache`, keyed by
/// endpoint + model, template hash, the exact prompt sent, and the pass's parameters.
///
/// Passes that fail with a `RerankError` (the model answered, but unusably) are cached too:
/// at temperature 0 with a fixed seed the same prompt fails the same way. Transport errors
/// are not cached, so an interrupted or unreachable server is asked again next time.
struct CachedReranker: Reranker {
    let base: any Reranker
    let cache: ResponseCache
    /// `endpoint URL|model id`.
    let modelKey: String
    /// The parameters of the pass besides the prompt (strategy, options).
    let parameters: String
    /// Renders the prompt the base pass sends for an order.
    let render: @Sendable (RerankRequest, [Int]) throws -> RenderedPrompt
    /// Collects what the pass cost, cached or not.
    let ledger: PassLedger

    var name: String { base.name }

    /// What the cache stores for one pass.
    struct Entry: Codable {
        var scores: [Double?]
        var promptTokens: Int
        var completionTokens: Int
        var requests: Int
        var warnings: [String]
        var templateHash: String
        /// Wall time of the original request.
        var seconds: Double
        /// The `RerankError` message when the pass failed.
        var failure: String?
    }

    func judge(_ request: RerankRequest, order: [Int]) async throws -> Judgement {
        let rendered = try render(request, order)
        let input = rendered.text + "\n\u{1F}" + parameters
        if let stored = try cache.value(model: modelKey, templateHash: rendered.templateHash, input: input),
           let entry = try? JSONDecoder().decode(Entry.self, from: Data(stored.utf8)) {
            ledger.add(seconds: entry.seconds, cached: true)
            return try Self.judgement(entry, strategy: name)
        }
        let clock = ContinuousClock()
        let start = clock.now
        var entry: Entry
        do {
            let judgement = try await base.judge(request, order: order)
            entry = Entry(scores: judgement.scores, promptTokens: judgement.promptTokens, completionTokens: judgement.completionTokens,
                          requests: judgement.requests, warnings: judgement.warnings, templateHash: judgement.templateHash, seconds: 0)
        } catch let error as RerankError {
            entry = Entry(scores: [], promptTokens: 0, completionTokens: 0, requests: 1, warnings: [],
                          templateHash: rendered.templateHash, seconds: 0, failure: error.message)
        }
        let elapsed = clock.now - start
        entry.seconds = elapsed.seconds
        ledger.add(seconds: entry.seconds, cached: false)
        if let data = try? JSONEncoder().encode(entry) {
            try cache.store(String(decoding: data, as: UTF8.self), model: modelKey, templateHash: rendered.templateHash, input: input)
        }
        return try Self.judgement(entry, strategy: name)
    }

    static func judgement(_ entry: Entry, strategy: String) throws -> Judgement {
        if let failure = entry.failure { throw RerankError(strategy: strategy, message: failure) }
        var judgement = Judgement(scores: entry.scores, templateHash: entry.templateHash)
        judgement.promptTokens = entry.promptTokens
        judgement.completionTokens = entry.completionTokens
        judgement.requests = entry.requests
        judgement.warnings = entry.warnings
        return judgement
    }
}

/// The LLM time and cache use of one rerank (all its passes), cached passes counted at the
/// time they took when first made, so reports of a cached rerun show the original latency.
final class PassLedger: Sendable {
    private let state = Mutex((seconds: 0.0, cached: 0, fresh: 0))

    func add(seconds: Double, cached: Bool) {
        state.withLock {
            $0.seconds += seconds
            if cached { $0.cached += 1 } else { $0.fresh += 1 }
        }
    }

    var seconds: Double { state.withLock { $0.seconds } }
    var cachedPasses: Int { state.withLock { $0.cached } }
    var freshPasses: Int { state.withLock { $0.fresh } }
}
