import ArgumentParser
import CuratorColdStart
import CuratorCore
import CuratorText
import Foundation

/// The options of commands that embed text: which embedder, and where its model is.
struct EmbeddingOptions: ParsableArguments {
    @Option(help: "The text embedder: native (all-MiniLM-L6-v2 in this process) or remote (an OpenAI-compatible /v1/embeddings server, see --embedding-url).")
    var embedder: EmbedderKind = .native

    @Option(name: .customLong("embedding-model-dir"), help: ArgumentHelp("native: the model folder (default: installed by scripts/bootstrap.sh --embeddings).", valueName: "dir"))
    var modelDirectory: String?

    @Option(name: .customLong("embedding-url"), help: ArgumentHelp("remote: the server's base URL (default: $CURATOR_EMBEDDING_URL).", valueName: "url"))
    var url: String?

    @Option(name: .customLong("embedding-model"), help: ArgumentHelp("remote: the model name sent to the server.", valueName: "name"))
    var remoteModel: String?

    /// The configured embedder.
    /// - Throws: `UserError` when the model is not installed or the endpoint is not given.
    func make() throws -> any TextEmbedder {
        switch embedder {
        case .remote:
            guard let base = url ?? ProcessEnvironment.value("CURATOR_EMBEDDING_URL"), let parsed = URL(string: base) else {
                throw UserError("--embedder remote needs --embedding-url (or $CURATOR_EMBEDDING_URL)")
            }
            return RemoteTextEmbedder(baseURL: parsed, model: remoteModel ?? "default",
                                      apiKey: ProcessEnvironment.variables["CURATOR_EMBEDDING_API_KEY"])
        case .native:
            do {
                return try NativeTextEmbedder(location: EmbeddingModelLocation.find(explicit: modelDirectory, environment: ProcessEnvironment.variables))
            } catch {
                throw UserError("\(error)")
            }
        }
    }

    /// The catalog's embeddings, from the cache folder when this embedder embedded the same
    /// texts before (from any state folder). `report` prints how long embedding took.
    func catalogEmbeddings(
        _ dataset: Dataset, items: [Item]? = nil, data: DataOptions, embedder given: (any TextEmbedder)? = nil, report: Bool = true
    ) async throws -> ItemEmbeddings {
        let embedder = try given ?? make()
        let texts = (items ?? dataset.catalog).map(ItemText.text(for:))
        let clock = ContinuousClock()
        var result: (embeddings: ItemEmbeddings, fromCache: Bool)!
        let time = try await clock.measure {
            result = try await ItemEmbeddings.cached(texts, with: embedder, folder: ProcessEnvironment.cacheDirectory().path)
        }
        if report && !result.fromCache {
            Terminal.err(Terminal.dim("embedded \(texts.count) items with \(embedder.name) in \(TerminalProgress.duration(time.seconds)) (\(Int(Double(texts.count) / max(time.seconds, 1e-9))) items/s)"))
        }
        return result.embeddings
    }

    /// The onboarded items of the store, re-embedded (and stored again) when another embedder
    /// made them, so every vector in one space comes from one model.
    func onboardedRecords(_ store: OnboardedItemStore, dataset: Dataset, embedder: any TextEmbedder) async throws -> [OnboardedItemStore.Record] {
        let (records, reembedded) = try await ItemOnboarding.records(in: store, dataset: dataset, embedder: embedder)
        if reembedded > 0 { Terminal.err(Terminal.dim("re-embedded \(reembedded) onboarded items with \(embedder.name)")) }
        return records
    }
}
