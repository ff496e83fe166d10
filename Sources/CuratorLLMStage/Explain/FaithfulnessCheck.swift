import CuratorCore
import Foundation

/// Checks an explanation against the catalog and the user's history before it is shown:
/// it must name the recommended film (or say "this film"); every other film it names must be
/// one the user has; it must not copy its prompt; the genres it states must be those of the
/// films it talks about, and a year that of the film it follows; every other word must be a
/// little word, a word of saying why or of tone (`ExplanationVocabulary`), or one of those
/// films' own facts (title, genres, tags, description), so a cast, an award, a plot or a place
/// the catalog does not tell, or another language, fails; and it must be one finished
/// sentence of sane length, printable.
///
/// The check is conservative: a true sentence it cannot verify fails, and is replaced by a
/// grounded one (`GroundedExplainer`), which costs nothing but variety.
public struct FaithfulnessCheck: Sendable {
    public let catalog: [Item]
    let titles: CatalogTitles
    /// Genre words (as word sequences) to the catalog's genre names.
    let genreWords: [(words: [String], genre: String)]
    /// Every word of `genreWords`: words any explanation may use (stated genres are checked apart).
    let genreVocabulary: Set<String>
    /// A run of this many words found in the prompt counts as copying it.
    public var copyLength = 5
    /// Bounds of a sane sentence.
    public var minimumWords = 4
    public var maximumCharacters = 320

    /// - Parameters:
    ///   - catalog: item metadata by dense index.
    ///   - titles: the catalog's title index, when one is already built.
    public init(catalog: [Item], titles: CatalogTitles? = nil) {
        self.catalog = catalog
        self.titles = titles ?? CatalogTitles(catalog: catalog)
        let genres = Set(catalog.flatMap(\.genres))
        var words: [(words: [String], genre: String)] = []
        for genre in genres {
            let base = ExplanationWords.words(of: genre)
            guard !base.isEmpty else { continue }
            for form in [base] + (Self.genreForms[base.joined(separator: " ")] ?? []).map({ $0.split(separator: " ").map(String.init) }) {
                words.append((form, genre))
            }
        }
        self.genreWords = words.sorted { $0.words.count > $1.words.count }
        genreVocabulary = Set(words.flatMap(\.words))
    }

    /// Other ways to write a genre (keys are the genre's own words, joined by spaces).
    static let genreForms: [String: [String]] = [
        "comedy": ["comedies", "comic", "comedic"], "romance": ["romantic", "romances"], "thriller": ["thrillers"],
        "western": ["westerns"], "musical": ["musicals"], "documentary": ["documentaries"], "animation": ["animated"],
        "childrens": ["children", "kids", "family film", "family movie"], "children": ["kids", "family film", "family movie"],
        "sci fi": ["science fiction", "scifi"], "film noir": ["noir"], "drama": ["dramas"], "horror": ["horrors"],
        "war": ["war film", "war movie", "war drama", "war story", "war epic"], "mystery": ["mysteries"],
        "adventure": ["adventures"], "fantasy": ["fantasies"], "crime": ["crime"], "action": ["action"],
    ]

    /// Why an explanation failed.
    public enum Failure: Sendable, Codable, Equatable, CustomStringConvertible {
        /// It neither names the recommended film nor says "this film".
        case recommendedNotNamed
        /// It gives as a reason a film the user does not have.
        case reasonNotInHistory(String)
        /// It names a catalog film that is neither recommended nor in the history.
        case namesOtherTitle(String)
        /// It copies a run of words from its prompt.
        case copiesPrompt(String)
        /// It states a genre none of the films it talks about has.
        case contradictsGenre(String)
        /// It states a year (or decade) none of the films it talks about has.
        case contradictsYear(String)
        /// Too short or too long (characters).
        case length(Int)
        /// Control characters or escape sequences.
        case unprintable
        /// It says something nothing in the catalog tells of these films (a word outside the
        /// explanation vocabulary and the films' own facts): a cast, an award, a plot, a place.
        case unsupported(String)
        /// It stops mid-sentence (no closing full stop, question or exclamation mark).
        case unfinished

        public var description: String {
            switch self {
            case .recommendedNotNamed: "does not name the recommended film"
            case .reasonNotInHistory(let title): "gives \(title) as a reason, which the user does not have"
            case .namesOtherTitle(let title): "names another film, \(title)"
            case .copiesPrompt(let words): "copies the prompt: \"\(words)\""
            case .contradictsGenre(let genre): "says \(genre), which neither film is"
            case .contradictsYear(let year): "says \(year), which neither film's year is"
            case .length(let count): "\(count) characters is not a sentence of sane length"
            case .unprintable: "contains control characters"
            case .unsupported(let word): "says “\(word)”, which nothing in the catalog tells of these films"
            case .unfinished: "stops mid-sentence"
            }
        }
    }

