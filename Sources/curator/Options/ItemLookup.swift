import CuratorChat
import CuratorCore

extension Dataset {
    /// The index of the item `id` names: its external id, or a title that names one item and
    /// nothing else (`--item "Heat"`, `--item "fugitive, the (1993)"`), said on standard error.
    /// - Throws: `UserError` for anything else, naming the items whose titles the words match
    ///   (`--item "star wars"` → its films), else showing what ids look like.
    func requireItem(_ id: String, matcher: TitleMatcher? = nil) throws -> Int32 {
        let matcher = matcher ?? TitleMatcher(catalog: catalog)
        if let index = item(named: id, matcher: matcher) { return index }
        if let removed = removedByFilter(item: id) { throw UserError(removed) }
        let words = TextNormalizer.words(id)
        let (mentions, missing) = matcher.read(words)
        // The films named, else those a name the catalog lacks starts with ("die hard with a
        // vengeance"), else those named once the numbers are left out ("heat 1996"), else titles
        // holding every word typed ("star": Star Wars, Star Trek…).
        var matched = mentions.flatMap(\.items) + missing.flatMap(\.nearest)
        if matched.isEmpty { matched = matcher.mentions(in: words.filter { !$0.text.allSatisfy(\.isNumber) }).flatMap(\.items) }
        if matched.isEmpty { matched = titles(holding: words.map(\.text)) }
        matched = Array(matched.prefix(3))
        let hint = matched.isEmpty
            ? "no id or title matches it; ids look like: \(items.externalIDs.prefix(3).joined(separator: ", "))"
            : "did you mean " + matched.map { "\(items.id(at: $0)) (\(catalog[Int($0)].spokenDisplayTitle))" }.joined(separator: " or ") + "?"
        throw UserError("unknown item '\(id)' in \(name); \(hint)")
    }

    /// The item an id or a title names alone, said on standard error when taken by title; nil
    /// for anything else.
    func item(named id: String, matcher: TitleMatcher) -> Int32? {
        if let index = items.index(of: id) { return index }
        let words = TextNormalizer.words(id)
        guard let index = onlyItem(named: matcher.read(words).mentions, in: words) else { return nil }
        Terminal.err(Terminal.dim("taking '\(id)' as \(items.id(at: index)) (\(catalog[Int(index)].spokenDisplayTitle))"))
        return index
    }

    /// Items in a comma-separated list of ids or titles (`--history "heat, fugitive, the"`): a
    /// title with commas of its own ("Fugitive, The (1993)", as MovieLens writes it) is one item,
    /// not two (its pieces had been "Fugitive" and an unknown item 'The').
    func requireItems(_ list: String) throws -> [Int32] {
        let pieces = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let matcher = TitleMatcher(catalog: catalog)
        var found: [Int32] = []
        var start = 0
        while start < pieces.count {
            // The longest run of pieces (up to three) that names one item, else the piece alone.
            var end = min(pieces.count, start + 3) - 1
            var index: Int32?
            while end > start, index == nil {
                index = item(named: pieces[start...end].joined(separator: ", "), matcher: matcher)
                if index == nil { end -= 1 }
            }
            found.append(try index ?? requireItem(pieces[start], matcher: matcher))
            start = end + 1
        }
        return found
    }

    /// Items whose title holds every word typed, most interacted first: a hint, never a choice.
    private func titles(holding typed: [String]) -> [Int32] {
        let wanted = typed.filter { $0.count >= 3 }
        guard !wanted.isEmpty else { return [] }
        let counts = itemInteractionCounts()
        return catalog.indices.filter { index in
            let title = Set(TextNormalizer.tokens(catalog[index].title))
            return wanted.allSatisfy(title.contains)
        }.sorted { counts[$0] > counts[$1] }.prefix(3).map { Int32($0) }
    }

    /// The one item `mentions` name when the words say nothing else: one clear mention, and
    /// every word outside it an article or the item's own year. "Heat" is Heat (1995); "heat
    /// 1996", "star wars" (several films) and "heat with pacino" name no one item.
    private func onlyItem(named mentions: [TitleMatcher.Mention], in words: [TextNormalizer.Word]) -> Int32? {
        guard mentions.count == 1, let mention = mentions.first, mention.items.count == 1, let item = mention.items.first else { return nil }
        let year = catalog[Int(item)].year.map(String.init)
        let covered = mention.position..<(mention.position + mention.length)
        let rest = words.indices.filter { !covered.contains($0) }.map { words[$0].text }
        return rest.allSatisfy { ["the", "a", "an"].contains($0) || $0 == year } ? item : nil
    }
}
