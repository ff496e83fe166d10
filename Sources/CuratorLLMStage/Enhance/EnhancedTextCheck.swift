import CuratorCore

/// Decides whether an LLM-written description of an item says anything, before it is stored
/// and embedded.
///
/// A small base model (the bundled Gemma 3 270M) often answers with a tautology ("The audience
/// is the audience"), one clause repeated to the length cap ("He is a rock star because he is
/// a rock star"), the prompt's own words ("The description is a short summary of the movie"),
/// or the title again ("Mr. Smith Goes to Washington"). Such text adds only noise to an item's
/// embedding, so it is refused; themes and audiences of the same kinds are dropped.
public struct EnhancedTextCheck: Sendable {
    /// Why a description was refused.
    public enum Refusal: Sendable, Equatable, CustomStringConvertible {
        /// Fewer words than a sentence.
        case tooShort
        /// It is addressed to a model, or echoes the instruction.
        case addressedToModel
        /// It describes the answer's own fields ("the audience is", "the description is").
        case talksAboutTheAnswer(String)
        /// A run of words appears twice.
        case repeatsItself(String)
        /// Its words are the title's (and year's, and genres') again.
        case restatesTitle
        /// Too few words that name something beyond the title, the genres and filler.
        case nothingConcrete

        /// A short name, for counts.
        public var kind: String {
            switch self {
            case .tooShort: "too short"
            case .addressedToModel: "addressed to a model"
            case .talksAboutTheAnswer: "talks about the answer"
            case .repeatsItself: "repeats itself"
            case .restatesTitle: "restates the title"
            case .nothingConcrete: "nothing concrete"
            }
        }

        public var description: String {
            switch self {
            case .tooShort: "too short"
            case .addressedToModel: "addressed to a model"
            case .talksAboutTheAnswer(let phrase): "talks about the answer (\"\(phrase)\")"
            case .repeatsItself(let run): "repeats itself (\"\(run)\" twice)"
            case .restatesTitle: "only restates the title"
            case .nothingConcrete: "names nothing concrete"
            }
        }
    }

    /// A description needs at least this many words.
    public var minimumWords = 4
    /// A run of this many words said twice is a repetition.
    public var repeatLength = 4
    /// A description needs at least this many distinct concrete words (not in the title, the
    /// genres, stop words or the answer's filler).
    public var minimumConcreteWords = 2

    public init() {}

    /// Why `description` of `item` should be refused, or nil when it may be stored.
    public func refusal(_ description: String, of item: Item) -> Refusal? {
        let words = ExplanationWords.words(of: description)
        guard words.count >= minimumWords else { return .tooShort }
        if PromptSanitizer.sentences(of: description).contains(where: PromptSanitizer.addressesTheModel)
            || description.lowercased().contains("describe this movie") {
            return .addressedToModel
        }
        if let phrase = Self.fieldPhrase(words) { return .talksAboutTheAnswer(phrase) }
        if let run = repeatedRun(words) { return .repeatsItself(run) }
        let given = Self.givenWords(of: item)
        let meaningful = Self.meaningful(words)
        if meaningful.allSatisfy({ given.title.contains($0) || given.genres.contains($0) }) { return .restatesTitle }
        if Set(meaningful.filter { Self.isConcrete($0, given: given) }).count < minimumConcreteWords { return .nothingConcrete }
        return nil
    }

    /// Whether a theme (or an audience) of `item` is worth keeping: a few words, at least one
    /// of them concrete, not the answer's field names, not the title again.
    /// - Parameter maximumWords: themes are short; an audience may be a phrase.
    public func keeps(_ phrase: String, of item: Item, maximumWords: Int = 3) -> Bool {
        let words = ExplanationWords.words(of: phrase)
        guard !words.isEmpty, words.count <= maximumWords, Self.fieldPhrase(words) == nil,
              words.allSatisfy({ !Self.answerFields.contains($0) }) else { return false }
        let given = Self.givenWords(of: item)
        let meaningful = Self.meaningful(words)
        guard !meaningful.isEmpty, !meaningful.allSatisfy(given.title.contains) else { return false }
        return meaningful.contains { $0.count >= 3 && !$0.contains(where: \.isNumber) }
    }

    /// The words that mean something: not stop words, not bare numbers.
    static func meaningful(_ words: [String]) -> [String] {
        words.filter { !CatalogTitles.stopWords.contains($0) && !$0.allSatisfy(\.isNumber) }
    }

    /// The names of the answer's fields and the prompt's words for them.
    static let answerFields: Set<String> = ["audience", "audiences", "description", "summary", "theme", "themes"]

    /// Words that name nothing about a film: what any description of any film may say.
    static let filler: Set<String> = [
        "movie", "movies", "film", "films", "story", "stories", "people", "group", "person", "thing", "things",
        "something", "someone", "interested", "watch", "watching", "see", "want", "wants", "about", "like", "really",
        "good", "great", "best", "fun", "funny", "very", "hes", "shes", "theyre", "thats", "theres", "isnt",
        "recommender", "recommend", "character", "characters", "genre", "genres", "title", "year", "directed",
        "released", "american", "written", "english", "words", "sentence", "short", "simple",
    ]

    /// "the audience is", "this description is", … : the answer describing its own fields.
    static func fieldPhrase(_ words: [String]) -> String? {
        guard words.count >= 3 else { return nil }
        for index in 0..<(words.count - 2)
        where ["the", "this", "its"].contains(words[index]) && answerFields.contains(words[index + 1]) && ["is", "are"].contains(words[index + 2]) {
            return words[index...(index + 2)].joined(separator: " ")
        }
        return nil
    }

    /// The first run of `repeatLength` words that appears twice.
    func repeatedRun(_ words: [String]) -> String? {
        guard words.count >= repeatLength * 2 else { return nil }
        var seen: Set<ArraySlice<String>> = []
        for start in 0...(words.count - repeatLength) {
            let run = words[start..<(start + repeatLength)]
            if !seen.insert(run).inserted { return run.joined(separator: " ") }
        }
        return nil
    }

    static func isConcrete(_ word: String, given: (title: Set<String>, genres: Set<String>)) -> Bool {
        word.count >= 3 && !word.contains(where: \.isNumber) && !filler.contains(word) && !answerFields.contains(word)
            && !given.title.contains(word) && !given.genres.contains(word) && !GroundedExplainer.genreWords.contains(word)
    }

    /// The words the prompt gave: the title's (and year's), and the genres'.
    static func givenWords(of item: Item) -> (title: Set<String>, genres: Set<String>) {
        let title = Set(ExplanationWords.words(of: item.title + " " + (item.year.map(String.init) ?? "")))
        return (title, Set(item.genres.flatMap { ExplanationWords.words(of: $0) }))
    }
}
