import CuratorCore

/// Understands a turn without an LLM: title mentions through `TitleMatcher`, and rules for
/// feelings, genres, years, moods and reactions to the last list.
///
/// The rules read clause by clause ("I loved Heat, but not horror" is two clauses), so a
/// negation only reaches the words it stands next to.
public struct RuleInterpreter: Sendable {
    private let matcher: TitleMatcher
    /// Words that name a catalog tag ("dark" for the tag "dark", "heist"...), from the catalog.
    private let tagWords: [String: String]

    public init(catalog: [Item]) {
        matcher = TitleMatcher(catalog: catalog)
        var words: [String: String] = [:]
        for item in catalog {
            for tag in item.tags where !tag.contains(" ") && tag.count >= 4 {
                words[TextNormalizer.tokens(tag).joined()] = tag
            }
        }
        for (word, tag) in Vocabulary.moods where words.values.contains(tag) || catalog.isEmpty { words[word] = tag }
        tagWords = words
    }

    public func interpret(_ text: String) -> TurnUnderstanding {
        var result = TurnUnderstanding()
        for clause in Self.clauses(of: text) {
            interpret(clause: clause, into: &result)
        }
        return result
    }

    /// Splits on sentence punctuation and on "but" / "though", which turn the feeling around.
    static func clauses(of text: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let lower = word.lowercased()
            if ["but", "though", "although", "however"].contains(lower) {
                clauses.append(current)
                current = ""
                continue
            }
            current += (current.isEmpty ? "" : " ") + word
            if let last = word.last, ".;!?".contains(last) {
                clauses.append(current)
                current = ""
            }
        }
        clauses.append(current)
        return clauses.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    private func interpret(clause: String, into result: inout TurnUnderstanding) {
        let words = TextNormalizer.tokens(clause)
        let joined = " " + words.joined(separator: " ") + " "
        let negative = Vocabulary.negativeCues.contains { joined.contains(" \($0) ") }
        let seen = Vocabulary.seenCues.contains { joined.contains(" \($0) ") }
        let feeling: ChatSession.Feeling = negative ? .disliked : seen ? .seen : .liked
        let mentions = matcher.mentions(in: clause)
        for mention in mentions {
            result.mentions.append(.init(items: mention.items, feeling: feeling, text: mention.text))
        }
        // Words inside a mentioned title are not constraints ("The Thing" is not a wish).
        let titleWords = Set(mentions.flatMap { $0.text.split(separator: " ").map(String.init) })
        readReactions(words, into: &result)
        readGenres(words, skipping: titleWords, into: &result)
        readYears(words, joined: joined, into: &result)
        for word in words where !titleWords.contains(word) {
            if let tag = tagWords[word] ?? tagWords[Self.stem(word)], !result.wishes.contains(tag) { result.wishes.append(tag) }
        }
        if mentions.isEmpty, result.choice == nil, let choice = words.lazy.compactMap(Self.ordinal).first ?? words.compactMap({ Int($0) }).first(where: { (1900...2100).contains($0) }) {
            result.choice = choice
        }
    }

    private func readReactions(_ words: [String], into result: inout TurnUnderstanding) {
        let joined = words.joined(separator: " ")
        let position = words.lazy.compactMap(Self.ordinal).first
        if joined.hasPrefix("not that") || joined.hasPrefix("not this") || joined.contains("not that one")
            || joined.contains("not this one") || joined == "no" || joined.hasPrefix("no not") {
            result.reactions.append(.reject(position: position ?? 1))
        } else if joined.contains("more like") || joined.contains("like the") && position != nil {
            if let position { result.reactions.append(.moreLike(position: position)) }
        }
    }

    private func readGenres(_ words: [String], skipping titleWords: Set<String>, into result: inout TurnUnderstanding) {
        for (index, word) in words.enumerated() where !titleWords.contains(word) {
            guard let genres = Vocabulary.genres[word] ?? Vocabulary.genres[Self.stem(word)] else { continue }
            let before = words[max(0, index - 3)..<index]
            let excluded = before.contains { Vocabulary.exclusionCues.contains($0) }
            for genre in genres {
                if excluded { result.excludeGenres.insert(genre); result.includeGenres.remove(genre) }
                else if !result.excludeGenres.contains(genre) { result.includeGenres.insert(genre) }
            }
        }
    }

    private func readYears(_ words: [String], joined: String, into result: inout TurnUnderstanding) {
        for (index, word) in words.enumerated() {
            let previous = index > 0 ? words[index - 1] : ""
            let earlier = index > 1 ? words[index - 2] : ""
            if let decade = Self.decade(word) {
                if previous == "before" || previous == "until" { result.maxYear = decade - 1 }
                else if previous == "after" || previous == "since" { result.minYear = decade }
                else { result.minYear = decade; result.maxYear = decade + 9 }
                continue
            }
            guard let year = Int(word), (1900...2100).contains(year) else { continue }
            let nothing = earlier == "nothing" || earlier == "no" || earlier == "not"
            switch previous {
            case "before", "until", "pre": if nothing { result.minYear = year } else { result.maxYear = year - 1 }
            case "after", "since", "from", "post": if nothing { result.maxYear = year } else { result.minYear = year }
            default: break
            }
        }
        if joined.contains(" recent ") || joined.contains(" new ones ") || joined.contains(" newer ") { result.minYear = result.minYear ?? 2010 }
        if joined.contains(" old ") || joined.contains(" classic ") || joined.contains(" older ") { result.maxYear = result.maxYear ?? 1979 }
    }

    /// "80s", "1980s", "eighties" → 1980.
    static func decade(_ word: String) -> Int? {
        if let year = Vocabulary.decadeWords[word] { return year }
        guard word.hasSuffix("s"), let number = Int(word.dropLast()) else { return nil }
        if number % 10 != 0 { return nil }
        if (20...90).contains(number) { return 1900 + number }
        if (1900...2090).contains(number) { return number }
        return nil
    }

    /// "second", "2nd", "#2", "two" → 2 (positions in the last list, 1 to 10).
    static func ordinal(_ word: String) -> Int? {
        if let value = Vocabulary.ordinals[word] { return value }
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
            if let n = Int(word.dropLast(2)), (1...10).contains(n) { return n }
        }
        return nil
    }

    /// A crude stem for matching "comedies", "westerns", "darker", "scariest".
    static func stem(_ word: String) -> String {
        for suffix in ["ies", "est", "er", "es", "s"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            let base = String(word.dropLast(suffix.count))
            return suffix == "ies" ? base + "y" : base
        }
        return word
    }
}
