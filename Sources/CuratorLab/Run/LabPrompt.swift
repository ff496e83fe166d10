import CuratorCore
import CuratorLLM
import CuratorLLMStage

/// The rerank prompt of a template for one user, exactly as the lab sends it.
public enum LabPrompt {
    /// Renders `template` (a verbalizer or listwise variant: `listwise` in its name picks the
    /// latter's ids) for `user`'s first `candidates` candidates in recall order.
    /// - Throws: `PromptError` for an unknown template.
    public static func render(_ template: String, prompts: PromptLibrary, user: LabCase, catalog: [Item], candidates: Int) throws -> RenderedPrompt {
        let request = RerankRequest(
            history: user.history.map { catalog[Int($0)] },
            candidates: user.recall.prefix(candidates).map { RerankCandidate(index: $0.item, item: catalog[Int($0.item)], recallScore: $0.score) })
        _ = try prompts.template(template)
        // The client is never called: rendering needs none, but the rerankers hold one.
        let client = LLMClient(configuration: LLMConfiguration())
        let order = Array(request.candidates.indices)
        if template.contains("listwise") {
            return try ListwiseReranker(client: client, prompts: prompts, template: template).prompt(request, order: order)
        }
        return try VerbalizerReranker(client: client, prompts: prompts, template: template).prompt(request, order: order)
    }
}
