import CuratorHTTP
import Foundation
import Logging

/// A client for OpenAI-compatible servers: llama.cpp's server, vLLM, Ollama's OpenAI API, OpenAI.
///
/// Every call retries transient failures (connection errors, 429, 5xx, honouring `Retry-After`)
/// with exponential backoff and jitter, within one deadline per call.
public struct LLMClient: Sendable {
    /// Where and how to connect.
    public let configuration: LLMConfiguration
    let http: HTTPClient
    let logger: Logger

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: endpoint, model, key, timeouts and retries.
    ///   - http: the transport; share one to reuse connections.
    ///   - logger: receives debug lines per call (never the key or the prompts).
    public init(configuration: LLMConfiguration, http: HTTPClient? = nil, logger: Logger = Logger(label: "curator.llm")) {
        self.configuration = configuration
        self.logger = logger
        self.http = http ?? HTTPClient(
            configuration: HTTPClient.Configuration(timeouts: HTTPTimeouts(connect: configuration.connectTimeout, total: nil)),
            logger: logger)
    }

    /// Answers a conversation.
    /// - Throws: `LLMError`.
    public func chat(_ messages: [ChatMessage], options: GenerationOptions = GenerationOptions()) async throws(LLMError) -> ChatCompletion {
        var body = try fields(options, chat: true)
        body["messages"] = try Self.json(messages)
        return try await post(configuration.apiURL("chat/completions"), body: body)
    }

    /// Continues a prompt (`/v1/completions`).
    /// - Throws: `LLMError`.
    public func complete(_ prompt: String, options: GenerationOptions = GenerationOptions()) async throws(LLMError) -> TextCompletion {
        var body = try fields(options, chat: false)
        body["prompt"] = .string(prompt)
        return try await post(configuration.apiURL("completions"), body: body)
    }

    /// Embeds `texts` (`/v1/embeddings`); vectors come back in the order of `texts`.
    /// - Throws: `LLMError`, `.malformedResponse` when the vectors differ in length.
    public func embed(_ texts: [String]) async throws(LLMError) -> Embeddings {
        var body: [String: JSONValue] = ["input": .array(texts.map { .string($0) }), "encoding_format": "float"]
        if let model = configuration.model { body["model"] = .string(model) }
        let url = configuration.apiURL("embeddings")
        let response: EmbeddingsResponse = try await post(url, body: body)
        let items = response.data.enumerated().sorted { ($0.element.index ?? $0.offset) < ($1.element.index ?? $1.offset) }
        let dimension = items.first?.element.embedding.count ?? 0
        guard items.count == texts.count, items.allSatisfy({ $0.element.embedding.count == dimension }) else {
            throw LLMError(.malformedResponse, endpoint: "POST \(url.absoluteString)",
                           message: "expected \(texts.count) vectors of one length, got \(items.map { $0.element.embedding.count })")
        }
        return Embeddings(dimension: dimension, values: items.flatMap { $0.element.embedding })
    }

    /// The models the server offers (`/v1/models`).
    /// - Throws: `LLMError`.
    public func models() async throws(LLMError) -> [ModelInfo] {
        let list: ModelList = try await get(configuration.apiURL("models"))
        return list.data
    }

    // MARK: - Plumbing

    func fields(_ options: GenerationOptions, chat: Bool) throws(LLMError) -> [String: JSONValue] {
        do {
            var body = try options.fields(chat: chat)
            if let model = configuration.model, body["model"] == nil { body["model"] = .string(model) }
            return body
        } catch {
            throw LLMError(.transport, endpoint: configuration.endpoint.absoluteString, message: "cannot encode the request: \(error)")
        }
    }

    static func json<T: Encodable>(_ value: T) throws(LLMError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        } catch {
            throw LLMError(.transport, endpoint: "-", message: "cannot encode the request: \(error)")
        }
    }

    /// Headers every call carries: JSON, and the key when there is one.
    var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let key = configuration.apiKey { headers.append(("Authorization", "Bearer \(key.secret)")) }
        return headers
    }

    func request(_ method: String, _ url: URL, body: [String: JSONValue]?) throws(LLMError) -> HTTPRequest {
        guard let body else { return HTTPRequest(method: method, url: url, headers: headers) }
        do {
            return try HTTPRequest.postJSON(url, body, headers: headers)
        } catch {
            throw LLMError(.transport, endpoint: "\(method) \(url.absoluteString)", message: "cannot encode the request: \(error)")
        }
    }

    /// Sends with retries within the configured deadline.
    func send(_ request: HTTPRequest) async throws(LLMError) -> HTTPResponse {
        let deadline = ContinuousClock.now + configuration.requestTimeout
        do {
            return try await http.withRetries(configuration.retryPolicy, deadline: deadline, request: request) { timeouts throws(HTTPError) in
                var attempt = request
                attempt.timeouts = timeouts
                return try await http.send(attempt)
            }
        } catch {
            throw LLMError(error)
        }
    }

    func post<T: Decodable>(_ url: URL, body: [String: JSONValue]) async throws(LLMError) -> T {
        let response = try await send(try request("POST", url, body: body))
        return try Self.decode(T.self, from: response.body, endpoint: "POST \(url.absoluteString)")
    }

    func get<T: Decodable>(_ url: URL) async throws(LLMError) -> T {
        let response = try await send(try request("GET", url, body: nil))
        return try Self.decode(T.self, from: response.body, endpoint: "GET \(url.absoluteString)")
    }

    /// Decodes a snake_case JSON body, or says which part of it did not fit.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: String) throws(LLMError) -> T {
        let decoder = JSONDecoder()
        // Free-form JSON keeps the server's own keys (the strategy would rename dictionary keys too).
        if T.self != JSONValue.self { decoder.keyDecodingStrategy = .convertFromSnakeCase }
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw LLMError(.malformedResponse, endpoint: endpoint, message: describe(error), snippet: LLMError.snippet(of: data))
        }
    }

    /// A one-line account of a decoding failure.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context): return "not valid JSON (\(context.debugDescription))"
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' at '\(path(context))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at '\(path(context))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
