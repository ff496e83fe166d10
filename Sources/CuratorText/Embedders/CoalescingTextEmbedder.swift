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
        var passes: [Int] = []
    }

    public init(_ base: any TextEmbedder, passLimit: Int = 64) {
        precondition(passLimit > 0, "a pass holds at least one query")
        self.base = base
        self.passLimit = passLimit
    }

    public var name: String { base.name }
    public var dimension: Int { base.dimension }

    /// How many queries each pass so far embedded (for tests and diagnostics).
    public var passSizes: [Int] { state.withLock { $0.passes } }

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

    /// Passes until no query waits.
    private func run() async {
        while true {
            let pass: [(text: String, answer: CheckedContinuation<[Float], any Error>)] = state.withLock { state in
                let taken = Array(state.waiting.prefix(passLimit))
                state.waiting.removeFirst(taken.count)
                if taken.isEmpty { state.running = false } else { state.passes.append(taken.count) }
                return taken
            }
            guard !pass.isEmpty else { return }
            do {
                let vectors = try await base.embed(pass.map(\.text))
                let width = base.dimension
                guard vectors.count == pass.count * width else {
                    throw TextError(.malformed("the embedder returned \(vectors.count) floats for \(pass.count) texts of \(width)"), location: base.name)
                }
                for (i, query) in pass.enumerated() { query.answer.resume(returning: Array(vectors[(i * width)..<((i + 1) * width)])) }
            } catch {
                for query in pass { query.answer.resume(throwing: error) }
            }
        }
    }
}
