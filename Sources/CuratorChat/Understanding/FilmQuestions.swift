/// Questions about one film named ("what year is casablanca?", "is titanic any good?", "who is
/// in heat?", "what genre is fargo?", "is fargo a comedy?"): answered from what the catalog
/// knows of it (its year, genres, description, how many here watched and rated it), with no
/// like marked and no list. A stranger's such questions had each been searched as words, the
/// film itself listed first and taken for a film to go by.
///
/// The question is the words around the name: an opening before it ("what year is", "who is
/// in", "is") and, for some, words after it ("come out", "any good", "a comedy"), with nothing
/// else in its sentence but little words. The name there is a film even when it is an everyday
/// word ("is heat any good?"): `MentionContext` asks `frames` too.
public enum FilmQuestions {
    /// What a question asks of a film.
    public enum Kind: Sendable, Equatable {
        /// Its year ("what year is casablanca?", "when did heat come out?").
        case year
        /// Its genres ("what genre is fargo?", "what kind of movie is heat?").
        case genre
        /// Whether it is of these genres ("is fargo a comedy?").
        case isGenre(Set<String>)
        /// What people here made of it ("is titanic any good?", "how many people rated star wars?").
        case opinion
        /// Its cast or crew, which no catalog here has ("who is in heat?", "who directed alien?").
        case people
        /// What it is about ("what is casablanca about?", "tell me about casablanca").
        case about
        /// Whether the catalog has it ("have you got casablanca?", "do you have heat?").
        case here
    }

    /// A question asked about a film: the items its name may mean, and what is asked.
    public struct Asked: Sendable, Equatable {
        public var items: [Int32]
        public var kind: Kind
        /// The name as typed.
        public var text: String
    }

    private struct Frame {
        var before: [String]
        /// Words after the name, one of which (a phrase) must follow it; empty: none may.
        var after: [[String]] = []
        var kind: Kind
        /// Words after the name that may start what follows ("worth watching", "good for kids").
        var afterIsPrefix = false
    }

    private static func frame(_ before: String, _ kind: Kind, after: [String] = [], prefix: Bool = false) -> Frame {
        Frame(before: words(before), after: after.map(words), kind: kind, afterIsPrefix: prefix)
    }

    private static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    private static let outAfter = ["come out", "came out", "get released", "released", "release", "premiere", "première"]
    private static let opinions = [
        "any good", "good", "worth it", "worth watching", "worth seeing", "worth a watch", "worth my time", "popular", "well liked",
        "liked", "rated well", "highly rated", "overrated", "underrated", "any fun", "fun", "watchable", "decent", "a good film",
        "a good movie", "a classic", "a masterpiece", "bad", "any better",
    ]
    private static let frames: [Frame] = [
        frame("what year is", .year), frame("what year was", .year), frame("what year did", .year, after: outAfter),
        frame("which year is", .year), frame("which year was", .year), frame("which year did", .year, after: outAfter),
        frame("when did", .year, after: outAfter), frame("when was", .year, after: ["made", "released", "out", "filmed", "shot"]),
        frame("when is", .year, after: ["from"]), frame("how old is", .year), frame("how old was", .year),
        frame("what year is", .year, after: ["from"]), frame("what year was", .year, after: ["from", "made", "released"]),
        frame("what decade is", .year, after: ["", "from"]), frame("is", .year, after: ["old", "new", "recent"]),
        frame("what genre is", .genre), frame("what genre was", .genre), frame("which genre is", .genre),
        frame("what genres is", .genre), frame("what kind of film is", .genre), frame("what kind of movie is", .genre),
        frame("what type of film is", .genre), frame("what type of movie is", .genre), frame("what sort of film is", .genre),
        frame("what sort of movie is", .genre), frame("what kind of film was", .genre), frame("what kind of movie was", .genre),
        frame("is", .opinion, after: opinions, prefix: true), frame("was", .opinion, after: opinions, prefix: true),
        frame("how good is", .opinion), frame("how good was", .opinion), frame("how popular is", .opinion),
        frame("how popular was", .opinion), frame("how is", .opinion, after: ["rated"]), frame("how was", .opinion, after: ["rated"]),
        frame("how well rated is", .opinion), frame("how highly rated is", .opinion), frame("whats the rating of", .opinion),
        frame("whats the rating for", .opinion), frame("what is the rating of", .opinion), frame("what rating does", .opinion, after: ["have", "get"]),
        frame("what do people think of", .opinion), frame("what did people think of", .opinion), frame("what do people say about", .opinion),
        frame("do people like", .opinion), frame("did people like", .opinion), frame("should i watch", .opinion),
        frame("how many people rated", .opinion), frame("how many people watched", .opinion), frame("how many people saw", .opinion),
        frame("how many people have seen", .opinion), frame("how many people liked", .opinion), frame("how many users rated", .opinion),
        frame("how many users watched", .opinion), frame("how many viewers", .opinion), frame("how many ratings does", .opinion, after: ["have", "get"]),
        frame("how many people have watched", .opinion), frame("how many people have rated", .opinion),
        frame("who is in", .people), frame("whos in", .people), frame("who was in", .people), frame("who stars in", .people),
        frame("who starred in", .people), frame("who acts in", .people), frame("who acted in", .people), frame("who plays in", .people),
        frame("who directed", .people), frame("who made", .people), frame("who wrote", .people), frame("whos the director of", .people),
        frame("who is the director of", .people), frame("who was the director of", .people), frame("whos the star of", .people),
        frame("whats the cast of", .people), frame("what is the cast of", .people), frame("who is the star of", .people),
        frame("who is in the cast of", .people), frame("who are the actors in", .people), frame("what actors are in", .people),
        frame("who was", .people, after: ["directed by", "made by"]), frame("who", .people, after: ["stars", "starred"]),
        frame("what is", .about, after: ["about"]), frame("whats", .about, after: ["about"]), frame("what was", .about, after: ["about"]),
        frame("whats the story of", .about), frame("what is the story of", .about), frame("tell me about", .about),
        frame("tell me more about", .about), frame("what do you know about", .about), frame("anything on", .about),
        frame("have you got", .here), frame("do you have", .here), frame("you got", .here), frame("got", .here),
        frame("is", .here, after: ["in the catalog", "in your catalog", "here", "in there", "available", "on your list"]),
        frame("can i watch", .here, after: ["", "here"]), frame("do you know", .here),
    ]

