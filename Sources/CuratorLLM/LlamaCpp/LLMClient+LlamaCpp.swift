import CuratorHTTP
import Foundation

/// The health of a llama.cpp server.
public enum ServerHealth: Sendable, Equatable {
    /// Ready for requests.
    case ready
    /// Up, but still loading the model (HTTP 503).
    case loading
    /// Not answering, with the reason.
    case unreachable(String)
    /// Answering, but refusing the API key (HTTP 401 or 403), with the server's message.
    case rejectedKey(status: Int, message: String)
}

/// A token and its text, from `/tokenize`.
public struct Token: Sendable, Equatable, Decodable {
    public var id: Int
    public var piece: String
}

/// Part of llama.cpp's `/props`.
public struct ServerProperties: Sendable {
    /// The loaded model file.
    public var modelPath: String?
    /// Parallel slots.
    public var totalSlots: Int?
    /// The context size of one slot.
    public var contextSize: Int?
    /// The chat template in use.
    public var chatTemplate: String?
    /// The whole answer.
    public var raw: JSONValue
}

/// llama.cpp's own endpoints, beside the OpenAI API: health, tokenizer, properties.
extension LLMClient {
    /// Asks `/health` once, without retries, with the key (a gateway in front of the server
    /// may guard every path; its 401 then says the key is wrong, not that nobody answers).
    public func health() async -> ServerHealth {
        var request = HTTPRequest.get(configuration.serverURL("health"), headers: headers)
        request.timeouts = HTTPTimeouts(connect: configuration.connectTimeout, total: .seconds(5))
        do {
            _ = try await http.send(request)
            return .ready
        } catch {
            if case .status(503) = error.kind { return .loading }
            if case .status(let status) = error.kind, status == 401 || status == 403 {
                return .rejectedKey(status: status, message: error.message)
            }
            return .unreachable(error.description)
        }
    }

    /// Polls `/health` until the server is ready (waiting while it answers 503 or does not answer yet).
    /// - Parameter timeout: how long to wait.
    /// - Throws: `LLMError.timedOut` when it is not ready in time, `.cancelled` when cancelled.
    public func waitUntilReady(timeout: Duration) async throws(LLMError) {
        let end = ContinuousClock.now + timeout
        var last = ServerHealth.unreachable("not asked yet")
        while ContinuousClock.now < end {
            last = await health()
            if last == .ready { return }
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                throw LLMError(.cancelled, endpoint: "GET \(configuration.serverURL("health"))", message: "cancelled")
            }
        }
        throw LLMError(.timedOut, endpoint: "GET \(configuration.serverURL("health"))",
                       message: "not ready after \(timeout); last answer: \(last)")
    }

    /// Splits `text` into the model's tokens (`/tokenize`, no special tokens added).
    /// - Throws: `LLMError`.
    public func tokenize(_ text: String) async throws(LLMError) -> [Token] {
        struct Answer: Decodable { var tokens: [Token] }
        let answer: Answer = try await post(
            configuration.serverURL("tokenize"),
            body: ["content": .string(text), "add_special": false, "with_pieces": true])
        return answer.tokens
    }

    /// Turns token ids back into text (`/detokenize`).
    /// - Throws: `LLMError`.
    public func detokenize(_ tokens: [Int]) async throws(LLMError) -> String {
        struct Answer: Decodable { var content: String }
        let answer: Answer = try await post(
            configuration.serverURL("detokenize"), body: ["tokens": .array(tokens.map { .number(Double($0)) })])
        return answer.content
    }

    /// Whether `label` is exactly one token (so its log-probability can be read in one step).
    /// - Throws: `LLMError`.
    public func isSingleToken(_ label: String) async throws(LLMError) -> Bool {
        try await tokenize(label).count == 1
    }

    /// The server's properties (`/props`).
    /// - Throws: `LLMError`.
    public func properties() async throws(LLMError) -> ServerProperties {
        let raw: JSONValue = try await get(configuration.serverURL("props"))
        let settings = raw["default_generation_settings"]
        return ServerProperties(
            modelPath: raw["model_path"]?.stringValue,
            totalSlots: raw["total_slots"]?.numberValue.map { Int($0) },
            contextSize: (settings?["n_ctx"] ?? raw["n_ctx"])?.numberValue.map { Int($0) },
            chatTemplate: raw["chat_template"]?.stringValue,
            raw: raw)
    }
}
