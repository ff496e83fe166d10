import CuratorLLM
import Foundation

/// LlamaRec-style reranking in one prompt pass: candidates are listed with single-token
/// letters, the model is asked for one token, and each candidate's score is its letter's
/// log-probability among the top alternatives, renormalised over the letters.
///
/// The model cannot produce anything but a score per letter: the generated text is ignored,
/// tokens that are not letters of this list are ignored, so no output can name an item outside
/// the candidates.
public struct VerbalizerReranker: Reranker {
    public let name = RerankStrategy.verbalizer.rawValue
    let client: LLMClient
    let prompts: PromptLibrary
    let values: PromptValues
    let labels: LabelCheck
    /// Alternatives asked for at the answer position; letters outside them get `floorMargin`
    /// below the least likely alternative seen. A small base model spreads its first token over
    /// words ("You", "The"): with Gemma 3 270M only 2 of 5 letters were in the top 20, 9 in the
    /// top 200, so the default asks for 200 (llama.cpp accepts more than OpenAI's 20).
    public var topLogprobs: Int
    /// Whether the server may reuse a cached prompt prefix (llama.cpp `cache_prompt`).
    public var cachePrompt: Bool
    /// How far below the least likely listed alternative an unlisted letter is put (natural log).
    public static let floorMargin = log(2.0)
    /// The template used.
    public static let template = "rerank-verbalizer"
    /// The template this instance renders (a variant of `rerank-verbalizer` in the prompt lab).
    public var templateName: String

    /// Creates a verbalizer.
    /// - Parameters:
    ///   - client: the model server.
    ///   - prompts: holds `rerank-verbalizer`.
    ///   - values: builds sanitised template values.
    ///   - labels: the letters, checked once against the server's tokenizer.
    ///   - topLogprobs: alternatives asked for (at least the number of candidates reranked).
    ///   - cachePrompt: let llama.cpp reuse a cached prompt prefix.
    public init(client: LLMClient, prompts: PromptLibrary, values: PromptValues = PromptValues(),
                labels: LabelCheck? = nil, topLogprobs: Int = 200, cachePrompt: Bool = true,
                template: String = VerbalizerReranker.template) {
        self.templateName = template
        self.client = client
        self.prompts = prompts
        self.values = values
        self.labels = labels ?? LabelCheck(client: client)
        self.topLogprobs = topLogprobs
        self.cachePrompt = cachePrompt
    }

    /// The request this reranker sends for `order` (the bench reuses it for a prompt-only baseline).
    public func prompt(_ request: RerankRequest, order: [Int]) throws -> RenderedPrompt {
        let keys = Array(LabelCheck.letters.prefix(order.count)).map(String.init)
        return try prompts.render(templateName, values.rerank(request, order: order, keys: keys))
    }

    public func judge(_ request: RerankRequest, order: [Int]) async throws -> Judgement {
        guard order.count <= LabelCheck.letters.count else {
            throw RerankError(strategy: name, message: "\(order.count) candidates, but only \(LabelCheck.letters.count) letters")
        }
        try await labels.verify()
        let rendered = try prompt(request, order: order)
        let extra: [String: JSONValue] = ["cache_prompt": .bool(cachePrompt)]
        let answer = try await client.chat(
            [.user(rendered.text)],
            options: GenerationOptions(maxTokens: 1, temperature: 0, seed: 0,
                                       topLogprobs: max(topLogprobs, order.count), extra: extra))
        var judgement = Judgement(scores: Array(repeating: nil, count: request.candidates.count), templateHash: rendered.templateHash)
        judgement.requests = 1
        judgement.promptTokens = answer.usage?.promptTokens ?? 0
        judgement.completionTokens = answer.usage?.completionTokens ?? 0
        guard let first = answer.choices.first?.logprobs?.content?.first else {
            throw RerankError(strategy: name, message: "the answer carries no log-probabilities (text: '\(answer.text.prefix(60))')")
        }
        // `TokenLogprob.Alternative` has no public initialiser (CuratorLLM is not ours to edit): copy into pairs.
        let alternatives = [(token: first.token, logprob: first.logprob)] + (first.topLogprobs ?? []).map { ($0.token, $0.logprob) }
        let probabilities = try Self.letterProbabilities(alternatives, letters: order.count, strategy: name)
        for (position, index) in order.enumerated() { judgement.scores[index] = probabilities[position] }
        return judgement
    }

