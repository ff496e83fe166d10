/// Decides whether a name that is also everyday language ("mother", "speed", "the game",
/// "big night", or the start of a long title) is meant as a film, from the sentence around
/// it: a film verb before it ("loved the crow"), a predicate after it at the start of a
/// clause ("speed was great"), a list with a film already named ("the crow and the mask"),
/// capitals or quotes where a sentence does not start, or a turn that is nothing but names.
/// A possessive or determiner before it ("my mother", "a crash") makes it a thing, unless
/// typed with a capital.
enum MentionContext {
    struct Candidate {
        var mention: TitleMatcher.Mention
        /// Needs the sentence to treat it as a film.
        var weak: Bool
        /// The title's own leading article ("a" for "Time to Kill, A"), if any.
        var article: String?
        /// Only a part of the title was typed: a subtitle alone or the start of a long title.
        var part = false
    }

    /// Whether a candidate is one verb of feeling or watching in a verb's place: after "i", "we",
    /// an adverb ("i really hate"), lower case and unquoted.
    static func isVerbSaid(_ candidate: Candidate, in words: [TextNormalizer.Word]) -> Bool {
        let position = candidate.mention.position
        guard candidate.mention.length == 1, Vocabulary.namingVerbs.contains(words[position].text), position > 0,
              !words[position].capitalized, !words[position].quoted else { return false }
        return subjectsAndAdverbs.contains(words[position - 1].text)
    }

    private static let subjectsAndAdverbs: Set<String> = [
        "i", "we", "you", "they", "he", "she", "really", "just", "totally", "absolutely", "also", "always", "still", "kinda",
        "honestly", "so", "truly", "actually", "literally", "both", "all", "dont", "didnt", "never", "do", "did",
    ]

    /// The candidates kept, in order: every strong one, and weak ones in a film's place.
    /// - Returns: the mentions kept, and the names typed longer than the title they matched
    ///   (films the catalog does not have), with the film whose title they start with.
    static func accepted(_ candidates: [Candidate], in words: [TextNormalizer.Word]) -> (mentions: [TitleMatcher.Mention], missing: [TitleMatcher.Missing]) {
        var missing: [TitleMatcher.Missing] = []
        let candidates = candidates.filter { candidate in
            // "I hate Titanic": the verb is no film (Hate, La Haine's English title), when said as
            // the verb after the one who feels it; typed as a title ("I loved Hate") it is one.
            if isVerbSaid(candidate, in: words) { return false }
            // "that shark movie", "the movie with the dinosaurs": "movie" alone names no film
            // (not "Mystery Science Theater 3000: The Movie"), unless typed as a title is.
            let typed = candidate.mention.text.split(separator: " ").map(String.init)
            if typed.contains(where: Vocabulary.filmNouns.contains),
               typed.allSatisfy({ Vocabulary.filmNouns.contains($0) || Vocabulary.stopwords.contains($0) }) {
                return words[candidate.mention.position..<(candidate.mention.position + candidate.mention.length)].contains { $0.quoted || $0.capitalized }
            }
            // "i hate kids movies", "into war films": a genre's word before a noun for a kind of
            // film is the genre, not the film of that name (Kids, The War), unless quoted.
            if namesGenre(candidate, in: words), let next = words[safe: candidate.mention.position + candidate.mention.length],
               Vocabulary.kindNouns.contains(next.text), !words[candidate.mention.position + candidate.mention.length - 1].endsSentence,
               !words[candidate.mention.position..<(candidate.mention.position + candidate.mention.length)].contains(where: \.quoted) {
                return false
            }
            // A question's own words after the name are no more of it ("what year was fargo released?").
            let mention = candidate.mention
            if FilmQuestions.frames(head: Feelings.head(of: mention, in: words), end: mention.position + mention.length, in: words) { return true }
            guard let name = longerName(candidate, in: words, candidates: candidates) else { return true }
            missing.append(TitleMatcher.Missing(text: words[name].map(\.text).joined(separator: " "), nearest: candidate.mention.items))
            return false
        }
        var kept = candidates.map { !$0.weak }
        let onlyNames = isOnlyNames(candidates, in: words)
        // A turn of a few words that happen to be a subtitle ("a true story maybe") is not a list of films.
        let standsAlone = { (candidate: Candidate) in
            onlyNames && !(candidate.part && candidate.mention.text.split(separator: " ").map(String.init)
                .filter { !Vocabulary.stopwords.contains($0) }.allSatisfy(Vocabulary.commonWords.contains))
        }
        var changed = true
        while changed {
            changed = false
            for index in candidates.indices where !kept[index] {
                if standsAlone(candidates[index]) || isFilm(candidates[index], in: words, candidates: candidates, kept: kept) {
                    kept[index] = true
                    changed = true
                }
            }
        }
        return (candidates.indices.filter { kept[$0] }.map { candidates[$0].mention }, missing)
    }

