import CuratorHTTP
import CuratorTestSupport
import CuratorText
import Foundation
import Testing

@Suite struct RemoteEmbedderTests {
    @Test func batchesRequestsOrdersRowsByIndexAndNormalises() async throws {
        let server = try LocalHTTPServer { request in
            let body = try! JSONSerialization.jsonObject(with: request.body) as! [String: Any]
            let inputs = body["input"] as! [String]
            // Answer in reverse order with explicit indices; vectors are [len, 0, 0] unnormalised.
            let rows = inputs.enumerated().reversed().map { "{\"index\": \($0.offset), \"embedding\": [\($0.element.count), 0, \($0.offset + 1)]}" }
            return .json("{\"object\": \"list\", \"data\": [\(rows.joined(separator: ","))], \"model\": \"m\"}")
        }
        defer { server.stop() }
        let embedder = RemoteTextEmbedder(baseURL: server.baseURL, model: "minilm", apiKey: "k", batchSize: 2)
        let vectors = try await embedder.embed(["a", "bbb", "cc"])
        #expect(vectors.count == 9)
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.path == "/v1/embeddings" && $0.headers["authorization"] == "Bearer k" })
        for r in 0..<3 {
            let norm = (0..<3).reduce(Float(0)) { $0 + vectors[r * 3 + $1] * vectors[r * 3 + $1] }
            #expect(abs(norm - 1) < 1e-5)
        }
        #expect(vectors[3] > vectors[5], "row 1 is \"bbb\": [3, 0, 2] normalised")
    }

    @Test func unusableAnswersAreClearErrors() async throws {
        let server = try LocalHTTPServer { request in
            switch request.path {
            case "/a/v1/embeddings": return .json("{\"data\": []}")
            case "/b/v1/embeddings": return .json("{\"data\": [{\"embedding\": [1, 2]}, {\"embedding\": [1]}]}")
            case "/c/v1/embeddings": return .text("not json")
            default: return .json("{\"error\": \"no such model\"}", status: 404)
            }
        }
        defer { server.stop() }
        for path in ["/a", "/b", "/c"] {
            await #expect(throws: TextError.self) { try await RemoteTextEmbedder(baseURL: server.url(path), model: "m").embed(["x", "y"]) }
        }
        await #expect(throws: HTTPError.self) { try await RemoteTextEmbedder(baseURL: server.url("/d"), model: "m").embed(["x"]) }
    }
}