    /// Each letter's probability, renormalised over the first `letters` letters.
    ///
    /// Alternatives whose token (trimmed) is not one of those letters are ignored. A letter
    /// missing from the alternatives gets `floorMargin` below the least likely one listed: its
    /// true log-probability is at most that low.
    /// - Throws: `RerankError` when no alternative is a letter (the output is garbage).
    static func letterProbabilities(_ alternatives: [(token: String, logprob: Double)], letters: Int, strategy: String) throws -> [Double] {
        let wanted = Array(LabelCheck.letters.prefix(letters)).map(String.init)
        // A log-probability is at most 0 (a little above, from rounding); more is nonsense.
        if let bad = alternatives.first(where: { $0.logprob > 1e-6 }) {
            throw RerankError(strategy: strategy, message: "log-probability \(bad.logprob) for '\(bad.token)' is above 0: not a probability")
        }
        var logprob: [String: Double] = [:]
        var seen = Set<String>()
        for alternative in alternatives where alternative.logprob.isFinite {
            let token = alternative.token.trimmingCharacters(in: .whitespacesAndNewlines)
            // The same token may be listed twice (the chosen one and its alternatives): count it once.
            guard wanted.contains(token), seen.insert(alternative.token).inserted else { continue }
            // " A" and "A" are the same letter: add their probabilities (log-sum-exp).
            logprob[token] = logprob[token].map { logSumExp($0, alternative.logprob) } ?? alternative.logprob
        }
        guard !logprob.isEmpty else {
            let tokens = alternatives.prefix(8).map { "'\($0.token)'" }.joined(separator: ", ")
            throw RerankError(strategy: strategy, message: "no candidate letter among the answer's alternatives (\(tokens))")
        }
        let floor = (alternatives.map(\.logprob).filter(\.isFinite).min() ?? logprob.values.min()!) - floorMargin
        let values = wanted.map { logprob[$0] ?? floor }
        let top = values.max()!
        let total = values.reduce(0) { $0 + exp($1 - top) }
        return values.map { exp($0 - top) / total }
    }

    static func logSumExp(_ a: Double, _ b: Double) -> Double {
        let top = max(a, b)
        return top + log(exp(a - top) + exp(b - top))
    }
}

/// The candidate letters, checked once per server with `/tokenize`: each must be one token,
/// and no two the same token, or their log-probabilities could not be read in one step.
public actor LabelCheck {
    /// A–Z: up to 26 candidates per pass (20 by default).
    public static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    let client: LLMClient
    private var result: Result<Void, RerankError>?

    public init(client: LLMClient) { self.client = client }

    /// Checks the letters the first time; later calls repeat the first answer.
    /// A server without `/tokenize` (HTTP 404, not llama.cpp) passes unchecked.
    /// - Throws: `RerankError` when a letter is not a single token; `LLMError` when the check fails.
    public func verify() async throws {
        if let result { return try result.get() }
        var outcome: Result<Void, RerankError> = .success(())
        do {
            var ids = Set<Int>()
            for letter in Self.letters {
                let tokens = try await client.tokenize(String(letter))
                guard tokens.count == 1, ids.insert(tokens[0].id).inserted else {
                    outcome = .failure(RerankError(strategy: "verbalizer", message: "label '\(letter)' is \(tokens.count) tokens for this model"))
                    break
                }
            }
        } catch where error.kind == .httpStatus(404) {
            outcome = .success(())
        } catch {
            // Not cached: the server may answer next time. The server's own error goes up
            // as it is, so a turn's budget sees a failing server and stops asking it.
            throw error
        }
        result = outcome
        try outcome.get()
    }
}