    private static func isFilm(_ candidate: Candidate, in words: [TextNormalizer.Word], candidates: [Candidate], kept: [Bool]) -> Bool {
        let mention = candidate.mention, article = candidate.article
        let start = mention.position, end = mention.position + mention.length
        // The article typed before the name belongs to it ("the birdcage").
        let articleTyped = start > 0 && TextNormalizer.articles.contains(words[start - 1].text) && !words[start - 1].endsSentence
        let head = articleTyped ? start - 1 : start
        let span = words[head..<end]
        let sentenceStart = head == 0 || words[head - 1].endsSentence
        if span.contains(where: \.quoted) { return true }
        if span.contains(where: { $0.capitalized }) && !(sentenceStart && !span.dropFirst().contains(where: \.capitalized)) { return true }
        // "loved it" is not the film It, nor "saw us" Us: a pronoun needs capitals or quotes.
        if !articleTyped, mention.length == 1, Vocabulary.pronouns.contains(words[start].text) { return false }
        let before = head > 0 && !words[head - 1].endsSentence ? words[head - 1].text : nil
        // "i wouldn't say no to another heat": more of that film, the name ending its phrase (a
        // trial's had searched the words and listed Heat itself first); "another crash course" is a thing.
        if before == "another", !candidate.part, end == words.count || words[end - 1].endsSentence || words[end - 1].pauseAfter
            || ["please", "pls", "plz", "tonight", "now", "then", "maybe"].contains(words[end].text) { return true }
        if let before, Vocabulary.determiners.contains(before) { return false }
        // Asked about: "is heat any good?", "what year is casablanca?".
        if FilmQuestions.frames(head: head, end: end, in: words) { return true }
        // "not too heavy", "very light": a degree before a word makes it a quality, not a film.
        if let before, ["too", "very"].contains(before) { return false }
        // "a fan" is not "The Fan": an article typed that is not the title's own.
        if articleTyped, words[start - 1].text != (article ?? "the") { return false }
        // A name given to a film just described: "the one with the shark, jaws".
        if appositionStart(head, in: words) != nil { return true }
        // Compared with a film after it: "is chinatown better than vertigo?" (only Vertigo had
        // been read); "the godfather or the sting, which is scarier" reads by its list word.
        if let comparative = words[safe: end], !words[end - 1].endsSentence,
           let than = (end + 1...end + 2).first(where: { words[safe: $0]?.text == "than" }), !words[end..<than].contains(where: \.endsSentence),
           ["better", "worse", "funnier", "scarier", "darker", "sadder", "longer", "shorter", "older", "newer", "more", "less"].contains(comparative.text),
           than == end + 1 || ["more", "less"].contains(comparative.text),
           candidates.contains(where: { $0.mention.position > than && $0.mention.position <= than + 2 }) {
            return true
        }
        // Its cast after it, names the reader does not know: "the fugitive with harrison ford"
        // ("heat with my dad" is the sentence going on).
        if let next = words[safe: end], !words[end - 1].endsSentence, !words[end - 1].pauseAfter,
           Vocabulary.castCues.contains(next.text),
           words[(end + 1)..<min(words.count, end + 3)].contains(where: { Vocabulary.isUnknown($0.text) }) { return true }
        // A film already kept, joined by a list word or a comma, on either side.
        // Only those a few words away can be joined to it: a long text's hundreds of names are
        // not each compared with every other (that had made a turn of 2,000 words take minutes).
        let keptMentions = candidates.indices.filter { index in
            kept[index] && candidates[index].mention.position <= end + 4 && candidates[index].mention.position + candidates[index].mention.length + 4 >= head
        }.map { candidates[$0].mention }
        if listNeighbour(of: head, end: end, in: words, kept: keptMentions) { return true }
        // A film verb before it, past little words ("I really loved the…", "similar to"); not
        // before a title that is only a genre's word: "i hate kids" is about kids' films.
        let genre = namesGenre(candidate, in: words)
        var look = head - 1
        while look >= 0, !words[look].endsSentence, !Vocabulary.filmVerbs.contains(words[look].text),
              Vocabulary.intensifiers.contains(words[look].text), head - look <= 3 { look -= 1 }
        // "what about X", not "a film about the war".
        if !genre, look >= 0, !words[look].endsSentence, Vocabulary.filmVerbs.contains(words[look].text),
           words[look].text != "about" || look > 0 && ["what", "how"].contains(words[look - 1].text) { return true }
        // Named as the film a clause is about: "my favourite film is heat", "the best movie ever
        // made was casablanca", "my all-time fave is fargo", "my number one has to be speed".
        if namingSubject(before: head, in: words) != nil { return true }
        // Praise right before it, a rewatch right after: "nothing beats heat", "quote heat word for word".
        if Feelings.praiseStart(before: head, in: words) != nil && !words[head - 1].endsSentence
            || !words[end - 1].endsSentence && Feelings.rewatchFollows(end, in: words) { return true }
        // The first of films said together ("alien and the thing were great", "heat, ronin and
        // the thing - loved them all"): what the list says is said of each, so the rules below
        // read at its end. A stranger's "alien and the thing" (The Thing not here) had lost
        // Alien, and its like, to the film missing beside it.
        let listed = listEnd(after: end, in: words)
        // The subject of a clause: "speed was great", "honestly heat bored me", "…, and nixon was fun".
        var first = head
        while first > 0, !words[first - 1].endsSentence, !words[first - 1].pauseAfter, Vocabulary.intensifiers.contains(words[first - 1].text) { first -= 1 }
        let clauseStart = first == 0 || words[first - 1].endsSentence || words[first - 1].pauseAfter
            || Vocabulary.clauseBreaks.contains(words[first - 1].text) || ["and", "or"].contains(words[first - 1].text)
        // A title may end in "!" ("That Darn Cat!"): a lower-case predicate after it still follows it.
        // An adverb may stand between ("heat still bores me", "fargo really annoyed me").
        for end in Set([end, listed]) {
            var verb = end
            while verb < words.count, verb - end < 2, !words[verb - 1].endsSentence, Vocabulary.adverbs.contains(words[verb].text) { verb += 1 }
            if clauseStart, let next = words[safe: verb], Vocabulary.predicates.contains(next.text) || appraisals.contains(next.text),
               !words[end - 1].endsSentence || !next.capitalized { return true }
        }
        if !candidate.part, !genre, let next = words[safe: end], !words[end - 1].endsSentence, ["movie", "film"].contains(next.text) { return true }
        // A phrase of its own between stops: "X - what a film", "omg X!!", and hedged: "…, jaws i think".
        for end in Set([end, listed]) where clauseStart && !candidate.part {
            if words[end - 1].pauseAfter || words[end - 1].endsSentence, end < words.count || first > 0 { return true }
        }
        if clauseStart, !candidate.part, first > 0, let hedge = Vocabulary.hedges.first(where: { Vocabulary.phrase($0, at: end, in: words.map(\.text)) }),
           end + hedge.count == words.count || words[end + hedge.count - 1].pauseAfter || words[end + hedge.count - 1].endsSentence { return true }
        return false
    }

