import CuratorColdStart
import CuratorCore
import CuratorRecall
import CuratorText

/// The dataset with the items added by `curator items add` placed among its own, as
/// `recommend`, `similar` and `chat` show them: one home for loading, embedding and placing them.
struct OnboardedSetup {
    let embedder: any TextEmbedder
    let records: [OnboardedItemStore.Record]
    let catalog: OnboardedCatalog
    /// The dataset seen by the output code: its items, then the onboarded ones.
    let extended: Dataset
    let scorer: OnboardedScorer

    /// - Parameter model: the dataset's fitted recall model, which the onboarded items are placed into.
    init(_ dataset: Dataset, counts: [Int], model: any RecallModel, data: DataOptions, embedding: EmbeddingOptions) async throws {
        embedder = try embedding.make()
        let store = OnboardedItemStore(datasetFolder: data.stateFolder)
        records = try await embedding.onboardedRecords(store, dataset: dataset, embedder: embedder)
        catalog = try OnboardedCatalog(
            dataset: dataset, catalogEmbeddings: try await embedding.catalogEmbeddings(dataset, data: data, embedder: embedder),
            records: records, itemCounts: counts)
        extended = catalog.extending(dataset)
        scorer = OnboardedScorer(model: model, catalog: catalog, itemCounts: counts)
    }

    /// The setup when the dataset has onboarded items; nil when it has none (then nothing is
    /// placed and no embedding model is needed).
    static func ifAny(_ dataset: Dataset, counts: [Int], model: any RecallModel, data: DataOptions, embedding: EmbeddingOptions) async throws -> OnboardedSetup? {
        guard !(try OnboardedItemStore(datasetFolder: data.stateFolder).load()).isEmpty else { return nil }
        return try await OnboardedSetup(dataset, counts: counts, model: model, data: data, embedding: embedding)
    }

    /// `scorer` as a recall model over `extended`'s catalog: what the chat's engine ranks with.
    var recall: any RecallModel { OnboardedRecallModel(scorer) }
}
