import CuratorChat
import CuratorColdStart
import CuratorCore
import CuratorRecall
import CuratorText

extension RecommendCommand {
    /// Recommends over the catalog plus the onboarded items, and for `--text` users.
    func runWithColdStart(_ dataset: Dataset) async throws {
        let counts = dataset.itemInteractionCounts()
        let embedder = try embedding.make()
        let store = OnboardedItemStore(datasetFolder: data.stateFolder)
        let onboarded = try await embedding.onboardedRecords(store, dataset: dataset, embedder: embedder)
        let catalog = try OnboardedCatalog(
            dataset: dataset, catalogEmbeddings: try await embedding.catalogEmbeddings(dataset, data: data, embedder: embedder),
            records: onboarded, itemCounts: counts)
        // The dataset seen by the output code: its items, then the onboarded ones.
        var extended = dataset
        for record in onboarded {
            _ = extended.items.insert(record.item.id)
            extended.catalog.append(record.item)
        }
        let scorer = OnboardedScorer(model: try loadOrFit(dataset), catalog: catalog, itemCounts: counts)
        let context = history == nil && user == nil ? UserContext(history: []) : try makeContext(extended)
        let items: [ScoredItem]
        if let text {
            // The words read as the chat reads a turn (as the server reads them): what they turn
            // away and the years they set filter, films named join the likes.
            let reading = RuleInterpreter(catalog: dataset.catalog, popularity: counts.map(Float.init)).reading(of: text)
            let likes = reading.history(after: context.history)
            var query: [Float]?
            if let search = reading.search(text, history: likes) { query = try await embedder.embed([search]) }
            items = NewUserRecommender(catalog: catalog, scorer: scorer, itemCounts: counts)
                .recommend(query: query, likes: likes, count: k, excluding: Set(reading.disliked),
                           admits: { reading.admits(extended.catalog[Int($0)]) })
        } else {
            var scores = [Float](repeating: 0, count: catalog.count)
            scores.withUnsafeMutableBufferPointer { scorer.score(context, into: $0) }
            let seen = Set(context.history)
            items = scores.withUnsafeBufferPointer { TopK.select(k, from: $0, excluded: { seen.contains($0) }) }
        }
        if !onboarded.isEmpty {
            Terminal.err(Terminal.dim("with \(onboarded.count) onboarded items, placed by \(scorer.placement)"))
        }
        if json {
            try Terminal.json(encoding: report(items, dataset: extended))
        } else if let text {
            let likes = context.history.isEmpty ? "" : Terminal.dim(" and \(context.history.count) likes")
            Terminal.out(Terminal.bold("For \"\(text)\"") + likes)
            Terminal.out(table(items, dataset: extended, context: context).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
        } else {
            Terminal.out(table(items, dataset: extended, context: context))
        }
    }
}