    /// Where a list of short names that runs on from a name ending at `end` ends (`listItems`);
    /// `end` when no list follows.
    static func listEnd(after end: Int, in words: [TextNormalizer.Word]) -> Int {
        listItems(after: end, in: words).last?.upperBound ?? end
    }

    /// The items of a list of short names that runs on from a name ending at `end`: each past
    /// "and", "or" or a comma, a few words that are no verb, pronoun or possessive ("and the
    /// thing", ", ronin and the thing"), ending where the list goes on or stops. Whether the
    /// words listed are films is not asked: a name beside one is said the way a film is. Items
    /// after a comma count only when "and" or "or" joins a later one ("heat, ronin and the
    /// thing"): "i loved heat, nothing with superheroes" is no list. Eight items at most: a list
    /// said is short, and every name of a long text asks for its list (read in linear time).
    static func listItems(after end: Int, in words: [TextNormalizer.Word]) -> [Range<Int>] {
        var at = end, items: [Range<Int>] = [], joined = 0
        while at < words.count, at > 0, !words[at - 1].endsSentence, items.count < 8 {
            // The list word: "and", "or", a comma (", and" too).
            let listWord = ["and", "or"].contains(words[at].text)
            guard listWord || words[at - 1].pauseAfter else { break }
            let next = listWord ? at + 1 : at
            var item = next
            while item < words.count, item - next < 4, !Vocabulary.connectors.contains(words[item].text),
                  !Vocabulary.predicates.contains(words[item].text), !Vocabulary.filmVerbs.contains(words[item].text),
                  !Vocabulary.clauseBreaks.contains(words[item].text), !Vocabulary.pronouns.contains(words[item].text),
                  !Vocabulary.determiners.contains(words[item].text) || TextNormalizer.articles.contains(words[item].text), words[item].text != "i",
                  !Vocabulary.wishStarts.contains(words[item].text), !Vocabulary.wishesTurnedAway.contains(words[item].text),
                  !Vocabulary.negators.contains(words[item].text) {
                item += 1
                if words[item - 1].pauseAfter || words[item - 1].endsSentence { break }
            }
            // An item of a few words, not only little ones, ending where the list goes on or stops.
            guard item > next, words[next..<item].contains(where: { !TextNormalizer.articles.contains($0.text) }),
                  item == words.count || words[item - 1].pauseAfter || words[item - 1].endsSentence
                    || ["and", "or"].contains(words[item].text) || Vocabulary.predicates.contains(words[item].text) else { break }
            items.append(next..<item)
            if listWord { joined = items.count }
            at = item
        }
        return Array(items.prefix(joined))
    }

