import Foundation

/// Turns titles and chat text into comparable tokens: lower case, accents stripped,
/// punctuation dropped, "&" read as "and", and numbers spelled one way (roman numerals in
/// sequel titles become digits), so "The Godfather: Part II" and "godfather 2" meet.
public enum TextNormalizer {
    /// Words that carry no identity in a title ("the matrix" is "matrix").
    static let articles: Set<String> = ["the", "a", "an"]
    static let romanNumerals = ["ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7"]
    static let numberWords = ["two": "2", "three": "3", "four": "4", "five": "5"]

    /// Lower-cased, accent-free tokens of `text`; punctuation splits words except inside
    /// them ("se7en", "wall·e" → "walle", "don't" → "dont").
    public static func tokens(_ text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var tokens: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "’" || scalar == "·" || scalar == "." && !current.isEmpty && current.count == 1 {
                continue  // inside a word: "don't", "wall·e", "l.a."
            } else {
                if scalar == "&" { tokens.append("and") }
                if !current.isEmpty { tokens.append(current); current = "" }
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Tokens for matching titles: `tokens(_:)` with numerals unified and "part" dropped.
    public static func titleTokens(_ text: String) -> [String] {
        tokens(text).compactMap { token in
            if token == "part" { return nil }
            return romanNumerals[token] ?? numberWords[token] ?? token
        }
    }

    /// Title tokens without a leading article.
    public static func key(_ title: String) -> [String] {
        var words = titleTokens(title)
        if words.count > 1, articles.contains(words[0]) { words.removeFirst() }
        return words
    }

    /// Edit distance with adjacent transpositions (optimal string alignment), for typos:
    /// "godfahter" is one edit from "godfather".
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
