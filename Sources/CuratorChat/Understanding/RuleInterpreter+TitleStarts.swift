import CuratorCore

/// A name typed that is no title but the start of several ("I liked The Girl" where the
/// catalog has The Girl on the Train and The Girl with the Dragon Tattoo): a mention of them
/// all, so the reply asks which one was meant instead of passing over the name.
extension RuleInterpreter {
    /// Verbs after which a name is an item's, beside `Vocabulary.namingVerbs`: what is done
    /// with other catalogs' items.
    private static let otherNamingVerbs: Set<String> = ["read", "finished", "played"]
    /// The most titles a name may start and still be asked about: a longer list is no question.
    private static let mostStarted = 8

    /// Names after a verb of watching or feeling, whole up to the end of their phrase, that
    /// no mention covers and that start two titles or more without being one.
    /// - Parameter mentions: what the title matcher found (its words are taken).
    func titleStarts(in words: [TextNormalizer.Word], besides mentions: [TitleMatcher.Mention]) -> [TitleMatcher.Mention] {
        let taken = Set(mentions.flatMap { $0.position..<($0.position + $0.length) })
        var found: [TitleMatcher.Mention] = []
        for index in words.indices.dropLast() where !words[index].pauseAfter && !words[index].endsSentence
            && (Vocabulary.namingVerbs.contains(words[index].text) || Self.otherNamingVerbs.contains(words[index].text)) {
            var start = index + 1
            while start < words.count, TextNormalizer.articles.contains(words[start].text), !words[start].pauseAfter { start += 1 }
            var end = start
            while end < words.count, end - start < 6, !taken.contains(end), !Vocabulary.connectors.contains(words[end].text),
                  !Vocabulary.clauseBreaks.contains(words[end].text) {
                end += 1
                if words[end - 1].pauseAfter || words[end - 1].endsSentence { break }
            }
            // The name runs to its phrase's end: "the way it ended" is no start of "The Way We Were".
            guard end > start, end == words.count || words[end - 1].pauseAfter || words[end - 1].endsSentence
                || Vocabulary.connectors.contains(words[end].text) || Vocabulary.clauseBreaks.contains(words[end].text) else { continue }
            let name = words[start..<end].map(\.text)
            // Not a place in the list, a part of a film, a pronoun, a genre or a mood ("the
            // first", "the ending", "it", "the dark ones").
            guard name.allSatisfy({ word in
                !Vocabulary.stopwords.contains(word) && !Vocabulary.filmParts.contains(word) && !Vocabulary.pronouns.contains(word)
                    && !Vocabulary.placeNouns.contains(word) && Self.ordinal(word) == nil
            }), !name.indices.contains(where: { genreWords(at: $0, in: name) != nil || moodTag(at: $0, in: name) != nil }) else { continue }
            let typed = words[(index + 1)..<end].map(\.text)
            let started = items.indices.filter { item in
                let title = TextNormalizer.tokens(items[item].spokenTitle)
                return title.count > typed.count && title.starts(with: typed)
            }
            guard Set(started.map { items[$0].spokenTitle }).count >= 2, started.count <= Self.mostStarted else { continue }
            found.append(TitleMatcher.Mention(text: name.joined(separator: " "), position: start, length: end - start, items: started.map(Int32.init)))
        }
        return found
    }
}