    /// The subject of a clause that names a film after a copula, when it speaks of films or of a
    /// preference: "my favourite film is heat", "the best movie ever made was casablanca", "top
    /// of my list is casino", "my number one has to be speed", "the film i saw yesterday was
    /// heat". Hedges may stand after the copula ("is probably", "is hands down").
    /// - Returns: the subject's words (up to the copula), and whether they hold a preference
    ///   (`Feelings.preferences`): then the film is the user's pick, a like unless the subject says otherwise.
    static func namingSubject(before head: Int, in words: [TextNormalizer.Word]) -> (words: Range<Int>, prefers: Bool)? {
        var copula = head - 1
        while copula >= 0, !words[copula].endsSentence, !words[copula].pauseAfter || words[copula].text == "down",
              copulaHedges.contains(words[copula].text) { copula -= 1 }
        guard copula > 0, !words[copula].endsSentence, !words[copula].pauseAfter, copulas.contains(words[copula].text) else { return nil }
        // "has to be", "would have to be", "will always be": the verb's helpers are no subject.
        var end = copula
        while end > 0, words[copula].text == "be", copulaHelpers.contains(words[end - 1].text), !words[end - 1].endsSentence, !words[end - 1].pauseAfter { end -= 1 }
        var start = end
        while start > 0, end - start < 10, !words[start - 1].endsSentence, !words[start - 1].pauseAfter,
              !Vocabulary.clauseBreaks.contains(words[start - 1].text) { start -= 1 }
        guard start < end else { return nil }
        let subject = words[start..<end].map(\.text)
        // "my favourite genre is horror", "the best part was the heat": not a film's subject.
        if subject.contains(where: { notFilms.contains($0) || Vocabulary.peopleWords.contains($0) }) { return nil }
        let prefers = Vocabulary.contains(Feelings.preferenceCues, in: subject)
        guard prefers || subject.contains(where: { ["film", "movie", "films", "movies", "flick", "pick"].contains($0) }) else { return nil }
        return (start..<end, prefers)
    }

    /// Verbs of how a film strikes someone, after it as their subject ("seven looks good").
    private static let appraisals: Set<String> = ["looks", "looked", "sounds", "sounded", "seems", "seemed"]

