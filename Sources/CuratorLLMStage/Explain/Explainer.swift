import CuratorCore
import CuratorLLM
import Foundation

/// Where an explanation's sentence came from.
public enum ExplanationSource: String, Sendable, Codable, CaseIterable {
    /// Written by the LLM, and passed `FaithfulnessCheck`.
    case llm
    /// Composed by code from catalog facts (`GroundedExplainer`).
    case grounded
}

/// A short reason for one recommendation, grounded in an item the user really has.
public struct Explanation: Sendable, Codable, Equatable {
    /// The recommended item's id.
    public var itemID: String
    /// The history item the reason rests on, and its title (empty when none: a popular item).
    public var anchorID: String
    public var anchorTitle: String
    /// The sentence(s) after the lead.
    public var sentence: String
    /// What is shown: "Because you liked <anchor>: <sentence>" (or "More like <anchor>, as you
    /// asked: …" for a film named without a feeling).
    public var text: String
    /// The hash of the explain template (empty for a grounded explanation).
    public var templateHash: String
    /// Why the LLM's sentence is not shown, if it is not (it failed, was skipped, or failed the check).
    public var warning: String?
    /// Where the shown sentence came from.
    public var source: ExplanationSource = .grounded
    /// The check of the LLM's sentence, when the LLM wrote one.
    public var verdict: FaithfulnessCheck.Verdict?
    /// The LLM's sentence that failed the check (never shown; for `/debug` and the lab).
    public var rejectedSentence: String?
}

/// Writes explanation sentences with the `explain` template. The sentence is gathered whole
/// (its first line, at most `maximumCharacters`) and returned with the prompt it answered, so
/// it can be checked before anyone sees it.
///
/// The anchor is chosen before the model runs (`AnchorSelector`) and named by the code, not by
/// the model: whatever the model writes, the explanation names an item of the user's history.
public struct Explainer: Sendable {
    let client: LLMClient
    let prompts: PromptLibrary
    let values: PromptValues
    /// Tokens allowed for the sentence.
    public var maxTokens: Int
    /// Characters read at most (the rest of a runaway answer is not read).
    public var maximumCharacters = 1_000

    public init(client: LLMClient, prompts: PromptLibrary, values: PromptValues = PromptValues(), maxTokens: Int = 48) {
        self.client = client
        self.prompts = prompts
        self.values = values
        self.maxTokens = maxTokens
    }

    /// A generated sentence and what produced it.
    public struct Draft: Sendable {
        public var sentence: String
        /// The prompt sent (what a copied sentence is compared with).
        public var prompt: String
        public var templateHash: String
    }

    /// The model's sentence on why `candidate` suits someone who liked `anchor`.
    /// - Throws: `LLMError`, `PromptError`.
    public func draft(candidate: Item, anchor: Item) async throws -> Draft {
        try await draft(try prompt(candidate: candidate, anchor: anchor))
    }

    /// The explain prompt for `candidate` and `anchor`.
    /// - Throws: `PromptError`.
    public func prompt(candidate: Item, anchor: Item) throws -> RenderedPrompt {
        try prompts.render("explain", ["anchor": values.item(anchor), "candidate": values.item(candidate, textLength: 200)])
    }

    /// The model's sentence for a rendered explain prompt.
    /// - Throws: `LLMError`.
    public func draft(_ rendered: RenderedPrompt) async throws -> Draft {
        let stream = try await client.streamChat(
            [.user(rendered.text)], options: GenerationOptions(maxTokens: maxTokens, temperature: 0, seed: 0, stop: ["\n\n"]))
        var text = ""
        for try await chunk in stream {
            text += chunk.text
            // The first line is all that is used: stop reading once it is complete.
            let started = !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            if (started && chunk.text.contains("\n")) || text.count >= maximumCharacters { break }
        }
        return Draft(sentence: Self.clean(text), prompt: rendered.text, templateHash: rendered.templateHash)
    }

    /// The first non-empty line, at most two sentences, without wrapping quotes or markup.
    static func clean(_ text: String) -> String {
        let line = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        var result = line.trimmingCharacters(in: CharacterSet(charactersIn: "\"'*` "))
        var ends = 0
        for index in result.indices where ".!?".contains(result[index]) {
            let next = result.index(after: index)
            if next == result.endIndex || result[next] == " " {
                ends += 1
                if ends == 2 {
                    result = String(result[...index])
                    break
                }
            }
        }
        return result
    }
}
