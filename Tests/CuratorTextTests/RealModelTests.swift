import CuratorText
import Foundation
import Synchronization
import Testing

/// The real all-MiniLM-L6-v2, installed by `scripts/bootstrap.sh --embeddings`: invariants
/// only (unit norm, determinism, batch independence, meaning), never golden numbers.
@Suite struct RealModelTests {
    static func embedder() throws -> NativeTextEmbedder {
        do {
            return try NativeTextEmbedder(location: try EmbeddingModelLocation.find(environment: ProcessInfo.processInfo.environment))
        } catch {
            Issue.record("the real embedding model is missing: \(error). Install it with scripts/bootstrap.sh --embeddings")
            throw error
        }
    }

    static func cosine(_ v: [Float], _ a: Int, _ b: Int, width: Int) -> Float {
        (0..<width).reduce(0) { $0 + v[a * width + $1] * v[b * width + $1] }
    }

    @Test func embeddingsAreUnitLengthDeterministicAndBatchIndependent() throws {
        let embedder = try Self.embedder()
        #expect(embedder.dimension == 384)
        let texts = ["Heat (1995)", "A slow-burn science-fiction film with a twist ending.", "Amélie", "", String(repeating: "long text ", count: 400)]
        let batch = embedder.embedNow(texts)
        #expect(batch == embedder.embedNow(texts))
        for (r, text) in texts.enumerated() {
            #expect(abs(Self.cosine(batch, r, r, width: 384) - 1) < 1e-4)
            let alone = embedder.embedNow([text])
            #expect(abs(Self.cosine(batch + alone, r, texts.count, width: 384) - 1) < 1e-5)
        }
    }

    @Test func similarSentencesAreCloserThanUnrelatedOnes() throws {
        let embedder = try Self.embedder()
        let v = embedder.embedNow([
            "A spaceship crew fights an alien on a dark freighter.",
            "Astronauts are hunted by a monster aboard their ship in space.",
            "A romantic comedy about a wedding planner in Paris.",
            "How to bake sourdough bread at home.",
        ])
        let near = Self.cosine(v, 0, 1, width: 384)
        #expect(near > Self.cosine(v, 0, 2, width: 384) + 0.2)
        #expect(near > Self.cosine(v, 0, 3, width: 384) + 0.2)
        #expect(Self.cosine(v, 2, 3, width: 384) < 0.5)
    }

    /// Queries sent at once while a pass runs share the next one, and each gets the vector it
    /// would have had alone. The first pass is held until every query has arrived (a gate around
    /// the real model), so there are at most two passes.
    @Test func concurrentQueriesShareOnePassAndGetTheirOwnVectors() async throws {
        let model = try Self.embedder()
        let queries = (0..<24).map { "something \(["dark", "funny", "slow", "tense"][$0 % 4]) for evening \($0)" }
        let coalescing = CoalescingTextEmbedder(GatedEmbedder(model: model, release: { [count = queries.count] in
            $0.statistics.queries + $0.waitingCount == count }))
        (coalescing.base as! GatedEmbedder).coalescing.withLock { $0 = coalescing }
        let vectors = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for (i, query) in queries.enumerated() { group.addTask { (i, try await coalescing.embed([query])) } }
            return try await group.reduce(into: [Int: [Float]]()) { $0[$1.0] = $1.1 }
        }
        // However many the first pass took, every later one waited for it and went in the second.
        #expect(coalescing.statistics.queries == queries.count && coalescing.statistics.passes <= 2, "\(coalescing.statistics)")
        for (i, query) in queries.enumerated() {
            let alone = model.embedNow([query])
            #expect(abs(Self.cosine(alone + vectors[i]!, 0, 1, width: 384) - 1) < 1e-5, "\(query)")
        }
    }

    /// A text the embedder refuses fails only its own query, not the others of its pass.
    @Test func aRefusedTextFailsOnlyItsOwnQuery() async throws {
        let model = try Self.embedder()
        let coalescing = CoalescingTextEmbedder(RefusingEmbedder(model: model))
        let queries = (0..<8).map { $0 == 5 ? "refuse me please" : "a quiet film \($0)" }
        let answers = await withTaskGroup(of: (Int, [Float]?).self) { group in
            for (i, query) in queries.enumerated() { group.addTask { (i, try? await coalescing.embed([query])) } }
            return await group.reduce(into: [Int: [Float]?]()) { $0[$1.0] = $1.1 }
        }
        for (i, query) in queries.enumerated() {
            if i == 5 {
                #expect(answers[i]! == nil)
            } else {
                let vector = try #require(answers[i]!)
                #expect(abs(Self.cosine(model.embedNow([query]) + vector, 0, 1, width: 384) - 1) < 1e-5)
            }
        }
    }
}

/// The real model, refusing any batch with a text that asks for it (as an endpoint refuses a
/// text over its length limit).
struct RefusingEmbedder: TextEmbedder {
    let model: NativeTextEmbedder
    var name: String { model.name }
    var dimension: Int { model.dimension }

    func embed(_ texts: [String]) async throws -> [Float] {
        if texts.contains(where: { $0.contains("refuse me") }) { throw TextError(.endpoint("refused"), location: "test") }
        return try await model.embed(texts)
    }
}

/// The real model, whose first call waits (up to a minute) until `release` says so.
final class GatedEmbedder: TextEmbedder {
    let model: NativeTextEmbedder
    let release: @Sendable (CoalescingTextEmbedder) -> Bool
    let coalescing = Mutex<CoalescingTextEmbedder?>(nil)
    let calls = Mutex(0)

    init(model: NativeTextEmbedder, release: @escaping @Sendable (CoalescingTextEmbedder) -> Bool) {
        self.model = model
        self.release = release
    }

    var name: String { model.name }
    var dimension: Int { model.dimension }

    func embed(_ texts: [String]) async throws -> [Float] {
        if calls.withLock({ $0 += 1; return $0 }) == 1 {
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                if let coalescing = coalescing.withLock({ $0 }), release(coalescing) { break }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        return try await model.embed(texts)
    }
}
