import CuratorChat
import CuratorCore

extension Dataset {
    /// The index of the item `id` names: its external id, or a title that names one item and
    /// nothing else (`--item "Heat"`, `--item "fugitive, the (1993)"`), said on standard error.
    /// - Throws: `UserError` for anything else, naming the items whose titles the words match
    ///   (`--item "star wars"` → its films), else showing what ids look like.
    func requireItem(_ id: String) throws -> Int32 {
        if let index = items.index(of: id) { return index }
        if let removed = removedByFilter(item: id) { throw UserError(removed) }
        let words = TextNormalizer.words(id)
        let matcher = TitleMatcher(catalog: catalog)
        let (mentions, missing) = matcher.read(words)
        if let index = onlyItem(named: mentions, in: words) {
            Terminal.err(Terminal.dim("taking '\(id)' as \(items.id(at: index)) (\(catalog[Int(index)].spokenDisplayTitle))"))
            return index
        }
        // The films named, else those a name the catalog lacks starts with ("die hard with a
        // vengeance"), else those named once the numbers are left out ("heat 1996").
        var matched = mentions.flatMap(\.items) + missing.flatMap(\.nearest)
        if matched.isEmpty { matched = matcher.mentions(in: words.filter { !$0.text.allSatisfy(\.isNumber) }).flatMap(\.items) }
        matched = Array(matched.prefix(3))
        let hint = matched.isEmpty
            ? "ids look like: \(items.externalIDs.prefix(3).joined(separator: ", "))"
            : "did you mean " + matched.map { "\(items.id(at: $0)) (\(catalog[Int($0)].spokenDisplayTitle))" }.joined(separator: " or ") + "?"
        throw UserError("unknown item '\(id)' in \(name); \(hint)")
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
