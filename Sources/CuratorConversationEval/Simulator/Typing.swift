import Foundation

/// How the simulated user's text is folded and split: the simulator's own rules, kept apart
/// from the chat's reader on purpose (the benchmark must not grade the reader by its own
/// spelling of things).
enum Typing {
    /// Lower case, accents removed, `&` spelled "and", apostrophes dropped, every other
    /// non-alphanumeric character a space, spaces collapsed: the form two texts are compared in.
    static func fold(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// The folded words of `text`.
    static func words(_ text: String) -> [String] {
        let plain = joiningInitials(text).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "&", with: " and ")
            .replacingOccurrences(of: "'", with: "")
            .replacingOccurrences(of: "’", with: "")
        return plain.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// What a person types for a piece of a title: lower case, no accents, `&` as "and",
    /// apostrophes kept, other punctuation gone.
    static func spoken(_ text: String) -> String {
        let plain = joiningInitials(text).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "&", with: " and ")
            .replacingOccurrences(of: "’", with: "'")
        let kept = plain.map { $0.isLetter || $0.isNumber || $0 == "'" ? $0 : " " }
        return String(kept).split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Initials written with dots become one word: "E.T. the Extra-Terrestrial" → "ET the
    /// Extra-Terrestrial", "L.A. Confidential" → "LA Confidential"; a lone initial stays.
    static func joiningInitials(_ text: String) -> String {
        let chars = Array(text)
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            var j = i
            var letters: [Character] = []
            let atWordStart = i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber)
            while atWordStart, j + 1 < chars.count, chars[j].isLetter, chars[j + 1] == ".",
                  j + 2 >= chars.count || !chars[j + 2].isLetter || (j + 3 < chars.count && chars[j + 3] == ".") {
                letters.append(chars[j])
                j += 2
            }
            if letters.count >= 2 {
                out += letters
                i = j
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Whether `needle`'s words stand as a contiguous run of `haystack`'s words.
    static func contains(_ haystack: [String], run needle: [String]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            needle.indices.allSatisfy { haystack[start + $0] == needle[$0] }
        }
    }

    /// Levenshtein distance, capped: returns `limit + 1` as soon as it must exceed `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMin = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
