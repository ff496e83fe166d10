import Foundation

/// BERT's pre-tokenisation, as `transformers.BertTokenizer` (uncased) does it: drop control
/// characters, turn every white space into a split, put CJK ideographs apart, lower-case,
/// strip accents (NFD, drop non-spacing marks) and split off each punctuation character.
public struct BasicTokenizer: Sendable {
    public var lowercase: Bool

    public init(lowercase: Bool = true) { self.lowercase = lowercase }

    /// The words of `text`, each a list of Unicode scalars.
    public func words(_ text: String) -> [[Unicode.Scalar]] {
        // Clean and space out CJK; NFC first, as transformers does before splitting.
        var cleaned = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if Self.isCJK(scalar) {
                cleaned.append(" "); cleaned.append(scalar); cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var words: [[Unicode.Scalar]] = []
        for piece in String(cleaned).split(separator: " ", omittingEmptySubsequences: true) {
            var token = String(piece)
            if lowercase {
                token = token.lowercased()
                token = String(String.UnicodeScalarView(
                    token.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }))
            }
            var current: [Unicode.Scalar] = []
            for scalar in token.unicodeScalars {
                if Self.isPunctuation(scalar) {
                    if !current.isEmpty { words.append(current); current = [] }
                    words.append([scalar])
                } else if Self.isWhitespace(scalar) {
                    // Lower-casing or decomposition can reveal a space-like scalar: split there too.
                    if !current.isEmpty { words.append(current); current = [] }
                } else {
                    current.append(scalar)
                }
            }
            if !current.isEmpty { words.append(current) }
        }
        return words
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s.properties.generalCategory == .spaceSeparator
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        if s == "\t" || s == "\n" || s == "\r" { return false }
        let category = s.properties.generalCategory
        return category == .control || category == .format
    }

    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B820...0x2CEAF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }
}
