import CuratorCore
import CuratorLLM
import Foundation

/// A short reason for one recommendation, grounded in an item the user really has.
public struct Explanation: Sendable, Codable, Equatable {
    /// The recommended item's id.
    public var itemID: String
    /// The history item the reason rests on, and its title.
    public var anchorID: String
    public var anchorTitle: String
    /// The generated sentence(s) (empty when generation failed).
    public var sentence: String
    /// What is shown: "Because you liked <anchor>: <sentence>".
    public var text: String
    /// The hash of the explain template.
    public var templateHash: String
    /// Why no sentence was generated, if none was.
    public var warning: String?
}

/// Writes explanations with the `explain` template, streaming the text as it is generated.
///
/// The anchor is chosen before the model runs (`AnchorSelector`) and named by the code, not by
/// the model: whatever the model writes, the explanation names an item of the user's history.
public struct Explainer: Sendable {
    let client: LLMClient
    let prompts: PromptLibrary
    let values: PromptValues
    /// Tokens allowed for the sentence.
    public var maxTokens: Int

    public init(client: LLMClient, prompts: PromptLibrary, values: PromptValues = PromptValues(), maxTokens: Int = 48) {
        self.client = client
        self.prompts = prompts
        self.values = values
        self.maxTokens = maxTokens
    }

    /// Explains `candidate` through `anchor`; never fails (a failed generation leaves the
    /// anchor sentence alone, with a warning).
    /// - Parameter onText: receives the shown text as it grows: the anchor part first, then
    ///   the generated pieces (only those of the first line).
    public func explain(candidate: Item, anchor: Item, onText: @Sendable (String) -> Void = { _ in }) async -> Explanation {
        let lead = "Because you liked \(anchor.displayTitle)"
        var explanation = Explanation(itemID: candidate.id, anchorID: anchor.id, anchorTitle: anchor.displayTitle,
                                      sentence: "", text: lead + ".", templateHash: "")
        do {
            let rendered = try prompts.render("explain", ["anchor": values.item(anchor), "candidate": values.item(candidate, textLength: 200)])
            explanation.templateHash = rendered.templateHash
            onText(lead + ": ")
            let stream = try await client.streamChat(
                [.user(rendered.text)], options: GenerationOptions(maxTokens: maxTokens, temperature: 0, seed: 0, stop: ["\n\n"]))
            var text = ""
            var forwarding = true
            for try await chunk in stream {
                text += chunk.text
                if forwarding {
                    let piece = chunk.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                    if !piece.isEmpty { onText(piece) }
                    if chunk.text.contains("\n"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { forwarding = false }
                }
            }
            explanation.sentence = Self.clean(text)
        } catch {
            explanation.warning = "no explanation generated: \(error)"
        }
        if !explanation.sentence.isEmpty { explanation.text = lead + ": " + explanation.sentence }
        return explanation
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
