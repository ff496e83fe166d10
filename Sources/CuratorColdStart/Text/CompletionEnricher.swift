import CuratorCore
import CuratorHTTP
import Foundation
import Synchronization

/// Writes item descriptions with an OpenAI-compatible `/v1/completions` endpoint (llama.cpp's
/// server, or hosted), caching every answer in a JSON file so a rerun costs nothing.
///
/// A stop-gap until the LLM client (`CuratorLLM`) lands: it should then be rebuilt on that
/// client's prompts, retries and response cache.
public final class CompletionEnricher: TextEnricher {
    public let baseURL: URL
    public let model: String
    public let maxTokens: Int
    public let cachePath: String?
    private let client: HTTPClient
    private let cache: Mutex<[String: String]>

    /// - Parameter cachePath: a JSON file of prompt → answer, read now and rewritten atomically
    ///   after each new answer.
    public init(baseURL: URL, model: String = "default", maxTokens: Int = 60, cachePath: String? = nil, client: HTTPClient = HTTPClient()) {
        self.baseURL = baseURL
        self.model = model
        self.maxTokens = maxTokens
        self.cachePath = cachePath
        self.client = client
        var stored: [String: String] = [:]
        if let cachePath, let data = FileManager.default.contents(atPath: cachePath),
           let decoded = try? JSONDecoder().decode([String: String].self, from: data) { stored = decoded }
        cache = Mutex(stored)
    }

    public var name: String { "completion-" + model }

    /// The prompt for an item: a catalog-style lead that a base model continues with a plot.
    public static func prompt(for item: Item) -> String {
        let genres = item.genres.isEmpty ? "" : " Genres: \(item.genres.joined(separator: ", ")).\n"
        return "Film: \(item.displayTitle).\n\(genres)Plot summary in two sentences:"
    }

    struct Request: Encodable {
        var model: String; var prompt: String; var max_tokens: Int; var temperature: Double; var stop: [String]
    }
    struct Response: Decodable { struct Choice: Decodable { var text: String }; var choices: [Choice] }

    /// - Throws: `HTTPError`, or `TextError`-like `DataError` when the answer is not a completion.
    public func describe(_ item: Item) async throws -> String? {
        let prompt = Self.prompt(for: item)
        if let hit = cache.withLock({ $0[prompt] }) { return hit.isEmpty ? nil : hit }
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        let url = URL(string: base.hasSuffix("/v1") ? base + "/completions" : base + "/v1/completions")!
        let response = try await client.send(try HTTPRequest.postJSON(
            url, Request(model: model, prompt: prompt, max_tokens: maxTokens, temperature: 0, stop: ["\n\n", "Film:"])))
        guard let text = try? JSONDecoder().decode(Response.self, from: response.body).choices.first?.text else {
            throw DataError(.malformedJSON("not a completion: \(String(decoding: response.body.prefix(200), as: UTF8.self))"), file: url.absoluteString)
        }
        let answer = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let snapshot = cache.withLock { $0[prompt] = answer; return $0 }
        if let cachePath {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try? AtomicFile.write(try encoder.encode(snapshot), to: cachePath)
        }
        return answer.isEmpty ? nil : answer
    }
}
