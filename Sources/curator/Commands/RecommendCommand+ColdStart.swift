import CuratorChat
import CuratorColdStart
import CuratorCore
import CuratorRecall
import CuratorText

extension RecommendCommand {
    /// A list whose tail the model did not score (exactly 0: not near the history at all; item-kNN and
    /// the sequential models score only neighbours), that tail replaced by the most watched items
    /// not `barred`: it had been filled in id order, MovieLens 100K's "unknown" entry among them.
    /// - Returns: nil when every item was scored; else the list, how many were scored, and how
    ///   many were added.
    static func padded(_ items: [ScoredItem], k: Int, counts: [Int], itemCount: Int, barred: (Int32) -> Bool)
        -> (items: [ScoredItem], scored: Int, filling: Int)? {
        // Exactly 0 is "not scored": a factor model's negative scores are scores all the same.
        guard let scored = items.firstIndex(where: { $0.score == 0 }) else { return nil }
        let kept = Set(items.prefix(scored).map(\.item))
        let popularity = (0..<itemCount).map { $0 < counts.count ? Float(counts[$0]) : 0 }
        let filling = popularity.withUnsafeBufferPointer { TopK.select(k - scored, from: $0, excluded: { barred($0) || kept.contains($0) }) }
        return (Array(items.prefix(scored)) + filling.map { ScoredItem(item: $0.item, score: 0) }, scored, filling.count)
    }

    /// Recommends over the catalog plus the onboarded items, and for `--text` users.
    func runWithColdStart(_ dataset: Dataset) async throws {
        let counts = dataset.itemInteractionCounts()
        let setup = try await OnboardedSetup(dataset, counts: counts, model: try loadOrFit(dataset), data: data, embedding: embedding)
        let (embedder, onboarded, catalog, extended, scorer) = (setup.embedder, setup.records, setup.catalog, setup.extended, setup.scorer)
        let context = history == nil && user == nil ? UserContext(history: []) : try makeContext(extended)
        // The words read as the chat reads a turn (as the server reads them): what they turn away
        // and the years they set filter, films they name join the likes.
        let reading = text.map { RuleInterpreter(catalog: dataset.catalog, popularity: counts.map(Float.init)).reading(of: $0) }
        let likes = reading?.history(after: context.history) ?? context.history
        var scores: [Float]
        let scoredByText = text != nil && reading?.search() != nil
        if text != nil, let reading, let search = reading.search() {
            scores = NewUserRecommender(catalog: catalog, scorer: scorer, itemCounts: counts)
                .scores(query: try await embedder.embed([search]), likes: likes)
        } else {
            // A history, or films named: the model's list for them.
            scores = [Float](repeating: 0, count: catalog.count)
            let asked = reading == nil ? context : UserContext(history: likes)
            if asked.history.isEmpty {
                // Words that only filter or say nothing to search ("nothing scary", "anything"): the most watched.
                for (index, count) in counts.enumerated() where index < scores.count { scores[index] = Float(count) }
            } else {
                scores.withUnsafeMutableBufferPointer { scorer.score(asked, into: $0) }
            }
        }
        // A mood the words asked for leads, as in the chat and the server ("a cosy feel-good film"
        // had listed Get Out second: the list from the words alone does not know a film's mood).
        if let reading { scores = reading.reordered(scores, item: { extended.catalog[Int($0)] }) }
        let left = Set(likes).union(reading?.leftOut ?? [])
        // A catalog entry that is no film (MovieLens 100K's item titled "unknown", genre "unknown")
        // is never listed, as in the chat (`SessionRecommender.unlisted`): it had come eighth for
        // "dark crime thriller like heat, no horror".
        let barred = { (index: Int32) in
            left.contains(index) || extended.catalog[Int(index)].isPlaceholder || reading?.admits(extended.catalog[Int(index)]) == false
        }
        var items = scores.withUnsafeBufferPointer { TopK.select(k, from: $0, excluded: barred) }
        // The model scores only the films near the ones named; the rest are 0 and had filled the
        // list in id order. Fewer than asked are scored: the rest are the most watched films the
        // filters let through (as the chat pads a list), and the list says so.
        var padded: String?
        if !scoredByText, !likes.isEmpty, let (filled, scored, filling) = Self.padded(items, k: k, counts: counts, itemCount: extended.catalog.count,
                                                                                   barred: { barred($0) || scores[Int($0)] > 0 }) {
            items = filled
            if reading == nil {
                // A user's history: nothing was named and nothing filters (a stranger's `--user … -k 100`
                // had been told of films "near what you named" and of filters).
                padded = "Only \(scored) item\(scored == 1 ? " is" : "s are") near this history; the rest are the most watched."
            } else {
                padded = scored == 0 ? "No film near what you named fits: these fit the filters, most watched first."
                    : "Only \(scored) film\(scored == 1 ? "" : "s") near what you named fit\(scored == 1 ? "s" : ""); "
                        + (filling == 0 ? "nothing else fits the filters." : "the rest fit the filters, most watched first.")
            }
        }
        if !onboarded.isEmpty {
            Terminal.err(Terminal.dim("with \(onboarded.count) onboarded items, placed by \(scorer.placement)"))
        }
        // What the words set and what of them could not be acted on, as the chat and the server say it.
        let title = { (index: Int32) in extended.catalog[Int(index)].spokenDisplayTitle }
        let notes = (reading?.notes(title: title) ?? []) + (padded.map { [$0] } ?? [])
        let understood = reading?.summary(title: title)
        if json {
            var report = report(items, dataset: extended)
            if reading != nil || padded != nil { (report.understood, report.notes) = (understood, notes) }
            try Terminal.json(encoding: report)
        } else if let text, let understood {
            let likes = context.history.isEmpty ? "" : Terminal.dim(" and \(context.history.count) likes")
            Terminal.out(Terminal.bold("For \"\(text)\"") + likes + (understood == "none" ? "" : Terminal.dim(" (read as: \(understood))")))
            for note in notes { Terminal.out(Terminal.dim(note)) }
            Terminal.out(table(items, dataset: extended, context: context).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
        } else {
            Terminal.out(table(items, dataset: extended, context: context))
            for note in notes { Terminal.out(Terminal.dim(note)) }
        }
    }
}
