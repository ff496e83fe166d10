import Foundation

/// Turns titles and chat text into comparable tokens: lower case, accents stripped,
/// punctuation dropped, "&" read as "and", and numbers and abbreviations spelled one way
/// (roman numerals and number words become digits, "doctor" is "dr"), so "The Godfather:
/// Part II" and "godfather 2" meet.
public enum TextNormalizer {
    /// Words that carry no identity in a title ("the matrix" is "matrix").
    static let articles: Set<String> = ["the", "a", "an"]
    static let romanNumerals = ["ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9"]
    static let numberWords = [
        "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
        "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    ]
    /// Spellings that mean the same in a title ("Sunset Blvd." and "sunset boulevard").
    static let abbreviations = [
        "doctor": "dr", "mister": "mr", "versus": "vs", "boulevard": "blvd", "volume": "vol", "saint": "st", "mount": "mt",
    ]

    /// One word of chat text, with what the reader needs around it.
    public struct Word: Sendable, Equatable {
        /// Lower-cased, accent-free, without inner punctuation ("don't" → "dont").
        public var text: String
        /// Typed with a capital first letter.
        public var capitalized: Bool
        /// Typed inside quotation marks.
        public var quoted: Bool
        /// Sentence punctuation (. ; ! ?) follows it, and it is not an abbreviation ("Dr.").
        public var endsSentence: Bool
        /// A comma, colon, dash or bracket follows it.
        public var pauseAfter: Bool
        /// An opening bracket follows it ("heat (1995)"): what is inside may be its year.
        public var bracketAfter = false
        /// Typed as a possessive, an apostrophe before its last "s" ("sister's"): "sisters" is
        /// then one sister, not several (a stranger's "my sister's favourite" had been "your sisters").
        public var possessive = false
    }

    /// Lower-cased, accent-free tokens of `text`; punctuation splits words except inside
    /// them ("se7en", "wall·e" → "walle", "don't" → "dont", "l.a." → "la").
    public static func tokens(_ text: String) -> [String] {
        asciiTokens(text) ?? words(text).map(\.text)
    }

    /// `tokens(_:)` for plain ASCII text, byte by byte (a large catalog's titles are read
    /// at start); nil for other text.
    private static func asciiTokens(_ text: String) -> [String]? {
        var tokens: [String] = []
        var current: [UInt8] = []
        var dotted = false
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() {
            guard byte < 128 else { return nil }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 32
            let nextIsLetter = isASCIIAlphanumeric(next)
            if isASCIIAlphanumeric(byte) {
                current.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
                continue
            }
            if (byte == 39 || byte == 46 && (current.count == 1 || dotted)) && !current.isEmpty && nextIsLetter {
                if byte == 46 { dotted = true }
                continue  // "don't", "l.a."
            }
            if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            dotted = false
            if byte == 38 { tokens.append("and") }  // "&"
        }
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
        return tokens
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }

    /// The words of `text` with their capitals, quotes and the punctuation after them.
    public static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var currentCapitalized = false, quoted = false, possessive = false
        // A word spelled with dots ("e.t.", "l.a."): the dot after it is not a full stop.
        var dotted = false, lastDotted = false
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(current)
            // Folding goes through ICU, slow across a large catalog: plain ASCII needs only lower case.
            let folded = current.allSatisfy(\.isASCII) ? word.lowercased()
                : word.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
            words.append(Word(text: folded, capitalized: currentCapitalized, quoted: quoted, endsSentence: false, pauseAfter: false,
                              possessive: possessive))
            current = String.UnicodeScalarView()
            possessive = false
            lastDotted = dotted
            dotted = false
        }
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar.isASCII ? (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) : CharacterSet.alphanumerics.contains(scalar) {
                if current.isEmpty { currentCapitalized = scalar.properties.isUppercase }
                current.append(scalar)
                continue
            }
            let next = index + 1 < scalars.count ? scalars[index + 1] : " "
            let nextIsLetter = CharacterSet.alphanumerics.contains(next)
            if (scalar == "'" || scalar == "’" || scalar == "·") && !current.isEmpty && nextIsLetter {
                // "sister's", not "it's" ("its" is no plural anyway): an "s" that ends the word.
                let after = index + 2 < scalars.count ? scalars[index + 2] : " "
                possessive = scalar != "·" && (next == "s" || next == "S") && !CharacterSet.alphanumerics.contains(after)
                continue
            }
            if scalar == "." && (current.count == 1 || dotted) && nextIsLetter && !current.isEmpty { dotted = true; continue }  // "l.a."
            flush()
            guard !words.isEmpty || scalar == "\"" || scalar == "“" else { continue }
            switch scalar {
            case ".", ";", "!", "?", "…":
                // "no." ends a sentence ("hmm, no. something from the 90s") unless a number follows ("no. 3").
                let numbered = scalars[(index + 1)...].first { $0 != " " }.map { ("0"..."9").contains($0) || $0 == "#" } ?? false
                let abbreviated = isAbbreviation(words[words.count - 1].text) && (words[words.count - 1].text != "no" || numbered)
                if scalar != "." || !abbreviated && !lastDotted { words[words.count - 1].endsSentence = true }
            case ",", ":", "(", ")", "[", "]", "—", "–":
                if !words.isEmpty { words[words.count - 1].pauseAfter = true }
                if scalar == "(" || scalar == "[" { words[words.count - 1].bracketAfter = true }
            case "-" where next == " " || next == "-":
                words[words.count - 1].pauseAfter = true
            case "&":
                words.append(Word(text: "and", capitalized: false, quoted: quoted, endsSentence: false, pauseAfter: false))
            case "\"", "“", "”":
                quoted.toggle()
            default:
                break
            }
        }
        flush()
        return words
    }

    /// "dr", "mr", "st", "vs", one letter: a dot after them does not end the sentence.
    static func isAbbreviation(_ word: String) -> Bool {
        word.count == 1 && Int(word) == nil || ["dr", "mr", "mrs", "ms", "st", "sgt", "jr", "sr", "vs", "vol", "blvd", "mt", "no", "pt", "lt", "col", "gen", "capt", "prof"]
            .contains(word)
    }

    /// A word as titles are compared: numerals and abbreviations unified.
    static func titleForm(_ word: String) -> String {
        romanNumerals[word] ?? numberWords[word] ?? abbreviations[word] ?? word
    }

    /// Tokens for matching titles: `tokens(_:)` with numerals unified and "part" dropped.
    public static func titleTokens(_ text: String) -> [String] {
        tokens(text).compactMap { token in token == "part" ? nil : titleForm(token) }
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
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i * width + j] = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i * width + j] = min(d[i * width + j], d[(i - 2) * width + j - 2] + 1)
                }
            }
        }
        return d[a.count * width + b.count]
    }

    /// `word` with one letter removed at each position: two words one edit apart share one
    /// of these (or one is the other's), which indexes typos without comparing all pairs.
    static func deletions(_ word: String) -> [String] {
        let scalars = Array(word.unicodeScalars)
        return scalars.indices.map { skip in
            var view = String.UnicodeScalarView()
            for (index, scalar) in scalars.enumerated() where index != skip { view.append(scalar) }
            return String(view)
        }
    }
}
