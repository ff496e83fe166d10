import CuratorLLM
import Foundation

/// Listwise reranking: the model writes the whole order as JSON, under a schema whose items
/// are an enum of the candidate ids (constrained decoding cannot emit another id).
///
/// The answer is validated all the same (a server may ignore the schema): unknown ids are
/// dropped, duplicates removed, and missing candidates appended in recall order, each with a
/// warning. When no candidate id survives, the pass fails and the recall order is kept.
public struct ListwiseReranker: Reranker {
    public let name = RerankStrategy.listwise.rawValue
    let client: LLMClient
    let prompts: PromptLibrary
    let values: PromptValues
    /// Generated tokens allowed per listed candidate (ids and JSON punctuation).
    public var tokensPerCandidate: Int
    /// Whether the server may reuse a cached prompt prefix (llama.cpp `cache_prompt`).
    public var cachePrompt: Bool
    /// The template used.
    public static let template = "rerank-listwise"
    /// The template this instance renders (a variant of `rerank-listwise` in the prompt lab).
    public var templateName: String

    public init(client: LLMClient, prompts: PromptLibrary, values: PromptValues = PromptValues(),
                tokensPerCandidate: Int = 8, cachePrompt: Bool = true, template: String = ListwiseReranker.template) {
        self.templateName = template
        self.client = client
        self.prompts = prompts
        self.values = values
        self.tokensPerCandidate = tokensPerCandidate
        self.cachePrompt = cachePrompt
    }

    /// The id each candidate is shown and answered with: its catalog id when that is plain
    /// (letters, digits, `-_.:`, at most 32 characters), else `c<position>`. Ids are unique.
    static func keys(for request: RerankRequest) -> [String] {
        var used = Set<String>()
        return request.candidates.enumerated().map { position, candidate in
            let id = candidate.item.id
            let plain = !id.isEmpty && id.count <= 32 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }
            var key = plain ? id : "c\(position + 1)"
            while !used.insert(key).inserted { key += "_" }
            return key
        }
    }

    /// The JSON schema of the answer: `{"ranking": [id, ...]}`, ids from `ids` only.
    public static func schema(ids: [String]) -> JSONValue {
        [
            "type": "object",
            "properties": [
                "ranking": [
                    "type": "array", "items": ["type": "string", "enum": .array(ids.map { .string($0) })],
                    "minItems": 1, "maxItems": .number(Double(ids.count)),
                ],
            ],
            "required": ["ranking"],
            "additionalProperties": false,
        ]
    }

    /// The request this reranker sends for `order` (the prompt lab shows it).
    public func prompt(_ request: RerankRequest, order: [Int]) throws -> RenderedPrompt {
        let allKeys = Self.keys(for: request)
        return try prompts.render(templateName, values.rerank(request, order: order, keys: order.map { allKeys[$0] }))
    }

    public func judge(_ request: RerankRequest, order: [Int]) async throws -> Judgement {
        let allKeys = Self.keys(for: request)
        let keys = order.map { allKeys[$0] }
        let rendered = try prompt(request, order: order)
        let answer = try await client.chat(
            [.user(rendered.text)],
            options: GenerationOptions(
                maxTokens: 16 + tokensPerCandidate * order.count, temperature: 0, seed: 0,
                responseFormat: .jsonSchema(name: "ranking", schema: Self.schema(ids: keys)),
                extra: ["cache_prompt": .bool(cachePrompt)]))
        var judgement = Judgement(scores: Array(repeating: nil, count: request.candidates.count), templateHash: rendered.templateHash)
        judgement.requests = 1
        judgement.promptTokens = answer.usage?.promptTokens ?? 0
        judgement.completionTokens = answer.usage?.completionTokens ?? 0
        let ranking = try Self.parse(answer.text, strategy: name)
        let validated = Self.validate(ranking, keys: allKeys, recallOrder: Array(request.candidates.indices))
        judgement.warnings = validated.warnings
        guard validated.named > 0 else {
            throw RerankError(strategy: name, message: "no candidate id in the answer: \(answer.text.prefix(120))")
        }
        // Position scores: the first of n gets 1, the last 1/n; appended candidates get none.
        for (position, index) in validated.order.prefix(validated.named).enumerated() {
            judgement.scores[index] = Double(validated.named - position) / Double(validated.named)
        }
        return judgement
    }

    /// The `ranking` array of the answer.
    /// - Throws: `RerankError` for text that is not such JSON (garbage, truncated).
    static func parse(_ text: String, strategy: String) throws -> [String] {
        guard let value = try? JSONValue.parse(Data(text.utf8)), let items = value["ranking"]?.arrayValue else {
            throw RerankError(strategy: strategy, message: "the answer is not JSON with a 'ranking' array: \(text.prefix(120))")
        }
        return items.map { $0.stringValue ?? $0.numberValue.map { String(Int($0)) } ?? $0.description }
    }

    /// Turns the model's ranking into a permutation of the candidates.
    /// - Returns: candidate indices in order, how many of them the model named (the rest were
    ///   appended in recall order), and a warning per repair.
    static func validate(_ ranking: [String], keys: [String], recallOrder: [Int]) -> (order: [Int], named: Int, warnings: [String]) {
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        var order: [Int] = []
        var seen = Set<Int>()
        var unknown: [String] = []
        var duplicates: [String] = []
        for id in ranking {
            guard let position = index[id] else { unknown.append(id); continue }
            if seen.insert(position).inserted { order.append(position) } else { duplicates.append(id) }
        }
        let named = order.count
        let missing = recallOrder.filter { !seen.contains($0) }
        order += missing
        var warnings: [String] = []
        if !unknown.isEmpty { warnings.append("dropped \(unknown.count) id(s) outside the candidates: \(unknown.prefix(5).joined(separator: ", "))") }
        if !duplicates.isEmpty {
            var named = Set<String>()
            let distinct = duplicates.filter { named.insert($0).inserted }
            warnings.append("removed \(duplicates.count) repeated id(s): \(distinct.prefix(5).joined(separator: ", "))")
        }
        if !missing.isEmpty, named > 0 { warnings.append("appended \(missing.count) candidate(s) the answer left out, in recall order") }
        return (order, named, warnings)
    }
}
