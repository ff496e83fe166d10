import Foundation

/// One message of a conversation.
public struct ChatMessage: Sendable, Codable, Equatable {
    /// `system`, `user` or `assistant`.
    public var role: String
    /// The text.
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: "system", content: text) }
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: "user", content: text) }
    public static func assistant(_ text: String) -> ChatMessage { ChatMessage(role: "assistant", content: text) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decodeIfPresent(String.self, forKey: .role) ?? "assistant"
        content = try container.decodeIfPresent(String.self, forKey: .content) ?? ""
    }
}

/// Constrains the output's shape.
public enum ResponseFormat: Sendable, Equatable, Encodable {
    /// Any JSON object.
    case jsonObject
    /// JSON that fits `schema` (constrained decoding on llama.cpp, structured outputs on OpenAI).
    case jsonSchema(name: String, schema: JSONValue, strict: Bool = true)

    public func encode(to encoder: any Encoder) throws {
        let value: JSONValue = switch self {
        case .jsonObject: ["type": "json_object"]
        case .jsonSchema(let name, let schema, let strict):
            ["type": "json_schema", "json_schema": ["name": .string(name), "schema": schema, "strict": .bool(strict)]]
        }
        try value.encode(to: encoder)
    }
}

/// Sampling and output options shared by chat and text completions.
public struct GenerationOptions: Sendable, Equatable {
    /// The most tokens to generate.
    public var maxTokens: Int?
    /// Sampling temperature; 0 is greedy.
    public var temperature: Double?
    /// Seed for reproducible sampling (where the server supports it).
    public var seed: Int?
    /// Stop generating at any of these strings.
    public var stop: [String]?
    /// Return the log-probability of each generated token, with this many alternatives (0...20).
    public var topLogprobs: Int?
    /// Constrain the output (JSON object or schema).
    public var responseFormat: ResponseFormat?
    /// Extra body fields passed through as they are (e.g. llama.cpp's `cache_prompt`).
    public var extra: [String: JSONValue]

    public init(
        maxTokens: Int? = nil, temperature: Double? = nil, seed: Int? = nil, stop: [String]? = nil,
        topLogprobs: Int? = nil, responseFormat: ResponseFormat? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.seed = seed
        self.stop = stop
        self.topLogprobs = topLogprobs
        self.responseFormat = responseFormat
        self.extra = extra
    }

    /// The request-body fields for these options.
    func fields(chat: Bool) throws -> [String: JSONValue] {
        var fields = extra
        if let maxTokens { fields["max_tokens"] = .number(Double(maxTokens)) }
        if let temperature { fields["temperature"] = .number(temperature) }
        if let seed { fields["seed"] = .number(Double(seed)) }
        if let stop { fields["stop"] = .array(stop.map { .string($0) }) }
        if let topLogprobs {
            // Chat: `logprobs: true` + `top_logprobs: n`; legacy completions: `logprobs: n`.
            if chat {
                fields["logprobs"] = true
                fields["top_logprobs"] = .number(Double(topLogprobs))
            } else {
                fields["logprobs"] = .number(Double(topLogprobs))
            }
        }
        if let responseFormat {
            fields["response_format"] = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(responseFormat))
        }
        return fields
    }
}

/// Token usage of one call.
public struct Usage: Sendable, Decodable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }
}

/// llama.cpp's timing report of one call.
public struct Timings: Sendable, Decodable, Equatable {
    public var promptN: Int?
    public var promptMs: Double?
    public var promptPerSecond: Double?
    public var predictedN: Int?
    public var predictedMs: Double?
    public var predictedPerSecond: Double?
}

/// The log-probabilities of generated tokens.
public struct TokenLogprobs: Sendable, Decodable, Equatable {
    /// One entry per generated token.
    public var content: [TokenLogprob]?
}

/// One generated token with its log-probability and the most likely alternatives.
public struct TokenLogprob: Sendable, Decodable, Equatable {
    public var token: String
    public var logprob: Double
    public var topLogprobs: [Alternative]?

    /// An alternative token at this position.
    public struct Alternative: Sendable, Decodable, Equatable {
        public var token: String
        public var logprob: Double
    }
}

/// The answer to a chat completion.
public struct ChatCompletion: Sendable, Decodable {
    public var id: String?
    public var model: String?
    public var choices: [Choice]
    public var usage: Usage?
    /// llama.cpp only.
    public var timings: Timings?

    /// One alternative answer.
    public struct Choice: Sendable, Decodable {
        public var index: Int?
        public var message: ChatMessage
        public var finishReason: String?
        public var logprobs: TokenLogprobs?
    }

    /// The first choice's text.
    public var text: String { choices.first?.message.content ?? "" }
}

/// One event of a streamed chat completion.
public struct ChatCompletionChunk: Sendable, Decodable {
    public var id: String?
    public var choices: [Choice]
    public var usage: Usage?
    public var timings: Timings?

    /// The change to one choice.
    public struct Choice: Sendable, Decodable {
        public var index: Int?
        public var delta: Delta
        public var finishReason: String?
        public var logprobs: TokenLogprobs?
    }

    /// New text (and, first, the role).
    public struct Delta: Sendable, Decodable {
        public var role: String?
        public var content: String?
    }

    /// The first choice's new text.
    public var text: String { choices.first?.delta.content ?? "" }
}