    /// What a reply says when explanations the model wrote were refused (the chat, the server
    /// and `recommend` alike): nothing refused is passed over in silence.
    public static func note(rejected count: Int) -> String {
        "\(count) LLM explanation\(count == 1 ? "" : "s") failed the faithfulness check: grounded ones shown instead"
    }

    /// The outcome of a check.
    public struct Verdict: Sendable, Codable, Equatable {
        public var failures: [Failure]
        public var passed: Bool { failures.isEmpty }
    }

    /// Checks `sentence` (the model's words only, not the "Because you liked" lead).
    /// - Parameters:
    ///   - recommended: the recommended item.
    ///   - anchor: the history item the shown lead names (its genres and year may be stated).
    ///   - history: the user's items.
    ///   - prompt: the text the model was sent.
    public func check(_ sentence: String, recommended: Int32, anchor: Int32?, history: [Int32], prompt: String) -> Verdict {
        var failures: [Failure] = []
        if sentence.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) { failures.append(.unprintable) }
        let text = ExplanationWords(sentence)
        let trimmed = sentence.trimmingCharacters(in: .whitespaces)
        if text.words.count < minimumWords || trimmed.count < 12 || trimmed.count > maximumCharacters { failures.append(.length(trimmed.count)) }
        if let last = trimmed.last(where: { !"\"”’')]".contains($0) }), !".!?".contains(last) { failures.append(.unfinished) }

        let owned = Set(history)
        // The two films the sentence is about may be named however they read ("in the vein of 1917").
        let mentions = titles.mentions(in: text, lenient: Set([recommended] + (anchor.map { [$0] } ?? [])))
        var discussed: Set<Int32> = [recommended]
        if let anchor { discussed.insert(anchor) }
        var namesRecommended = false
        for mention in mentions {
            if mention.item == recommended { namesRecommended = true; continue }
            // Several films may share a title: naming one the user has is fine.
            let sameWords = mentions.filter { $0.words == mention.words }.map(\.item)
            if sameWords.contains(recommended) || sameWords.contains(where: owned.contains) {
                discussed.formUnion(sameWords.filter { owned.contains($0) })
                continue
            }
            let title = catalog[Int(mention.item)].displayTitle
            let before = text.words[max(0, mention.words.lowerBound - 2)..<mention.words.lowerBound]
            let failure: Failure = before.contains(where: Self.likingWords.contains) ? .reasonNotInHistory(title) : .namesOtherTitle(title)
            if !failures.contains(failure) { failures.append(failure) }
        }
        if !namesRecommended && !Self.refersToItself(text.words) { failures.append(.recommendedNotNamed) }

