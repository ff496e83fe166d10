import CuratorCore

/// Genre words, read against the catalog's own genres (`CatalogGenres`): every reader of
/// genres (`readGenres`, the lifts, a child's age) takes them from here, so a genre filter
/// names only genres the catalog has, as it spells them.
extension RuleInterpreter {
    /// What the genre words at one place of a turn name.
    struct GenreWords {
        /// The catalog's genres they name ("Science Fiction" for "sci-fi" on a catalog of books).
        var genres: [String]
        /// The reader's genres they name that the catalog does not have ("Children" for "kids"
        /// on a catalog without it).
        var absent: [String]
        /// What they stand for as a wish when the catalog lacks the genre: the word said or the
        /// genre's name, whichever a tag or description has (`wish(_:)`); nil when it has the genre.
        var wish: String?
        /// How many words they take.
        var length: Int
        /// Whether they are the catalog's own name for the genre ("mystery" where a genre is
        /// Mystery), not an everyday word for it ("whodunit").
        var own: Bool
        /// One word for several genres at once ("romcom": a romantic comedy, not "comedy or
        /// romance"), as opposed to one genre the catalog spells several ways ("kids").
        var together = false
    }

    /// The genre named at `index`: the catalog's own name first ("non fiction",
    /// "biographies"), then the reader's genre words and phrases ("scifi", "kids", "science
    /// fiction", a slip like "horor") as the catalog spells that genre.
    func genreWords(at index: Int, in words: [String]) -> GenreWords? {
        let word = words[index]
        guard !word.isEmpty else { return nil }
        if let (genre, length) = catalogGenres.named(at: index, in: words) {
            return GenreWords(genres: [genre], absent: [], length: length, own: true)
        }
        if let teen = catalogGenres.teen, CatalogGenres.teenWords.contains(word) {
            return GenreWords(genres: [teen], absent: [], length: 1, own: false)
        }
        let phrase = Vocabulary.genrePhrases.first { Vocabulary.phrase($0.key, at: index, in: words) }
        guard let said = phrase?.value ?? Vocabulary.genres[word] ?? Vocabulary.genres[Self.stem(word)] ?? Self.misspeltGenre(word) else {
            return catalogGenres.misspelt(word).map { GenreWords(genres: [$0], absent: [], length: 1, own: true) }
        }
        let length = phrase?.key.count ?? 1
        let (present, absent) = catalogGenres.spelled(said)
        let spoken = words[index..<(index + length)].joined(separator: " ")
        // Inside a tag of several words ("true crime" on a catalog with no Crime), the tag is the wish.
        let inTag = (max(0, index - 3)..<index).contains { start in (moodTag(at: start, in: words)?.length ?? 0) > index - start }
        return GenreWords(genres: present, absent: absent, wish: absent.isEmpty || inTag ? nil : wish([spoken] + absent.map { $0.lowercased() }),
                          length: length, own: false, together: said.count > 1)
    }

    /// Whether `text` is wholly a genre's name or a tag of this catalog ("biographies",
    /// "serial killers"): no name of a film not found.
    func namesGenreOrTag(_ text: String) -> Bool {
        let words = TextNormalizer.tokens(text)
        return !words.isEmpty && (genreWords(at: 0, in: words)?.length == words.count || moodTag(at: 0, in: words)?.length == words.count)
    }

    /// The first of `candidates` a tag or description here has, else the first: a wish the
    /// reply says no film meets, once, rather than a filter no film passes.
    func wish(_ candidates: [String]) -> String {
        candidates.first(where: isMet) ?? candidates[0]
    }

    /// Whether any item here meets `wish` (`SessionRecommender.meets`, by tags alone for one of the catalog's tags).
    func isMet(_ wish: String) -> Bool {
        items.contains { SessionRecommender.meets($0, wish: wish, byTagOnly: catalogTags.contains(wish)) }
    }

    /// A child's age said in the turn asks for the catalog's children's genre ("Children",
    /// "Children's", "Kids", "Family"); from 12 on, its genre for teenagers ("Young Adult")
    /// where it has no children's genre or the child is older. With neither, a child under 13
    /// is a wish for what tags or descriptions call children's or kids'.
    /// The genres not for a child (`Vocabulary.notForChildren`) in the catalog's spelling and the reader's.
    var notForChildren: Set<String> {
        Vocabulary.notForChildren.union(catalogGenres.spelled(Array(Vocabulary.notForChildren)).present)
    }

    /// "…but for grown ups", "a film for adults", "something for us grownups": the phrase, when
    /// the turn asks for films for adults. After Up, "something else that hits like that but
    /// for grown ups" had listed five more animated family films.
    static func forGrownUps(_ words: [String]) -> String? {
        let adults: [[String]] = [["grown", "ups"], ["grown", "up"], ["grownups"], ["grownup"], ["adults"], ["an", "adult"], ["a", "grown", "up"]]
        for index in words.indices where words[index] == "for" {
            var at = index + 1
            while at < words.count, ["the", "us", "just"].contains(words[at]) { at += 1 }
            if let phrase = adults.first(where: { Vocabulary.phrase($0, at: at, in: words) }) {
                return words[index..<(at + phrase.count)].joined(separator: " ")
            }
        }
        return nil
    }

    /// Films for grown-ups leave the catalog's children's genres out.
    func readGrownUps(_ phrase: String, into result: inout TurnUnderstanding) {
        let children = catalogGenres.spelled(["Children"]).present
        guard !children.isEmpty else { return }
        result.excludeGenres.formUnion(children)
        result.includeGenres.subtract(children)
        result.filterPhrases.append(phrase)
    }

    func readChildsAge(_ age: Int, into result: inout TurnUnderstanding) {
        let children = catalogGenres.spelled(["Children"]).present
        let genres = age <= 12 && !children.isEmpty ? children : age >= 12 ? catalogGenres.teen.map { [$0] } ?? [] : []
        if !genres.isEmpty {
            if result.excludeGenres.isDisjoint(with: genres) {
                result.includeGenres.formUnion(genres)
                result.genreGroups.append(Set(genres))
            }
        } else if age <= 12 {
            let wish = wish(["children", "kids"])
            if !result.wishes.contains(wish) { result.wishes.append(wish) }
        }
    }
}
