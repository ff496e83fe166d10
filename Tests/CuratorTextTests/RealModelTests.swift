import CuratorText
import Foundation
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
}