        // Words outside the titles, in runs: what the sentence itself says.
        var inTitle = [Bool](repeating: false, count: text.words.count)
        for mention in mentions { for index in mention.words { inTitle[index] = true } }
        if let copied = copiedRun(text, mentions: mentions, prompt: prompt, recommended: recommended) { failures.append(.copiesPrompt(copied)) }
        let genres = Set(discussed.flatMap { catalog[Int($0)].genres })
        for genre in statedGenres(text.words, masked: inTitle) where !genres.contains(genre) {
            failures.append(.contradictsGenre(genre))
        }
        // A year is the film's it follows ("True Lies is a 1993 adventure, like Jurassic Park"
        // gives True Lies Jurassic Park's year); with no film before it, any film discussed.
        var subjects = mentions.map { (start: $0.words.lowerBound, item: $0.item) }
        for (index, pair) in zip(text.words, text.words.dropFirst()).enumerated() where pair.0 == "this" && Self.selfNouns.contains(pair.1) {
            subjects.append((index, recommended))
        }
        for (index, written, stated) in statedYears(text.words, masked: inTitle) {
            let subject = subjects.filter { $0.start < index && discussed.contains($0.item) }.max { $0.start < $1.start }
            let years = subject.map { [catalog[Int($0.item)].year].compactMap { $0 } } ?? discussed.compactMap { catalog[Int($0)].year }
            if !stated(years) { failures.append(.contradictsYear(written)) }
        }
        if let word = unsupportedWord(text.words, masked: inTitle, discussed: discussed) { failures.append(.unsupported(word)) }
        return Verdict(failures: failures)
    }

    /// The first word (outside titles) neither the explanation vocabulary nor the discussed
    /// films' own facts hold; years and decades are `statedYears`' to check.
    func unsupportedWord(_ words: [String], masked: [Bool], discussed: Set<Int32>) -> String? {
        var facts = genreVocabulary
        for item in discussed.map({ catalog[Int($0)] }) {
            for text in [item.title, item.text] + item.tags + item.genres { facts.formUnion(ExplanationWords.words(of: text)) }
        }
        let known = { (word: String) in
            ExplanationVocabulary.forms(of: word).contains { ExplanationVocabulary.allowed.contains($0) || facts.contains($0) }
                || facts.contains { $0.hasPrefix(word) && $0.count <= word.count + 3 }
        }
        for (index, word) in words.enumerated() where !masked[index] && !known(word) {
            if Self.isYearOrDecade(word) { continue }
            return word
        }
        return nil
    }

    static func isYearOrDecade(_ word: String) -> Bool {
        if word.count == 4, let year = Int(word) { return (1880...2040).contains(year) }
        guard word.hasSuffix("s"), let number = Int(word.dropLast()), number % 10 == 0 else { return false }
        return word.count == 3 || (word.count == 5 && (1880...2040).contains(number))
    }

    /// The nouns of "this film", "this one": the sentence sits under the item it refers to.
    static let selfNouns: Set<String> = ["film", "movie", "one", "picture", "title"]

    static let likingWords: Set<String> = ["liked", "loved", "enjoyed", "like", "love", "enjoy", "watched", "because", "fan"]

    /// "this film", "this movie", "this one": the sentence sits under the item it refers to.
    static func refersToItself(_ words: [String]) -> Bool {
        zip(words, words.dropFirst()).contains { $0 == "this" && selfNouns.contains($1) }
    }

    /// The first run of `copyLength` words the prompt also has, if any. A film's name counts
    /// as one word (in both texts), so naming a long title is no copy, but the prompt's frame
    /// around the titles ("A viewer liked X (Crime, Thriller). We recommend Y") is.
    func copiedRun(_ text: ExplanationWords, mentions: [CatalogTitles.Mention], prompt: String, recommended: Int32) -> String? {
        let words = Self.tokens(text.words, mentions)
        let promptText = ExplanationWords(prompt)
        let promptWords = Self.tokens(promptText.words, titles.mentions(in: promptText, lenient: [recommended]))
        guard words.count >= copyLength, promptWords.count >= copyLength else { return nil }
        let grams = Set((0...(promptWords.count - copyLength)).map { promptWords[$0..<($0 + copyLength)].joined(separator: " ") })
        for start in 0...(words.count - copyLength) {
            let gram = words[start..<(start + copyLength)].joined(separator: " ")
            if grams.contains(gram) { return gram.replacingOccurrences(of: "\u{1}", with: "#") }
        }
        return nil
    }

    /// `words` with each mention replaced by one token naming its item.
    static func tokens(_ words: [String], _ mentions: [CatalogTitles.Mention]) -> [String] {
        var result: [String] = []
        var index = 0
        for mention in mentions.sorted(by: { $0.words.lowerBound < $1.words.lowerBound }) where mention.words.lowerBound >= index {
            result += words[index..<mention.words.lowerBound]
            result.append("\u{1}\(mention.item)")
            index = mention.words.upperBound
        }
        return result + words[index...]
    }

    /// The catalog genres the words name (outside titles).
    func statedGenres(_ words: [String], masked: [Bool]) -> [String] {
        var stated: [String] = []
        var used = [Bool](repeating: false, count: words.count)
        for (form, genre) in genreWords {
            guard words.count >= form.count else { continue }
            for start in 0...(words.count - form.count) where Array(words[start..<(start + form.count)]) == form {
                let range = start..<(start + form.count)
                guard !masked[range].contains(true), !used[range].contains(true) else { continue }
                for index in range { used[index] = true }
                if !stated.contains(genre) { stated.append(genre) }
            }
        }
        return stated
    }

    /// Years and decades the words state (outside titles), each with where it stands and a test of the films' years.
    func statedYears(_ words: [String], masked: [Bool]) -> [(Int, String, ([Int]) -> Bool)] {
        var stated: [(Int, String, ([Int]) -> Bool)] = []
        for (index, word) in words.enumerated() where !masked[index] {
            if word.count == 4, let year = Int(word), (1880...2040).contains(year) {
                stated.append((index, word, { $0.contains(year) }))
            } else if word.hasSuffix("s"), let number = Int(word.dropLast()) {
                if word.count == 5, (1880...2040).contains(number), number % 10 == 0 {
                    stated.append((index, word, { $0.contains { $0 / 10 * 10 == number } }))
                } else if word.count == 3, number % 10 == 0 {
                    stated.append((index, word, { $0.contains { $0 % 100 / 10 * 10 == number } }))
                }
            }
        }
        return stated
    }
}
