import CuratorCore

/// Keeps the held-out target's title out of everything the simulated user types.
///
/// A text leaks when its folded words contain, as a contiguous run:
/// - any form of the target's title (main title, article dropped, short title, subtitle,
///   parenthesised and a.k.a. titles, sequel spellings, the catalog's own inverted title);
/// - any two or more consecutive words of one of those forms, unless they are all little
///   words ("of the"): a partial title ("willy wonka" of "Willy Wonka and the Chocolate
///   Factory", "die hard" inside "die hard 2");
/// - a distinctive single word of the title (one that few titles of the catalog share, such
///   as "heat" or "wonka"), or a word one typo away from it when it is five letters or longer.
public struct LeakGuard: Sendable {
    /// Word runs that may not appear.
    let forbiddenRuns: [[String]]
    /// Single words that may not appear (nor, when long, a near miss of them).
    let forbiddenWords: Set<String>

    /// Little words that say nothing of a title on their own or together.
    static let littleWords: Set<String> = [
        "a", "an", "the", "of", "and", "in", "on", "to", "for", "with", "at", "by", "from", "or", "is", "it", "my", "i",
        "me", "you", "your", "we", "our", "his", "her", "this", "that", "be", "no", "not", "part", "la", "le", "les", "el",
        "de", "des", "du", "der", "die", "das", "un", "une", "ii", "iii", "2", "3",
    ]

    /// - Parameters:
    ///   - target: the held-out item's index.
    ///   - catalog: the items (the target's title and how many titles share each word).
    ///   - titleWordCounts: per folded word, how many catalog titles contain it (`wordCounts(catalog)`).
    public init(target: Int32, catalog: [Item], titleWordCounts: [String: Int]) {
        let title = catalog[Int(target)].title
        let anatomy = TitleAnatomy(title)
        var texts = [title, anatomy.main] + anatomy.alternates + [anatomy.short, anatomy.subtitle].compactMap { $0 }
        texts += SpokenTitleBook.candidates(anatomy, knownTitles: []).map(\.text)
        var runs: Set<[String]> = []
        var words: Set<String> = []
        for text in texts {
            let folded = Typing.words(text)
            guard !folded.isEmpty else { continue }
            if !folded.allSatisfy(Self.littleWords.contains) { runs.insert(folded) }
            if folded.count >= 2 {
                for length in 2...folded.count {
                    for start in 0...(folded.count - length) {
                        let run = Array(folded[start..<(start + length)])
                        if !run.allSatisfy(Self.littleWords.contains) { runs.insert(run) }
                    }
                }
            }
            for word in folded where !Self.littleWords.contains(word) && word.count >= 3 && (titleWordCounts[word] ?? 0) <= 3 {
                words.insert(word)
            }
            if folded.count == 1, !Self.littleWords.contains(folded[0]) { words.insert(folded[0]) }
        }
        forbiddenRuns = runs.sorted { $0.count != $1.count ? $0.count < $1.count : $0.joined() < $1.joined() }
        forbiddenWords = words
    }

    /// How many catalog titles contain each folded word (each title counted once per word).
    public static func wordCounts(_ catalog: [Item]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for item in catalog {
            for word in Set(Typing.words(item.title)) { counts[word, default: 0] += 1 }
        }
        return counts
    }

    /// Whether `text` gives the target's title away, in full or in part.
    public func leaks(_ text: String) -> Bool {
        let words = Typing.words(text)
        for word in words {
            if forbiddenWords.contains(word) { return true }
            if word.count >= 5, forbiddenWords.contains(where: { $0.count >= 5 && Typing.editDistance($0, word, limit: 1) <= 1 }) {
                return true
            }
        }
        return forbiddenRuns.contains { Typing.contains(words, run: $0) }
    }
}
