import CuratorLLM
import CuratorTestSupport
import Foundation
import Testing

@Suite("Real llama.cpp server with --embeddings")
struct RealServerEmbeddingTests {
    /// Gemma 3 270M's hidden size.
    static let gemma270mDimension = 640

    @Test func embeddingsHaveTheModelsDimensionAndAreDeterministic() async throws {
        let client = try await SharedLlamaServer.client(embeddings: true)
        let texts = ["a quiet film about a lighthouse keeper", "an action film with car chases", "a quiet film about a lighthouse keeper"]
        let first = try await client.embed(texts)
        #expect(first.count == 3)
        #expect(first.dimension == Self.gemma270mDimension)
        #expect(first.vector(0) == first.vector(2), "the same text embeds the same within a call")
        let again = try await client.embed(texts)
        #expect(again == first, "and across calls")
        let norm = first.vector(0).reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-3, "llama.cpp normalises embeddings (L2) by default")
        #expect(first.vector(0) != first.vector(1))
    }
}