    /// The last words of the questions' openings: where a name may follow one.
    private static let lastOpeningWords = Set(frames.compactMap(\.before.last)).union(["is", "was"])

    /// Words that may stand before the question or end it ("ok so what year is heat then?").
    private static let around: Set<String> = [
        "ok", "okay", "so", "and", "hey", "hi", "um", "hmm", "btw", "also", "then", "exactly", "actually", "again", "please",
        "quick", "question", "just", "curious", "wondering", "but", "oh", "really", "anyway",
    ]

    /// What a question asks of the name at `head` (its article, if typed) to `end`, when the
    /// sentence around it is one: nil otherwise.
    /// - Parameter genreOf: the catalog genres a word names ("comedy" → Comedy), for "is fargo a comedy?".
    static func kind(head: Int, end: Int, in words: [TextNormalizer.Word], genreOf: (String) -> Set<String> = { _ in [] }) -> Kind? {
        // Its sentence, or its clause after a pause ("i loved heat, is fargo any good?"), read a
        // few words each side at most: a question is short, and a long text (a request of
        // thousands of words) is read in time linear in its length.
        var start = head
        while start > 0, !words[start - 1].endsSentence, !words[start - 1].pauseAfter {
            start -= 1
            if head - start > 12 { return nil }
        }
        var stop = end
        while stop < words.count, !words[stop - 1].endsSentence {
            stop += 1
            if stop - end > 10 { return nil }
        }
        let before = words[start..<head].map(\.text), after = words[end..<stop].map(\.text)
        let afterCore = Array(after.reversed().drop { around.contains($0) }.reversed())
        for frame in frames where before.count >= frame.before.count && Array(before.suffix(frame.before.count)) == frame.before {
            guard before.dropLast(frame.before.count).allSatisfy(around.contains) else { continue }
            if frame.after.isEmpty {
                if afterCore.isEmpty { return frame.kind }
                continue
            }
            for tail in frame.after where tail == [""] ? afterCore.isEmpty : frame.afterIsPrefix ? afterCore.starts(with: tail) : afterCore == tail {
                return frame.kind
            }
        }
        // "is fargo a comedy?", "is heat a thriller or a drama?", "is scream scary?": genres after
        // "is" (a trial's "is scream scary?" had asked for horror and listed Scream).
        if ["is", "was"].contains(before.last), before.dropLast().allSatisfy(around.contains), !afterCore.isEmpty {
            let named = afterCore.filter { !["a", "an", "or", "and", "film", "movie", "kind", "of", "sort", "type", "very", "really", "too", "at", "all"].contains($0) }
            let genres = named.map(genreOf)
            if !genres.isEmpty, genres.allSatisfy({ !$0.isEmpty }) { return .isGenre(genres.reduce(into: Set<String>()) { $0.formUnion($1) }) }
        }
        return nil
    }

    /// The words in a question's place for a film's name that link to no film ("what year did
    /// the thing come out?" where The Thing is not here): a name the catalog lacks, said so
    /// rather than "I didn't catch a film". Nil when no question is asked, or its place holds
    /// only little words ("is it any good?").
    static func unlinkedName(in words: [TextNormalizer.Word], taken: Set<Int>) -> Range<Int>? {
        // Only where a question's opening ends ("… is", "… about"): a cheap test before the frames.
        for head in words.indices.dropFirst() where !taken.contains(head) && lastOpeningWords.contains(words[head - 1].text) {
            for end in (head + 1)...min(words.count, head + 5) {
                let span = head..<end
                guard !span.contains(where: taken.contains), !words[span].dropLast().contains(where: { $0.endsSentence || $0.pauseAfter }) else { break }
                let typed = words[span].map(\.text)
                guard kind(head: head, end: end, in: words) != nil,
                      typed.contains(where: { !Vocabulary.stopwords.contains($0) && !Vocabulary.pronouns.contains($0) }),
                      !typed.contains(where: { Vocabulary.pronouns.contains($0) || Vocabulary.filmNouns.contains($0) }),
                      !(TextNormalizer.articles.contains(typed[0]) && span.count == 1) else { continue }
                return span
            }
        }
        return nil
    }

    /// Whether the name at `head` to `end` stands where a question about a film puts one: then
    /// it is a film, even an everyday word ("is heat any good?").
    static func frames(head: Int, end: Int, in words: [TextNormalizer.Word]) -> Bool {
        kind(head: head, end: end, in: words, genreOf: { Set(Vocabulary.genres[$0] ?? Vocabulary.genres[RuleInterpreter.stem($0)] ?? []) }) != nil
    }
}
