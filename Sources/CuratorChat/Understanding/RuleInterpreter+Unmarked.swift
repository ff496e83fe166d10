/// What a turn may ask of a film that no catalog here marks: the studio that made it ("not
/// disney please", "something from pixar") and its language ("she hates subtitles", "nothing
/// foreign", "a french film"). A stranger's "not disney please" passed without a word, and
/// "she hates subtitles" was a film not found, after which a subtitled film was listed. Where
/// the catalog has the word as a tag (the example catalog's "disney", "pixar"), it is that tag,
/// read as a mood; otherwise the reply says plainly that it cannot tell, and nothing is applied.
extension RuleInterpreter {
    /// Studios and labels people name films by.
    static let studios: Set<String> = [
        "disney", "disneys", "pixar", "pixars", "dreamworks", "ghibli", "miramax", "lucasfilm", "a24", "mgm", "netflix", "hbo",
        "marvel", "marvels", "touchstone", "amblin", "aardman", "laika", "blumhouse", "illumination",
    ]
    /// Words about a film's language that need nothing around them ("no subtitles", "dubbed please").
    static let languageWords: Set<String> = [
        "subtitles", "subtitle", "subtitled", "subbed", "dubbed", "dubbing", "foreign", "nonenglish",
    ]
    /// Languages said of films ("a french film", "korean movies", "bollywood", "in english").
    static let nationalities: Set<String> = [
        "english", "french", "italian", "spanish", "german", "japanese", "korean", "chinese", "hindi",
        "indian", "swedish", "danish", "norwegian", "russian", "mexican", "iranian", "polish", "czech", "hungarian",
        "brazilian", "cantonese", "mandarin", "european", "asian", "bollywood",
        // Countries more than languages: no catalog here says where a film was made either.
        "british", "american", "irish", "scottish", "australian", "canadian", "hollywood",
    ]

    /// Whether a word of a name is a studio's or a language's: no person, nor anything a
    /// catalog here can look for ("i love disney movies", "nothing with subtitles").
    static func namesStudioOrLanguage(_ name: String) -> Bool {
        TextNormalizer.tokens(name).contains { studios.contains($0) || languageWords.contains($0) || nationalities.contains($0) }
    }

    /// Reads the studios and the language a turn speaks of (`TurnUnderstanding.studios`,
    /// `asksLanguage`) and takes back what other rules made of their words: a film not found
    /// ("hates subtitles"), a person ("i love disney movies"), an exclusion no tag tells ("no
    /// disney"), a mood ("something disney"). Words inside a film named are the film's.
    /// - Parameter taken: the indices of the words of films named.
    func readUnmarked(_ tokens: [String], taken: Set<Int>, into result: inout TurnUnderstanding) {
        var said: [String] = []
        for (index, word) in tokens.enumerated() where !taken.contains(index) && tagWords[word] == nil {
            let next = tokens[safe: index + 1] ?? "", previous = index > 0 ? tokens[index - 1] : ""
            // A word of a tag of several ("ghibli" of "studio ghibli"): that tag, asked for or turned away.
            if Self.studios.contains(word) || Self.languageWords.contains(word) || Self.nationalities.contains(word),
               let tag = catalogTags.sorted().first(where: { TextNormalizer.tokens($0).count > 1 && TextNormalizer.tokens($0).contains(word) }) {
                if Self.turnsAway(Array(tokens[max(0, index - 5)..<index])) {
                    if !result.avoidedWishes.contains(tag) { result.avoidedWishes.append(tag) }
                    result.filterPhrases.append(word)
                } else if !result.wishes.contains(tag), !result.avoidedWishes.contains(tag) {
                    result.wishes.append(tag)
                }
                result.unreadExclusions.removeAll { $0 == word }
                result.missingTitles.removeAll { $0.position == nil && TextNormalizer.tokens($0.text).contains(word) }
                continue
            }
            if Self.studios.contains(word) {
                let studio = word.hasSuffix("s") && Self.studios.contains(String(word.dropLast())) ? String(word.dropLast()) : word
                if !result.studios.contains(studio) { result.studios.append(studio) }
                said.append(word)
            } else if Self.languageWords.contains(word)
                || Self.nationalities.contains(word) && (Vocabulary.kindNouns.contains(next) || Vocabulary.genres[next] != nil
                    || ["language", "speaking", "dialogue", "subtitles"].contains(next)
                    || ["in", "non", "foreign", "not", "no"].contains(previous) || word == "bollywood") {
                result.asksLanguage = true
                said.append(word)
            }
        }
        guard !said.isEmpty else { return }
        let owns = { (text: String) in TextNormalizer.tokens(text).contains(where: said.contains) }
        result.missingTitles.removeAll { $0.position == nil && owns($0.text) }
        result.unreadExclusions.removeAll(where: owns)
        result.unsearchable.removeAll(where: owns)
        result.names.removeAll(where: owns)
        result.wishes.removeAll(where: owns)
        result.unmatchedWishes.removeAll(where: owns)
        // Not searched for either: embedded, "no subtitles" lies close to foreign films.
        for word in said where !result.filterPhrases.contains(word) { result.filterPhrases.append(word) }
    }
}
