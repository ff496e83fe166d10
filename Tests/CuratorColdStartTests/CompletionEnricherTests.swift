import CuratorColdStart
import CuratorCore
import CuratorTestSupport
import Foundation
import Testing

@Suite struct CompletionEnricherTests {
    @Test func describesItemsWithoutTextOnceAndCachesAcrossInstances() async throws {
        let server = try LocalHTTPServer { request in
            let body = try! JSONSerialization.jsonObject(with: request.body) as! [String: Any]
            let prompt = body["prompt"] as! String
            return .json("{\"choices\": [{\"text\": \" A story about \(prompt.contains("Heat") ? "a heist" : "something").\\n\"}]}")
        }
        defer { server.stop() }
        let dir = TemporaryDirectory()
        let cache = dir.path + "/descriptions.json"
        let items = [Item(id: "1", title: "Heat", year: 1995, genres: ["Crime"]), Item(id: "2", title: "Up", text: "Has its own text.")]
        let enriched = await CompletionEnricher(baseURL: server.baseURL, cachePath: cache).enrich(items)
        #expect(enriched[0].text == "A story about a heist.")
        #expect(enriched[1].text == "Has its own text.")
        #expect(server.requests.count == 1)
        #expect(server.requests[0].path == "/v1/completions")
        let again = try await CompletionEnricher(baseURL: server.baseURL, cachePath: cache).describe(items[0])
        #expect(again == "A story about a heist.")
        #expect(server.requests.count == 1, "the second instance answers from the cache file")
    }

    @Test func aFailingServerLeavesTheItemAsItWas() async throws {
        let server = try LocalHTTPServer { _ in .json("{\"error\": \"overloaded\"}", status: 503) }
        defer { server.stop() }
        let items = [Item(id: "1", title: "Heat")]
        #expect(await CompletionEnricher(baseURL: server.baseURL).enrich(items) == items)
    }
}
