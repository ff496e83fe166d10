import Foundation

/// A catalog title taken apart the way a person reads it: "City of Lost Children, The (Cité
/// des enfants perdus, La)" is the main title "The City of Lost Children" with the alternate
/// "La Cité des enfants perdus"; "Sunset Blvd. (a.k.a. Sunset Boulevard)" has the alias
/// "Sunset Boulevard"; "Lord of the Rings: The Return of the King, The" splits into the short
/// title "The Lord of the Rings" and the subtitle "The Return of the King".
struct TitleAnatomy: Sendable, Equatable {
    /// The main title with its article back in front.
    var main: String
    /// Parenthesised titles: a.k.a. titles, original-language titles, abbreviations.
    var alternates: [String]
    /// Which alternates are marked "a.k.a." (an alias people use, not a foreign original).
    var aliases: [String]
    /// The part before a colon, a dash or an "or:" ("Terminator 2", "Dr. Strangelove").
    var short: String?
    /// The part after it ("Judgment Day"), when it is more than a part number.
    var subtitle: String?

    /// Leading articles a catalog moves to the end ("Fugitive, The").
    static let movableArticles: Set<String> = [
        "the", "a", "an", "la", "le", "les", "l'", "el", "il", "lo", "los", "las", "der", "die", "das", "un", "une", "des",
    ]

    init(_ title: String) {
        var rest = title.trimmingCharacters(in: .whitespaces)
        // A year the reader left in place.
        if let range = rest.range(of: #"\s*\((1[89]|20)\d\d\)$"#, options: .regularExpression) { rest.removeSubrange(range) }
        var groups: [String] = []
        while rest.hasSuffix(")"), let open = Self.matchingOpen(in: rest) {
            let inside = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            groups.insert(inside.trimmingCharacters(in: .whitespaces), at: 0)
            rest = String(rest[..<open]).trimmingCharacters(in: .whitespaces)
        }
        if rest.isEmpty, let first = groups.first { rest = first; groups.removeFirst() }
        main = Self.articleInFront(rest)
        alternates = []
        aliases = []
        for group in groups where !group.isEmpty {
            let lower = group.lowercased()
            if lower.hasPrefix("a.k.a. ") || lower.hasPrefix("aka ") {
                let alias = Self.articleInFront(String(group.drop(while: { $0 != " " }).dropFirst()))
                aliases.append(alias)
                alternates.append(alias)
            } else {
                alternates.append(Self.articleInFront(group))
            }
        }
        short = nil
        subtitle = nil
        for separator in [" or: ", ", or ", ": ", " - "] {
            guard let range = main.range(of: separator) else { continue }
            let before = String(main[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            var after = String(main[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            // "Episode IV - A New Hope": the number goes, the name stays.
            if let dash = after.range(of: " - "), Self.isPartNumber(String(after[..<dash.lowerBound])) {
                after = String(after[dash.upperBound...])
            }
            if !before.isEmpty { short = before }
            if !after.isEmpty, !Self.isPartNumber(after) { subtitle = after }
            break
        }
    }

    /// "Fugitive, The" → "The Fugitive"; "Godfather: Part II, The" → "The Godfather: Part II".
    static func articleInFront(_ text: String) -> String {
        guard let comma = text.range(of: ", ", options: .backwards) else { return text }
        let tail = String(text[comma.upperBound...])
        guard movableArticles.contains(tail.lowercased()) else { return text }
        let head = String(text[..<comma.lowerBound])
        return tail.hasSuffix("'") ? tail + head : tail + " " + head
    }

    /// "Part II", "Episode 4", "Chapter Two": a number, not a subtitle a person would say alone.
    static func isPartNumber(_ text: String) -> Bool {
        let words = Typing.words(text)
        guard let first = words.first, ["part", "episode", "chapter", "vol", "volume"].contains(first) else { return false }
        return words.count <= 2
    }

    private static func matchingOpen(in text: String) -> String.Index? {
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            if text[index] == ")" { depth += 1 }
            if text[index] == "(" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }
}
