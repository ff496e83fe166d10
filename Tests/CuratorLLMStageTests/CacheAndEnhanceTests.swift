import CuratorCore
import CuratorLLM
import CuratorLLMStage
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
        await #expect(throws: RerankError.self) { try await enhancer.tasteProfile(history: PipelineFixtures.history.map { PipelineFixtures.catalog[Int($0)] }) }
        #expect(try cache.count() == 0)
    }
}
