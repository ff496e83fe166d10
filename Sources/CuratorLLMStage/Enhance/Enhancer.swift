import CuratorCore
import CuratorLLM
import Foundation

/// Writes item and user text profiles with the LLM, cached persistently under
/// model + template hash + rendered input, so a rerun costs nothing.
public struct Enhancer: Sendable {
    let client: LLMClient
    let prompts: PromptLibrary
    let values: PromptValues
    let cache: ResponseCache
    /// The model name cache entries are keyed by (the configured model, or the server's model file).
    public let modelName: String

    public init(client: LLMClient, prompts: PromptLibrary, cache: ResponseCache, values: PromptValues = PromptValues(), modelName: String? = nil) {
        self.client = client
        self.prompts = prompts
        self.cache = cache
        self.values = values
        self.modelName = modelName ?? client.configuration.model ?? client.configuration.endpoint.absoluteString
    }

    /// The hash of the item template in use: entries written with another one are stale.
    /// - Throws: `PromptError` when the library has no `enhance-item` template.
    public func itemTemplateHash() throws -> String { try prompts.template("enhance-item").hash }

    /// The profile of `item`.
    /// - Throws: `LLMError`, `CacheError`, `PromptError`, or `EnhancementError` for an answer that does not decode.
    public func itemProfile(_ item: Item) async throws -> Enhanced<ItemProfile> {
        let rendered = try prompts.render("enhance-item", values.item(item))
        return try await generate(rendered, schema: ItemProfile.schema)
    }

    /// The taste profile of a user with `history` (oldest first).
    /// - Throws: as `itemProfile`.
    public func tasteProfile(history: [Item]) async throws -> Enhanced<TasteProfile> {
        let rendered = try prompts.render("enhance-user", ["history": values.history(history)])
        return try await generate(rendered, schema: TasteProfile.schema)
    }

    /// The answer to `rendered`, under `schema`, with a token budget no answer the schema
    /// allows can exceed (`AnswerBudget`).
    func generate<Value: Decodable & Sendable>(_ rendered: RenderedPrompt, schema: JSONValue) async throws -> Enhanced<Value> {
        let maxTokens = AnswerBudget.tokens(schema, fallback: 1024)
        if let text = try cache.value(model: modelName, templateHash: rendered.templateHash, input: rendered.text),
           let value = try? JSONDecoder().decode(Value.self, from: Data(text.utf8)) {
            return Enhanced(value: value, fromCache: true, templateHash: rendered.templateHash)
        }
        let answer = try await client.chat(
            [.user(rendered.text)],
            options: GenerationOptions(maxTokens: maxTokens, temperature: 0, seed: 0,
                                       responseFormat: .jsonSchema(name: rendered.templateName, schema: schema)))
        let value: Value
        do {
            value = try JSONDecoder().decode(Value.self, from: Data(answer.text.utf8))
        } catch {
            let finish = answer.choices.first?.finishReason
            throw EnhancementError(
                step: rendered.templateName,
                message: (finish == "length" ? "the answer was cut off at \(maxTokens) tokens" : "the answer does not fit the schema")
                    + ": \(answer.text.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(160))")
        }
        try cache.store(answer.text, model: modelName, templateHash: rendered.templateHash, input: rendered.text)
        return Enhanced(value: value, fromCache: false, templateHash: rendered.templateHash)
    }
}

/// An answer of the LLM that cannot be used as a profile.
public struct EnhancementError: Error, Sendable, CustomStringConvertible {
    /// The step that asked: the template's name (`enhance-item`, `enhance-user`).
    public var step: String
    /// What happened, with the start of the offending answer.
    public var message: String

    public init(step: String, message: String) {
        self.step = step
        self.message = message
    }

    public var description: String { "\(step): \(message)" }
}
