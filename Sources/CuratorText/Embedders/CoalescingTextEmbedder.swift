import Synchronization

/// Concurrent one-text queries share one encoder pass: a query that arrives while a pass runs
/// waits for it to end and goes, with every other query that arrived meanwhile, into the next.
/// A query alone is embedded at once (no waiting for company).
///
/// A few words make a matrix of a few rows, on which the encoder's sgemms run at a third of
/// their speed on hundreds of rows (OpenBLAS here: 10 against 30 GMAC/s), so fifty new users'
/// first words, embedded together, cost a third of the CPU they cost one by one. Requests of
/// several texts (a batch of items) go to the embedder directly.
public final class CoalescingTextEmbedder: TextEmbedder {
    public let base: any TextEmbedder
    /// The most queries in one pass.
    public let passLimit: Int
    private let state = Mutex(State())

    private struct State {
        var waiting: [(text: String, answer: CheckedContinuation<[Float], any Error>)] = []
        var running = false
        var statistics = Statistics()
    }

    /// What the passes so far embedded.
    public struct Statistics: Sendable, Equatable {
        public var passes = 0
        public var queries = 0
    }

    public init(_ base: any TextEmbedder, passLimit: Int = 64) {
        precondition(passLimit > 0, "a pass holds at least one query")
        self.base = base
        self.passLimit = passLimit
    }

    public var name: String { base.name }
    public var dimension: Int { base.dimension }

    /// How many passes embedded how many queries so far (for tests and diagnostics).
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// How many queries wait for the next pass.
    public var waitingCount: Int { state.withLock { $0.waiting.count } }

    public func embed(_ texts: [String]) async throws -> [Float] {
        guard texts.count == 1 else { return try await base.embed(texts) }
        return try await withCheckedThrowingContinuation { answer in
            let starts = state.withLock { state in
                state.waiting.append((texts[0], answer))
                defer { state.running = true }
                return !state.running
            }
            if starts { Task { await self.run() } }
        }
    }

    /// One vector per text, from the embedder's rows.
    private func embedded(_ texts: [String]) async throws -> [[Float]] {
        let vectors = try await base.embed(texts), width = base.dimension
        guard vectors.count == texts.count * width else {
            throw TextError(.malformed("the embedder returned \(vectors.count) floats for \(texts.count) texts of \(width)"), location: base.name)
        }
        return (0..<texts.count).map { Array(vectors[($0 * width)..<(($0 + 1) * width)]) }
    }

    /// Passes until no query waits.
    private func run() async {
        while true {
            let pass: [(text: String, answer: CheckedContinuation<[Float], any Error>)] = state.withLock { state in
                let taken = Array(state.waiting.prefix(passLimit))
                state.waiting.removeFirst(taken.count)
                if taken.isEmpty {
                    state.running = false
                } else {
                    state.statistics.passes += 1
                    state.statistics.queries += taken.count
                }
                return taken
            }
            guard !pass.isEmpty else { return }
            do {
                for (query, vector) in zip(pass, try await embedded(pass.map(\.text))) { query.answer.resume(returning: vector) }
            } catch where pass.count > 1 {
                // One text may be what the embedder refused (an endpoint's length limit): each
                // query alone, so only its own caller hears of it.
                for query in pass {
                    do { query.answer.resume(returning: try await embedded([query.text])[0]) } catch { query.answer.resume(throwing: error) }
                }
            } catch {
                for query in pass { query.answer.resume(throwing: error) }
            }
        }
    }
}
