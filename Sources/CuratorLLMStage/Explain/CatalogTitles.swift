import CuratorCore
import Foundation

/// Finds catalog titles in free text (an explanation), so a check can tell which films a
/// sentence names. Titles are compared as word sequences: lower case, accents folded,
/// punctuation dropped, a trailing ", The" read as a leading article and the article then
/// dropped ("Usual Suspects, The" and "the usual suspects" meet), an alternative title in
/// parentheses ("Seven (Se7en)") counted as a name of its own.
///
/// A title of at most one significant word ("Heat", "It", "Babe") also reads as an ordinary
/// word, so it counts only where the text writes it capitalised away from a sentence start, or
/// quoted.
public struct CatalogTitles: Sendable {
    struct Name: Sendable {
        var item: Int32
        var words: [String]
        /// One significant word: needs the strict reading.
        var strict: Bool
    }

    /// Names by their first word.
    let names: [String: [Name]]

    /// Indexes the titles of `catalog` (dense item indices are positions in it).
    public init(catalog: [Item]) {
        var names: [String: [Name]] = [:]
        for (index, item) in catalog.enumerated() {
            for words in Self.nameForms(item.title) {
                let significant = words.filter { !Self.stopWords.contains($0) }
                guard let first = words.first else { continue }
                let strict = significant.count <= 1
                names[first, default: []].append(Name(item: Int32(index), words: words, strict: strict))
            }
        }
        self.names = names
    }

    /// One film named in a text: which item, and the range of words it covers.
    public struct Mention: Sendable, Equatable {
        public var item: Int32
        /// Indices into `ExplanationWords.words` of the text.
        public var words: Range<Int>
    }

    /// The films `text` names: the longest name wins where names overlap ("Star Wars" inside
    /// "Return of the Jedi (Star Wars: Episode VI)" counts once, as the longer).
    public func mentions(in text: ExplanationWords) -> [Mention] {
        mentions(in: text, lenient: [])
    }

    /// `mentions(in:)`, reading the names of `lenient` items without the strict rule (the
    /// recommended film, which a sentence may well begin with).
    public func mentions(in text: ExplanationWords, lenient: Set<Int32>) -> [Mention] {
        var found: [Mention] = []
        for (start, word) in text.words.enumerated() {
            for name in names[word] ?? [] where start + name.words.count <= text.words.count {
                guard Array(text.words[start..<(start + name.words.count)]) == name.words else { continue }
                if name.strict, !lenient.contains(name.item), !text.isProperName(at: start), !Self.namesByNumber(text.words, at: start) { continue }
                found.append(Mention(item: name.item, words: start..<(start + name.words.count)))
            }
        }
        found.sort { $0.words.count != $1.words.count ? $0.words.count > $1.words.count : $0.words.lowerBound < $1.words.lowerBound }
        var taken = IndexSet()
        var kept: [Mention] = []
        for mention in found {
            let range = IndexSet(integersIn: mention.words)
            // The same words may name several films of one title: keep each, not a shorter one inside.
            if !taken.intersection(range).isEmpty, !kept.contains(where: { $0.words == mention.words }) { continue }
            taken.formUnion(range)
            kept.append(mention)
        }
        return kept.sorted { $0.words.lowerBound < $1.words.lowerBound }
    }

    /// A title that is a number ("1917", "Nine" is not): a name where no year is said, that is
    /// not after "from", "in", "since", "of", "by" or an article ("a 1917 drama" is a year).
    static func namesByNumber(_ words: [String], at index: Int) -> Bool {
        guard Int(words[index]) != nil else { return false }
        return index == 0 || !["from", "in", "since", "of", "by", "the", "a", "an", "until", "before", "after", "circa"].contains(words[index - 1])
    }

