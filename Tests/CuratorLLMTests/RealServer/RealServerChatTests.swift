import CuratorLLM
import CuratorTestSupport
import Foundation
import Testing

/// Against the real llama.cpp server with the real Gemma 3 270M model, started by the suite.
/// These never skip: without the server and model they fail, saying how to install them.
@Suite("Real llama.cpp server: chat, streaming, JSON schema, log-probs, tokenizer")
struct RealServerChatTests {
    static let greedy = GenerationOptions(maxTokens: 12, temperature: 0, seed: 42)

    @Test func aNewLocalServerSharesTheCoresWithOneAlreadyRunning() async throws {
        let server = try await SharedLlamaServer.chat.server()
        #expect(server.isRunning)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // Two servers with a thread per core each spin against each other.
        #expect(LLMConfiguration.defaultThreads() <= max(1, cores / 2))
    }

    @Test func chatCompletionAnswersWithUsageAndTimings() async throws {
        let client = try await SharedLlamaServer.client()
        let answer = try await client.chat([.user("Name one fruit.")], options: Self.greedy)
        #expect(!answer.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        let usage = try #require(answer.usage)
        #expect(usage.completionTokens >= 1 && usage.completionTokens <= 12)
        #expect(usage.promptTokens > 3)
        #expect(answer.timings?.predictedN == usage.completionTokens)
        #expect(["stop", "length"].contains(answer.choices.first?.finishReason ?? ""))
    }

    @Test func streamingDeliversChunksThatJoinToTheFullText() async throws {
        let client = try await SharedLlamaServer.client()
        let prompt: [ChatMessage] = [.user("Count from one to ten in words.")]
        let plain = try await client.chat(prompt, options: Self.greedy)
        let stream = try await client.streamChat(prompt, options: Self.greedy)
        var pieces: [String] = []
        var usage: Usage?
        for try await chunk in stream {
            if !chunk.text.isEmpty { pieces.append(chunk.text) }
            usage = chunk.usage ?? usage
        }
        #expect(pieces.count >= 2, "one chunk per token, not one at the end")
        #expect(pieces.joined() == plain.text, "greedy decoding gives the same text streamed or not")
        #expect(usage?.completionTokens == plain.usage?.completionTokens)
    }

    @Test func jsonSchemaOutputParsesAndFitsTheSchema() async throws {
        let client = try await SharedLlamaServer.client()
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "genre": ["type": "string", "enum": ["comedy", "drama", "horror"]],
                "score": ["type": "integer", "minimum": 1, "maximum": 5],
            ],
            "required": ["genre", "score"],
            "additionalProperties": false,
        ]
        let answer = try await client.chat(
            [.user("Classify the film 'Airplane!' as JSON with a genre and a score from 1 to 5.")],
            options: GenerationOptions(maxTokens: 40, temperature: 0, responseFormat: .jsonSchema(name: "film", schema: schema)))
        let value = try JSONValue.parse(Data(answer.text.utf8))
        let genre = try #require(value["genre"]?.stringValue)
        #expect(["comedy", "drama", "horror"].contains(genre))
        let score = try #require(value["score"]?.numberValue)
        #expect(score == score.rounded() && (1...5).contains(score))
        guard case .object(let members) = value else { Issue.record("not an object: \(value)"); return }
        #expect(Set(members.keys) == ["genre", "score"])
    }

    @Test func topLogprobsArePresentForEveryToken() async throws {
        let client = try await SharedLlamaServer.client()
        let answer = try await client.chat(
            [.user("Is the sky blue? Answer yes or no.")],
            options: GenerationOptions(maxTokens: 3, temperature: 0, topLogprobs: 3))
        let tokens = try #require(answer.choices.first?.logprobs?.content)
        #expect(!tokens.isEmpty)
        for token in tokens {
            #expect(token.logprob <= 0)
            let alternatives = try #require(token.topLogprobs)
            #expect(alternatives.count == 3)
            #expect(alternatives.allSatisfy { $0.logprob <= 0 })
            #expect(alternatives.map(\.logprob) == alternatives.map(\.logprob).sorted(by: >))
            #expect(alternatives.first?.token == token.token, "greedy picks the most likely token")
        }
    }

    @Test func textCompletionContinuesAPrompt() async throws {
        let client = try await SharedLlamaServer.client()
        let answer = try await client.complete("Once upon a time", options: GenerationOptions(maxTokens: 6, temperature: 0))
        #expect(!answer.text.isEmpty)
        #expect(answer.usage?.completionTokens ?? 0 <= 6)
    }

    @Test func tokenizeRoundTripsAndFindsSingleTokenLabels() async throws {
        let client = try await SharedLlamaServer.client()
        let text = "Recommend three films like Alien, please."
        let tokens = try await client.tokenize(text)
        #expect(tokens.count > 3)
        #expect(tokens.map(\.piece).joined() == text)
        #expect(try await client.detokenize(tokens.map(\.id)) == text)
        #expect(try await client.isSingleToken("yes"))
        #expect(try await !client.isSingleToken("antidisestablishmentarianism"))
    }

    @Test func modelsPropsAndHealthDescribeTheServer() async throws {
        let client = try await SharedLlamaServer.client()
        #expect(await client.health() == .ready)
        let models = try await client.models()
        #expect(models.count == 1)
        let properties = try await client.properties()
        #expect(properties.totalSlots == 2)
        #expect(properties.modelPath?.hasSuffix(".gguf") == true)
    }
}
