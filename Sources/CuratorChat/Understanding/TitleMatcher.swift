import CuratorCore

/// Finds catalog items mentioned in free text: exact titles, titles without their article or
/// subtitle, sequel numbers spelled either way, and small typos. A mention that fits several
/// items equally well ("Scarface", made in 1932 and 1983) is reported as ambiguous, unless a
/// year in the text settles it.
public struct TitleMatcher: Sendable {
    public struct Mention: Sendable, Equatable {
        /// The words of the text that matched, as typed (lower-cased).
        public var text: String
        /// Where the mention starts, in the text's tokens (mentions are returned in order).
        public var position: Int
        /// Every item this mention may mean, best first; one item when it is clear.
        public var items: [Int32]

        public var isAmbiguous: Bool { items.count > 1 }
    }

    private struct Entry: Sendable {
        var item: Int32
        var key: [String]
        var year: Int?
    }

    private let entries: [Entry]
    /// Entries by their key's first token, for a quick first pass.
    private let byFirstToken: [String: [Int]]
    private let longestKey: Int

    public init(catalog: [Item]) {
        var entries: [Entry] = []
        for (index, item) in catalog.enumerated() {
            let key = TextNormalizer.key(item.title)
            guard !key.isEmpty else { continue }
            entries.append(Entry(item: Int32(index), key: key, year: item.year))
            // A title with a subtitle is also known by its main part ("Dr. Strangelove or: …").
            let cuts = [item.title.firstIndex(of: ":"), item.title.firstIndex(of: "("), item.title.range(of: " or ")?.lowerBound,
                        item.title.range(of: " or:")?.lowerBound]
            if let cut = cuts.compactMap({ $0 }).min() {
                let main = TextNormalizer.key(String(item.title[..<cut]))
                if main.count >= 1, main != key, main.joined().count >= 4 {
                    entries.append(Entry(item: Int32(index), key: main, year: item.year))
                }
            }
        }
        self.entries = entries
        var index: [String: [Int]] = [:]
        for (position, entry) in entries.enumerated() { index[entry.key[0], default: []].append(position) }
        byFirstToken = index
        longestKey = entries.map(\.key.count).max() ?? 1
    }

    /// The mentions in `text`, in order; overlapping candidates keep the longest match.
    public func mentions(in text: String) -> [Mention] {
        let words = TextNormalizer.titleTokens(text)
        let years = Set(words.compactMap { Int($0) }.filter { (1900...2100).contains($0) })
        var found: [Mention] = []
        var start = 0
        while start < words.count {
            if TextNormalizer.articles.contains(words[start]) && start + 1 < words.count { start += 1; continue }
            var best: (length: Int, items: [(item: Int32, distance: Int, year: Int?)])?
            for length in stride(from: min(longestKey, words.count - start), through: 1, by: -1) {
                let span = Array(words[start..<(start + length)])
                let candidates = candidateEntries(for: span)
                var matches: [(item: Int32, distance: Int, year: Int?)] = []
                for entry in candidates where entry.key.count == length {
                    let distance = Self.distance(span, entry.key)
                    if distance <= Self.allowedTypos(entry.key) { matches.append((entry.item, distance, entry.year)) }
                }
                if !matches.isEmpty { best = (length, matches); break }
            }
            guard let best else { start += 1; continue }
            let closest = best.items.map(\.distance).min()!
            var items = best.items.filter { $0.distance == closest }
            // A year in the text settles "Dune 2021" or "Scarface (1983)".
            let withYear = items.filter { $0.year.map(years.contains) ?? false }
            if !withYear.isEmpty { items = withYear }
            var unique: [Int32] = []
            for candidate in items.sorted(by: { ($0.year ?? 0) > ($1.year ?? 0) }) where !unique.contains(candidate.item) {
                unique.append(candidate.item)
            }
            found.append(Mention(text: words[start..<(start + best.length)].joined(separator: " "), position: start, items: unique))
            start += best.length
        }
        return found
    }

    /// Entries whose first key token is the span's first token, or close to it (a typo).
    private func candidateEntries(for span: [String]) -> [Entry] {
        if let exact = byFirstToken[span[0]] { return exact.map { entries[$0] } + typoCandidates(span[0], excluding: span[0]) }
        return typoCandidates(span[0], excluding: nil)
    }

    private func typoCandidates(_ word: String, excluding: String?) -> [Entry] {
        guard word.count >= 5 else { return [] }
        return byFirstToken.filter { key, _ in key != excluding && abs(key.count - word.count) <= 1 && TextNormalizer.editDistance(key, word) == 1 }
            .flatMap { $0.value.map { entries[$0] } }
    }

    /// Typos allowed in a title: none in short ones (too many false matches), one per word
    /// of five letters or more, at most two. A one-word title needs six letters: five-letter
    /// words sit one letter from everyday ones ("watch" was read as "The Witch").
    private static func allowedTypos(_ key: [String]) -> Int {
        if key.count == 1 { return key[0].count >= 6 ? 1 : 0 }
        return min(2, key.count { $0.count >= 5 })
    }

    private static func distance(_ span: [String], _ key: [String]) -> Int {
        var total = 0
        for (a, b) in zip(span, key) where a != b {
            guard a.count >= 5 || b.count >= 5 else { return .max }
            let d = TextNormalizer.editDistance(a, b)
            guard d <= 1 else { return .max }
            total += d
        }
        return total
    }
}
