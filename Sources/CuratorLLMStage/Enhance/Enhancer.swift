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
    /// - Throws: `LLMError`, `CacheError`, `PromptError`, or `RerankError` for an answer that does not decode.
    public func itemProfile(_ item: Item) async throws -> Enhanced<ItemProfile> {
        let rendered = try prompts.render("enhance-item", values.item(item))
        return try await generate(rendered, schema: ItemProfile.schema, maxTokens: 200)
    }

    /// The taste profile of a user with `history` (oldest first).
    /// - Throws: as `itemProfile`.
    public func tasteProfile(history: [Item]) async throws -> Enhanced<TasteProfile> {
        let rendered = try prompts.render("enhance-user", ["history": values.history(history)])
        return try await generate(rendered, schema: TasteProfile.schema, maxTokens: 200)
    }

    func generate<Value: Decodable & Sendable>(_ rendered: RenderedPrompt, schema: JSONValue, maxTokens: Int) async throws -> Enhanced<Value> {
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
            throw RerankError(strategy: rendered.templateName, message: "the answer does not fit the schema: \(answer.text.prefix(160))")
        }
        try cache.store(answer.text, model: modelName, templateHash: rendered.templateHash, input: rendered.text)
        return Enhanced(value: value, fromCache: false, templateHash: rendered.templateHash)
    }
}