    /// What a favourite may be that is no film ("my favourite genre", "the best scene").
    private static let notFilms: Set<String> = [
        "genre", "genres", "decade", "era", "colour", "color", "character", "scene", "line", "quote", "song", "soundtrack",
        "book", "show", "part", "bit", "moment", "ending", "food", "band", "game", "mood", "actor", "actress", "director",
    ]
    private static let copulas: Set<String> = ["is", "was", "are", "were", "be", "remains", "stays"]
    private static let copulaHelpers: Set<String> = ["has", "have", "to", "would", "will", "must", "gotta", "always", "still", "might", "could", "should", "probably"]
    private static let copulaHedges: Set<String> = [
        "probably", "definitely", "easily", "still", "clearly", "surely", "obviously", "always", "hands", "down", "undoubtedly",
        "honestly", "maybe", "prolly", "def", "just", "really", "absolutely", "totally", "without", "doubt", "a", "no", "forever",
    ]

    /// Whether the words typed for a candidate are a genre's words and nothing else ("kids",
    /// "the war"): one common word that is also a genre's alias is weak evidence of a title.
    static func namesGenre(_ candidate: Candidate, in words: [TextNormalizer.Word]) -> Bool {
        let typed = words[candidate.mention.position..<(candidate.mention.position + candidate.mention.length)].map(\.text)
            .filter { !TextNormalizer.articles.contains($0) }
        return !typed.isEmpty && typed.allSatisfy(Vocabulary.namesGenre)
    }

    /// Where the description of a film starts when the name at `head` follows it after a
    /// pause, in apposition ("I loved the one with the shark, jaws", "that sci-fi movie -
    /// contact"): a phrase with "the one", "that movie", "this film" in it; nil otherwise.
    static func appositionStart(_ head: Int, in words: [TextNormalizer.Word]) -> Int? {
        guard head > 0, words[head - 1].pauseAfter, !words[head - 1].endsSentence else { return nil }
        var start = head - 1
        while start > 0, !words[start - 1].pauseAfter, !words[start - 1].endsSentence { start -= 1 }
        return describesAFilm(words[start..<head].map(\.text)) ? start : nil
    }

    /// Whether a phrase describes a film: "the one with the shark", "that space movie".
    static func describesAFilm(_ phrase: [String]) -> Bool {
        phrase.indices.contains { index in
            Vocabulary.filmNouns.contains(phrase[index]) && phrase[max(0, index - 3)..<index].contains(where: ["the", "that", "this"].contains)
        }
    }