    /// The word sequences a title is known by: itself without a leading article (a trailing
    /// ", The" moved first), and an alternative title in parentheses.
    static func nameForms(_ title: String) -> [[String]] {
        var main = title, alternatives: [String] = []
        while let open = main.lastIndex(of: "("), main.hasSuffix(")") {
            alternatives.append(String(main[main.index(after: open)..<main.index(before: main.endIndex)]))
            main = String(main[..<open]).trimmingCharacters(in: .whitespaces)
        }
        return ([main] + alternatives).compactMap { form in
            var words = ExplanationWords.words(of: form)
            if words.count > 1, let last = words.last, Self.articles.contains(last), form.contains(",") { words.removeLast() }
            if words.count > 1, Self.articles.contains(words[0]) { words.removeFirst() }
            return words.isEmpty ? nil : words
        }
    }

    /// Leading or trailing articles in English, French, Italian, Spanish and German titles.
    static let articles: Set<String> = ["the", "a", "an", "la", "le", "les", "il", "el", "los", "las", "der", "die", "das", "l"]

    /// Words that carry no meaning of their own (for titles and for overlap between texts).
    public static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is", "are", "was",
        "were", "be", "been", "it", "its", "this", "that", "these", "those", "his", "her", "their", "he", "she", "they",
        "him", "them", "who", "whom", "what", "which", "when", "where", "while", "after", "before", "into", "out", "up",
        "down", "over", "under", "about", "than", "then", "but", "not", "no", "so", "if", "one", "two", "all", "some",
        "has", "have", "had", "do", "does", "did", "my", "your", "our", "you", "we", "i", "me", "us", "man", "men",
        "new", "more", "most", "very", "just", "also", "can", "will", "would", "la", "le", "il", "de", "el",
    ]
}

/// A text split into comparable words, remembering how each word was written (for the
/// capitalisation and quotes that mark a proper name).
public struct ExplanationWords: Sendable {
    /// Lower-cased, accent-folded words.
    public let words: [String]
    /// Whether each word was written with a capital first letter.
    let capitalised: [Bool]
    /// Whether each word starts a sentence (first word, or after `.`, `!`, `?`, `:`).
    let sentenceStart: [Bool]
    /// Whether each word follows an opening quote.
    let quoted: [Bool]

    public init(_ text: String) {
        var words: [String] = [], capitalised: [Bool] = [], starts: [Bool] = [], quoted: [Bool] = []
        var current = "", currentCapital = false, currentStart = true, currentQuoted = false
        var nextStart = true, nextQuoted = false
        func flush() {
            guard !current.isEmpty else { return }
            words.append(current)
            capitalised.append(currentCapital)
            starts.append(currentStart)
            quoted.append(currentQuoted)
            current = ""
        }
        for character in text {
            if character.isLetter || character.isNumber {
                if current.isEmpty {
                    currentCapital = character.isUppercase
                    currentStart = nextStart
                    currentQuoted = nextQuoted
                    nextStart = false
                    nextQuoted = false
                }
                if let ascii = character.asciiValue {
                    // The fold of an ASCII letter or digit is its lower case: Foundation's folding,
                    // a string per character, was most of a grounded explanation's time.
                    current.unicodeScalars.append(Unicode.Scalar(ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii))
                } else {
                    current += Self.fold(character)
                }
            } else if character == "'" || character == "’", !current.isEmpty {
                continue  // inside a word: "don't"
            } else {
                flush()
                if ".!?:;".contains(character) { nextStart = true }
                if "\"“”‘«".contains(character) { nextQuoted = true } else if !character.isWhitespace { nextQuoted = false }
            }
        }
        flush()
        self.words = words
        self.capitalised = capitalised
        self.sentenceStart = starts
        self.quoted = quoted
    }

    /// Whether the word at `index` reads as a name: quoted, or capitalised mid-sentence.
    func isProperName(at index: Int) -> Bool {
        quoted[index] || (capitalised[index] && !sentenceStart[index])
    }

    static func fold(_ character: Character) -> String {
        String(character).folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    /// The comparable words of `text`.
    public static func words(of text: String) -> [String] { ExplanationWords(text).words }
}
