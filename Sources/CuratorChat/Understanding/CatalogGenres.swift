import CuratorCore

/// The catalog's own genres as the reader hears them. The reader's genre words were made for
/// films (`Vocabulary.genres` says MovieLens's names: "Sci-Fi", "Children"); a catalog of
/// books or of another MovieLens spells its genres its own way ("Science Fiction",
/// "Children's", "Non-fiction"). Every genre a turn names goes through here, so a genre filter
/// only ever names a genre the catalog has:
/// - the catalog's genre names are genre words, in any case, singular or plural, with a
///   hyphen or a space or neither ("Non-fiction" = "nonfiction" = "non fiction");
/// - each of the reader's genres is spelled as this catalog spells it, the catalog's name
///   itself or the name the reader reads as that genre ("Science Fiction" for "Sci-Fi",
///   "Children's" or "Kids" for "Children");
/// - a genre the catalog does not have is `absent`: no filter (nothing would pass it) but a
///   wish, met by a tag or a description where one says it.
struct CatalogGenres: Sendable {
    /// The catalog's genre names.
    let names: Set<String>
    /// Each name's forms (`forms`) to the name.
    private let byForm: [String: String]
    /// The reader's genre names (MovieLens's) to this catalog's names of the same genre.
    private let spellings: [String: [String]]
    /// The catalog's genre for children of 12 and over ("Young Adult", "Teen"), if any.
    let teen: String?
    /// Whether the catalog holds no items: nothing to spell by, so the reader's names stand.
    private let unknown: Bool

    /// The most words a genre name of the catalog takes ("historical fiction": 2).
    private let longest: Int

    init(catalog: [Item]) {
        // Placeholders are no genre anyone asks for ("(no genres listed)", "unknown").
        let names = Set(catalog.flatMap(\.genres)).filter { !$0.hasPrefix("(") && $0.lowercased() != "unknown" }
        var byForm: [String: String] = [:]
        for name in names.sorted() {
            for form in Self.forms(TextNormalizer.tokens(name)) where byForm[form] == nil { byForm[form] = name }
        }
        self.names = names
        self.byForm = byForm
        longest = names.map { TextNormalizer.tokens($0).count }.max() ?? 0
        unknown = catalog.isEmpty
        var spellings: [String: [String]] = [:]
        let known = Set(Vocabulary.genres.values.joined()).union(Vocabulary.genrePhrases.values.joined())
        for genre in known {
            if let own = byForm[Self.compact(TextNormalizer.tokens(genre))] {
                spellings[genre] = [own]
                continue
            }
            // The catalog's names the reader reads as this genre: "Science Fiction" (a genre
            // phrase), "Kids", "Family", "Children's" (genre words, as said or stemmed).
            let read = names.filter { name in
                let tokens = TextNormalizer.tokens(name)
                let genres = Vocabulary.genrePhrases[tokens] ?? Self.forms(tokens).lazy.compactMap { Vocabulary.genres[$0] }.first
                return genres?.contains(genre) == true
            }
            if !read.isEmpty { spellings[genre] = read.sorted() }
        }
        self.spellings = spellings
        teen = ["youngadult", "teen", "teens", "teenage", "ya"].lazy.compactMap { byForm[$0] }.first
    }

    /// Words for teenagers that name the catalog's `teen` genre where it has one ("a teen book").
    static let teenWords: Set<String> = ["teen", "teens", "teenage", "teenager", "teenagers", "adolescent", "adolescents"]

    /// The catalog's genre whose name stands at `index` ("non fiction", "biographies"), the longest.
    func named(at index: Int, in words: [String]) -> (genre: String, length: Int)? {
        for length in stride(from: min(longest, words.count - index), through: 1, by: -1) {
            let span = Array(words[index..<(index + length)])
            guard !span.contains(where: \.isEmpty) else { continue }
            if let genre = Self.forms(span).lazy.compactMap({ byForm[$0] }).first { return (genre, length) }
        }
        return nil
    }

    /// The catalog's one-word genre a word typed with one slip means ("biograpy", "horor"): a
    /// word the reader knows as nothing else, one edit from one name of five letters or more.
    func misspelt(_ word: String) -> String? {
        guard word.count >= 4, Vocabulary.isUnknown(word) else { return nil }
        let close = names.filter { name in
            let tokens = TextNormalizer.tokens(name)
            return tokens.count == 1 && tokens[0].count >= 5 && Self.isSlip(word, of: tokens[0])
        }
        return close.count == 1 ? close.first : nil
    }

    /// Whether `typed` is `word` typed with one slip: one edit away, with the same first letter
    /// (a slip seldom falls there), and no given name ("cary", as in Cary Grant, had been read as
    /// "scary" and asked for horror).
    static func isSlip(_ typed: String, of word: String) -> Bool {
        typed.first == word.first && !Vocabulary.givenNames.contains(typed) && TextNormalizer.editDistance(word, typed) == 1
    }

    /// The reader's genres as this catalog spells them, and those it does not have.
    func spelled(_ genres: [String]) -> (present: [String], absent: [String]) {
        if unknown { return (genres, []) }
        var present: [String] = [], absent: [String] = []
        for genre in genres {
            if let names = spellings[genre] { present += names.filter { !present.contains($0) } } else { absent.append(genre) }
        }
        return (present, absent)
    }

    /// The forms a name is known by: its words run together, and that stemmed or without a
    /// plural "s" ("Non-fiction" → "nonfiction"; "biographies" → "biography").
    static func forms(_ tokens: [String]) -> [String] {
        let joined = compact(tokens)
        guard !joined.isEmpty else { return [] }
        var forms = [joined, RuleInterpreter.stem(joined)]
        if joined.count > 3, joined.hasSuffix("s") { forms.append(String(joined.dropLast())) }
        return forms
    }

    private static func compact(_ tokens: [String]) -> String { tokens.joined() }
}