    /// The words of a name typed longer than the title matched, when it is: a capitalised
    /// word runs on from it ("The Matrix Resurrections" is not "Alien: Resurrection"; "Speed
    /// Racer" is not "Speed"), or a word the reader knows nothing of, straight after it or
    /// after "with a", "of the" ("die hard with a vengeance" is not "Die Hard"): the film is
    /// one the catalog does not have. Everyday words after a title are the sentence going on
    /// ("heat with my dad", "heat with a friend", "heat was great").
    private static func longerName(_ candidate: Candidate, in words: [TextNormalizer.Word], candidates: [Candidate]) -> Range<Int>? {
        let mention = candidate.mention
        let head = Feelings.head(of: mention, in: words), end = mention.position + mention.length
        let inCandidate = { (index: Int) in
            candidates.contains { ($0.mention.position..<($0.mention.position + $0.mention.length)).contains(index) }
        }
        func isName(_ index: Int) -> Bool {
            let word = words[index]
            return word.capitalized && word.text != "i" && !Vocabulary.stopwords.contains(word.text)
                && !Vocabulary.filmVerbs.contains(word.text) && !Vocabulary.predicates.contains(word.text)
                && !Vocabulary.connectors.contains(word.text) && !Vocabulary.intensifiers.contains(word.text)
                && !inCandidate(index)
        }
        // Its cast after a title is no more of it ("the shawshank redemption starring tim robbins").
        func runsOn(_ index: Int) -> Bool {
            index < words.count && !inCandidate(index) && !Vocabulary.castCues.contains(words[index].text)
                && !Vocabulary.peopleWords.contains(words[index].text) && !appraisals.contains(words[index].text)
                && (isName(index) || Vocabulary.isUnknown(words[index].text))
        }
        let joined = { (index: Int) in !words[index].endsSentence && !words[index].pauseAfter }
        // "my wife cry": a thing after a determiner is no title to run on from; nor a thing the
        // mention's own typed "a"/"an" opens, when the title has no such article ("an alien
        // creature" had been a film missing, beside Alien).
        if head > 0, Vocabulary.determiners.contains(words[head - 1].text), !words[head].capitalized, !words[head].quoted { return nil }
        let opening = words[head]
        if head < mention.position, ["a", "an"].contains(opening.text), candidate.article != opening.text, !opening.capitalized, !opening.quoted {
            return nil
        }
        if end < words.count, joined(end - 1) {
            var last: Int?
            if runsOn(end) {
                last = end
            } else if ["with", "of"].contains(words[end].text) || candidate.part && words[end].text == "and", joined(end),
                      let article = words[safe: end + 1], TextNormalizer.articles.contains(article.text), joined(end + 1), runsOn(end + 2) {
                // "indiana jones and the kingdom of the crystal skull": the start of a title (here
                // "…and the Last Crusade") running on in other words than its own is another film.
                last = end + 2
            } else if TextNormalizer.articles.contains(words[end].text), joined(end) {
                // A subtitle after the name: "star wars the force awakens", "jaws the revenge". Two
                // words at least up to a stop, a predicate or a list word, one unknown or a name
                // ("jaws the shark scared me" and "heat the other night" are the sentence going on).
                var after = end + 1
                while after < words.count, after - end <= 5, !inCandidate(after), !Vocabulary.predicates.contains(words[after].text),
                      !Vocabulary.connectors.contains(words[after].text), !Vocabulary.clauseBreaks.contains(words[after].text) {
                    after += 1
                    if !joined(after - 1) { break }
                }
                let span = (end + 1)..<after
                // Nor a count: "watched heat a million times". One word will do typed as a name: "Jaws The Revenge".
                let named = span.count(where: { !Vocabulary.stopwords.contains(words[$0].text) })
                if named >= 2 || named == 1 && words[end].capitalized && span.allSatisfy({ isName($0) || Vocabulary.stopwords.contains(words[$0].text) }),
                   !span.contains(where: { Vocabulary.countUnits.contains(words[$0].text) || Vocabulary.times.contains(words[$0].text) }),
                   span.contains(where: { runsOn($0) }), !Vocabulary.stopwords.contains(words[after - 1].text) {
                    return head..<after
                }
            }
            if var last {
                while joined(last), runsOn(last + 1) { last += 1 }
                return head..<(last + 1)
            }
        }
        if head > 0, joined(head - 1), head - 1 > 0, !words[head - 2].endsSentence, isName(head - 1) { return (head - 1)..<end }
        return nil
    }

    /// Whether a kept film stands next to the span, joined by "and", "or", a comma.
    private static func listNeighbour(of head: Int, end: Int, in words: [TextNormalizer.Word], kept: [TitleMatcher.Mention]) -> Bool {
        // Joined means at most two list words and their articles between: a film further away is
        // no neighbour, and is not read word by word (a turn naming one film 600 times took minutes).
        for other in kept where other.position + other.length >= head - 6 && other.position <= end + 6 {
            let otherEnd = other.position + other.length
            if otherEnd <= head {
                let between = words[otherEnd..<head].map(\.text).filter { !TextNormalizer.articles.contains($0) }
                let joined = between.allSatisfy(Vocabulary.connectors.contains) && (between.count > 0 || words[otherEnd - 1].pauseAfter)
                if joined && between.count <= 2 && !words[otherEnd - 1].endsSentence { return true }
            } else if other.position >= end {
                var otherHead = other.position
                if otherHead > 0, TextNormalizer.articles.contains(words[otherHead - 1].text) { otherHead -= 1 }
                guard otherHead >= end else { continue }
                let between = words[end..<otherHead].map(\.text)
                let joined = between.allSatisfy(Vocabulary.connectors.contains) && (between.count > 0 || words[end - 1].pauseAfter)
                if joined && between.count <= 2 && !words[end - 1].endsSentence { return true }
            }
        }
        return false
    }

    /// A turn that is nothing but names and little words ("speed", "fargo and heat").
    private static func isOnlyNames(_ candidates: [Candidate], in words: [TextNormalizer.Word]) -> Bool {
        guard !candidates.isEmpty else { return false }
        var covered = Set<Int>()
        for candidate in candidates { covered.formUnion(candidate.mention.position..<(candidate.mention.position + candidate.mention.length)) }
        return words.indices.allSatisfy { covered.contains($0) || Vocabulary.fillers.contains(words[$0].text) }
    }
}
