import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorRecall
import CuratorTestSupport
import Foundation

/// A small movie catalog, a user, and helpers shared by the pipeline tests.
enum PipelineFixtures {
    /// The repository's own prompts (tests pass this folder explicitly).
    static let promptsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("prompts")

    static func prompts() throws -> PromptLibrary { try PromptLibrary(folder: promptsFolder) }

    static let genres = [["Action", "Thriller"], ["Comedy"], ["Drama", "Romance"], ["Sci-Fi", "Action"], ["Animation", "Comedy"]]

    /// 30 movies, `m01`…`m30`, with years, genres and a line of text.
    static let catalog: [Item] = (1...30).map { n in
        Item(id: String(format: "m%02d", n), title: "Movie \(n)", year: 1980 + n, genres: genres[n % genres.count],
             text: "A story about number \(n) and what happens next.")
    }

    /// The user's history: four items, oldest first.
    static let history: [Int32] = [0, 5, 11, 17]

    /// The recall list: items 20…(20 + count - 1) minus wraparound, descending scores.
    static func recall(count: Int = 8) -> [ScoredItem] {
        (0..<count).map { ScoredItem(item: Int32(1 + ($0 * 3) % 29), score: Float(count - $0)) }
            .filter { !history.contains($0.item) }
    }

    static func request(count: Int = 8, catalog: [Item] = catalog) -> RerankRequest {
        RerankRequest(
            history: history.map { catalog[Int($0)] },
            candidates: recall(count: count).map { RerankCandidate(index: $0.item, item: catalog[Int($0.item)], recallScore: $0.score) })
    }

    /// A client for a scripted local server, with one attempt and a short deadline.
    static func client(_ server: LocalHTTPServer) -> LLMClient {
        var configuration = LLMConfiguration()
        configuration.endpoint = server.baseURL
        configuration.maxAttempts = 1
        configuration.requestTimeout = .seconds(10)
        return LLMClient(configuration: configuration)
    }

    /// `/tokenize` as llama.cpp answers it: one token per letter, distinct ids.
    static func tokenizeAnswer(_ request: RecordedRequest) -> ScriptedResponse {
        let content = (try? JSONValue.parse(request.body))?["content"]?.stringValue ?? ""
        let tokens = content.unicodeScalars.map { #"{"id":\#(1000 + Int($0.value)),"piece":"\#(Character($0))"}"# }
        return .json(#"{"tokens":[\#(tokens.joined(separator: ","))]}"#)
    }

    /// A chat completion whose text is `content`, with optional first-token alternatives.
    static func chatAnswer(_ content: String, alternatives: [(String, Double)]? = nil) -> ScriptedResponse {
        var logprobs = ""
        if let alternatives, let first = alternatives.first {
            let top = alternatives.map { #"{"token":"\#($0.0)","logprob":\#($0.1)}"# }.joined(separator: ",")
            logprobs = #","logprobs":{"content":[{"token":"\#(first.0)","logprob":\#(first.1),"top_logprobs":[\#(top)]}]}"#
        }
        let escaped = String(decoding: try! JSONEncoder().encode(content), as: UTF8.self)
        return .json(#"{"choices":[{"index":0,"message":{"role":"assistant","content":\#(escaped)},"finish_reason":"stop"\#(logprobs)}],"usage":{"prompt_tokens":100,"completion_tokens":1,"total_tokens":101}}"#)
    }

    /// A scripted server answering `/tokenize` properly and chat with `chat`.
    static func server(chat: @escaping @Sendable (RecordedRequest) -> ScriptedResponse) throws -> LocalHTTPServer {
        try LocalHTTPServer { request in
            request.path.hasPrefix("/tokenize") ? tokenizeAnswer(request) : chat(request)
        }
    }
}

extension RerankOutcome {
    /// Whether the final order is a permutation of `request`'s candidates.
    func isPermutation(of request: RerankRequest) -> Bool {
        order.count == request.candidates.count && Set(order) == Set(request.candidates.map(\.index))
    }

    /// Whether the final order is the recall order.
    func keepsRecallOrder(of request: RerankRequest) -> Bool {
        order == request.candidates.map(\.index)
    }
}
