import CuratorColdStart
import CuratorCore
import CuratorTestSupport
import CuratorText

/// Users who each watch mostly one genre (horror, comedy or western), items titled by genre.
func genreLoyalDataset(items: Int = 60, seed: UInt64 = 11) -> Dataset {
    DatasetFixtures.genreLoyal(items: items, seed: seed)
}

func embeddings(of dataset: Dataset) async throws -> ItemEmbeddings {
    try await ItemEmbeddings.compute(dataset.catalog.map(ItemText.text(for:)), with: KeywordEmbedder())
}
