import Foundation

/// The names a catalog title goes by, read from the title's own parts, in any of the formats
/// catalogs use: MovieLens' inverted articles ("Fugitive, The"), parenthesised alternative
/// and foreign titles ("Independence Day (ID4)", "Pan's Labyrinth (Laberinto del fauno, El)",
/// "Sunset Blvd. (a.k.a. Sunset Boulevard)"), main titles and subtitles around a colon, a
/// dash or "or:" ("Dr. Strangelove or: How I Learned…"), and a year left in the title.
struct TitleAliases: Equatable {
    /// How an alias relates to the title: a full name is worth more than a part of one.
    enum Kind: Int, Comparable {
        case subtitle, main, alternative, full

        /// How much a match on this kind of alias says, before typos and popularity.
        var quality: Double {
            switch self {
            case .full: 1.0
            case .alternative: 0.97
            case .main: 0.85
            case .subtitle: 0.8
            }
        }

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    struct Alias: Equatable {
        /// Title tokens (`TextNormalizer.titleForm`), no leading article.
        var tokens: [String]
        var kind: Kind
        /// The article it starts with ("the", "a", "an"), if any.
        var article: String?
    }

    var aliases: [Alias] = []
    /// The main title's tokens without a trailing sequel number ("die hard" for "Die Hard 2"
    /// and for "Die Hard: With a Vengeance"): films that share it make a series.
    var series: [String] = []
    /// The number the title gives itself in its series ("Die Hard 2" → 2, "Kill Bill: Vol. 2" → 2).
    var number: Int?

    /// Articles that MovieLens moves to the end ("Cité des enfants perdus, La").
    static let movedArticles: Set<String> = [
        "the", "a", "an", "la", "le", "les", "l'", "el", "il", "lo", "los", "las", "gli", "i", "der", "die", "das",
        "den", "det", "de", "het", "un", "une", "una", "uno", "o", "os", "as", "ein", "eine",
    ]
    /// Words between a series name and its number ("Kill Bill: Vol. 2", "Episode V").
    static let numberMarkers: Set<String> = ["vol", "chapter", "episode", "no"]

    init(title raw: String) {
        var title = raw.trimmingCharacters(in: .whitespaces)
        var alternatives: [String] = []
        // Trailing groups in brackets: a year, an a.k.a. title, a foreign or short title.
        while title.hasSuffix(")"), let open = Self.matchingOpen(in: title) {
            let inside = String(title[title.index(after: open)..<title.index(before: title.endIndex)]).trimmingCharacters(in: .whitespaces)
            title = String(title[..<open]).trimmingCharacters(in: .whitespaces)
            if inside.count == 4, Int(inside) != nil { continue }
            var alternative = inside
            for prefix in ["a.k.a. ", "aka ", "a.k.a ", "also known as "] where alternative.lowercased().hasPrefix(prefix) {
                alternative = String(alternative.dropFirst(prefix.count))
            }
            alternatives.append(Self.uninverted(alternative))
            // "Cité des enfants perdus, La" is also typed without its article.
            if alternative != alternatives.last { alternatives.append(Self.withoutMovedArticle(alternative)) }
        }
        if title.isEmpty, let first = alternatives.first { title = first; alternatives.removeFirst() }
        let inverted = title
        title = Self.uninverted(title)
        add(title, .full)
        if inverted != title { add(Self.withoutMovedArticle(inverted), .full) }
        for alternative in alternatives { add(alternative, .alternative) }

        // Main titles and subtitles at each separator: "Mission: Impossible - Fallout" is also
        // "Mission: Impossible", "Mission", "Impossible - Fallout" and "Fallout".
        let cuts = Self.separators(in: title)
        for cut in cuts {
            add(String(title[..<cut.lowerBound]), .main)
            let subtitle = String(title[cut.upperBound...])
            // "Part II", "Vol. 1" are numbers, not names.
            if TextNormalizer.key(subtitle).contains(where: { $0.count >= 3 && Int($0) == nil && !Self.numberMarkers.contains($0) }) {
                add(subtitle, .subtitle)
            }
        }
        let mainTitle = cuts.first.map { String(title[..<$0.lowerBound]) } ?? title
        var main = TextNormalizer.key(mainTitle)
        // "Jaws 3-D": a number with a one-letter mark is the number.
        if main.count > 2, main[main.count - 1].count == 1, Int(main[main.count - 1]) == nil, Int(main[main.count - 2]) != nil {
            main.removeLast()
        }
        if let last = main.last, let number = Int(last), number < 100, main.count > 1 {
            main.removeLast()
            self.number = number
        } else if let cut = cuts.first {
            // "Kill Bill: Vol. 2", "Star Wars: Episode V - …": the number after a marker word.
            let rest = TextNormalizer.key(String(title[cut.upperBound...]))
            if let first = rest.first, let number = Int(first), number < 100 { self.number = number }
            else if rest.count >= 2, Self.numberMarkers.contains(rest[0]), let number = Int(rest[1]), number < 100 { self.number = number }
        }
        series = main
    }

    private mutating func add(_ text: String, _ kind: Kind) {
        var tokens = TextNormalizer.titleTokens(text)
        var article: String?
        if tokens.count > 1, TextNormalizer.articles.contains(tokens[0]) { article = tokens.removeFirst() }
        guard !tokens.isEmpty else { return }
        if let existing = aliases.firstIndex(where: { $0.tokens == tokens }) {
            aliases[existing].kind = max(aliases[existing].kind, kind)
            aliases[existing].article = aliases[existing].article ?? article
        } else {
            aliases.append(Alias(tokens: tokens, kind: kind, article: article))
        }
    }

    /// "Fugitive, The" → "The Fugitive"; "Lord of the Rings: The Return of the King, The" →
    /// "The Lord of the Rings: The Return of the King".
    static func uninverted(_ title: String) -> String {
        guard let comma = title.lastIndex(of: ",") else { return title }
        let article = title[title.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        guard movedArticles.contains(article.lowercased()) else { return title }
        let rest = title[..<comma].trimmingCharacters(in: .whitespaces)
        return article.hasSuffix("'") ? article + rest : article + " " + rest
    }

    /// "Vie est belle, La" → "Vie est belle".
    static func withoutMovedArticle(_ title: String) -> String {
        guard let comma = title.lastIndex(of: ",") else { return title }
        return String(title[..<comma])
    }

    /// Where main title and subtitle meet: ":", " - ", " or: " (in order of appearance).
    static func separators(in title: String) -> [Range<String.Index>] {
        var cuts: [Range<String.Index>] = []
        for separator in [" or: ", ": ", " - ", " – "] {
            var from = title.startIndex
            while let range = title.range(of: separator, range: from..<title.endIndex) {
                if !cuts.contains(where: { $0.overlaps(range) }) { cuts.append(range) }
                from = range.upperBound
            }
        }
        return cuts.sorted { $0.lowerBound < $1.lowerBound }
    }

    private static func matchingOpen(in title: String) -> String.Index? {
        var depth = 0
        var index = title.endIndex
        while index > title.startIndex {
            index = title.index(before: index)
            if title[index] == ")" { depth += 1 }
            if title[index] == "(" {
                depth -= 1
                if depth == 0 { return index == title.startIndex ? nil : index }
            }
        }
        return nil
    }
}
