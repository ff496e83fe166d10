import CuratorCore
import CuratorLLM
@testable import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Testing

@Suite("Response cache (GRDB) and enhance")
struct CacheAndEnhanceTests {
    @Test func theCachePersistsAcrossOpeningsAndKeysOnModelTemplateAndInput() throws {
        let folder = TemporaryDirectory()
        let path = folder.path + "/cache/llm.sqlite"
        do {
            let cache = try ResponseCache(path: path)
            try cache.store("v1", model: "m", templateHash: "h", input: "in")
        }
        let cache = try ResponseCache(path: path)
        #expect(try cache.value(model: "m", templateHash: "h", input: "in") == "v1")
        #expect(try cache.value(model: "other", templateHash: "h", input: "in") == nil)
        #expect(try cache.value(model: "m", templateHash: "h2", input: "in") == nil)
        #expect(try cache.value(model: "m", templateHash: "h", input: "in ") == nil)
        try cache.store("v2", model: "m", templateHash: "h", input: "in")
        #expect(try cache.value(model: "m", templateHash: "h", input: "in") == "v2")
        #expect(try cache.count() == 1)
    }

    @Test func enhanceAnswersARepeatFromTheCacheWithoutARequest() async throws {
        let server = try LocalHTTPServer { _ in
            PipelineFixtures.chatAnswer(#"{"description":"A tense heist.","themes":["crime"],"audience":"adults"}"#)
        }
        let enhancer = Enhancer(client: PipelineFixtures.client(server), prompts: try PipelineFixtures.prompts(), cache: try .inMemory())
        let item = PipelineFixtures.catalog[3]
        let first = try await enhancer.itemProfile(item)
        let second = try await enhancer.itemProfile(item)
        #expect(!first.fromCache && second.fromCache)
        #expect(first.value == second.value && first.value.themes == ["crime"])
        #expect(server.requests.count == 1)
        _ = try await enhancer.itemProfile(PipelineFixtures.catalog[4])
        #expect(server.requests.count == 2, "another input is another request")
    }

    @Test func anAnswerOutsideTheSchemaIsAnErrorAndNotCached() async throws {
        let server = try LocalHTTPServer { _ in PipelineFixtures.chatAnswer("not json") }
        let cache = try ResponseCache.inMemory()
        let enhancer = Enhancer(client: PipelineFixtures.client(server), prompts: try PipelineFixtures.prompts(), cache: cache)
        let error = await #expect(throws: EnhancementError.self) {
            try await enhancer.tasteProfile(history: PipelineFixtures.history.map { PipelineFixtures.catalog[Int($0)] })
        }
        #expect(error?.description == "enhance-user: the answer does not fit the schema: not json", "the step is named, not a rerank")
        #expect(try cache.count() == 0)
    }

    /// The bundled model pads its JSON with the whitespace llama.cpp's grammar allows; at 200
    /// tokens 60 of 338 item answers were cut off. The budget now covers the longest answer the
    /// schema allows, and an answer cut off anyway (an endpoint with its own cap) says so.
    @Test func theTokenBudgetCoversTheLongestAnswerAndACutOffAnswerSaysSo() async throws {
        let server = try PipelineFixtures.server { _ in
            .json(#"{"choices":[{"index":0,"message":{"role":"assistant","content":"{\n \t \t\"description\": \"A man"},"finish_reason":"length"}]}"#)
        }
        let enhancer = Enhancer(client: PipelineFixtures.client(server), prompts: try PipelineFixtures.prompts(), cache: try .inMemory())
        let error = await #expect(throws: EnhancementError.self) { try await enhancer.itemProfile(PipelineFixtures.catalog[3]) }
        let budget = try #require(AnswerBudget.characters(ItemProfile.schema))
        #expect(error?.description == "enhance-item: the answer was cut off at \(budget) tokens: { \"description\": \"A man")
        let sent = try JSONValue.parse(try #require(server.requests.first).body)
        #expect(sent["max_tokens"] == .number(Double(budget)))
        #expect(budget >= Self.longestItemAnswer().count, "one token is at least one character")
    }

    /// The longest answer llama.cpp's grammar for `ItemProfile.schema` accepts: every string at
    /// its maxLength, every array full, the most whitespace (two newlines, 20 tabs) everywhere.
    static func longestItemAnswer() -> String {
        let space = "\n\n" + String(repeating: "\t", count: 20)
        func string(_ length: Int) -> String { "\"" + String(repeating: "x", count: length) + "\"" + space }
        func field(_ name: String, _ value: String) -> String { "\"\(name)\"" + space + ":" + space + value }
        let themes = "[" + space + Array(repeating: string(40), count: 3).joined(separator: "," + space) + "]" + space
        let fields = [field("description", string(300)), field("themes", themes), field("audience", string(120))]
        return "{" + space + fields.joined(separator: "," + space) + "}" + space
    }
}
