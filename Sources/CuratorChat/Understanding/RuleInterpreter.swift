import Foundation
import CuratorCore

/// Understands a turn without an LLM: film mentions through `TitleMatcher`, and rules for
/// feelings, genres, years, moods and reactions to the last list.
///
/// The rules read clause by clause ("I loved Heat, but not horror" is two clauses), so a
/// negation only reaches the words it stands next to, and each film mentioned gets the
/// feeling said about it ("loved Heat and Se7en bored me").
public struct RuleInterpreter: Sendable {
    private let matcher: TitleMatcher
    /// Words that name a catalog tag ("dark" for the tag "dark", "heist"...), from the catalog.
    let tagWords: [String: String]
    /// Tags of several words, by their tokens ("coming of age", "feel-good" → "feel good").
    private let tagPhrases: [[String]: String]
    /// Whether items carry descriptions a wish's words can be found in.
    let catalogHasText: Bool
    /// The catalog's tags.
    let catalogTags: Set<String>
    /// Each set of genres a film here has: whether genres asked for together meet in one film.
    let genreSets: Set<Set<String>>
    /// What "recent", "not too old" and "classic" mean in this catalog's years.
    let eras: YearPhrases.Eras
    /// Each item's title as people say it, with its year ("Jaws 2 (1978)"): how a film named
    /// in an earlier turn is named again to read this one against.
    private let spokenTitles: [String]
    /// The catalog's genres, by which every genre a turn names is spelled.
    let catalogGenres: CatalogGenres
    /// The items, for which word of a genre the catalog lacks its tags or descriptions say.
    let items: [Item]

    /// - Parameters:
    ///   - catalog: the items, in dense-id order.
    ///   - popularity: interactions per item, so a title several films share means the
    ///     well-known one (`TitleMatcher`); empty when unknown.
    public init(catalog: [Item], popularity: [Float] = []) {
        matcher = TitleMatcher(catalog: catalog, popularity: popularity)
        var words: [String: String] = [:]
        var phrases: [[String]: String] = [:]
        let tags = Set(catalog.flatMap(\.tags))
        // A tag in the singular or the plural, whichever it is ("serial killers" for the tag
        // "serial killer", "dragon" for "dragons"): its last word in each of its forms.
        for tag in tags.sorted() {
            let tokens = TextNormalizer.tokens(tag)
            guard let last = tokens.last else { continue }
            for form in CatalogGenres.forms([last]) {
                if tokens.count == 1, tag.count >= 4, form.count >= 3, form == last || words[form] == nil && !Vocabulary.filmParts.contains(form) { words[form] = tag }
                if tokens.count > 1, phrases[tokens.dropLast() + [form]] == nil || form == last { phrases[tokens.dropLast() + [form]] = tag }
            }
            if tokens.count > 1 {
                // "world war 2" for the tag "world war ii".
                let arabic = tokens.map { TextNormalizer.romanNumerals[$0] ?? $0 }
                if arabic != tokens { phrases[arabic] = tag }
            }
        }
        for (word, tag) in Vocabulary.moods where tags.contains(tag) || catalog.isEmpty { words[word] = tag }
        tagWords = words
        tagPhrases = phrases
        catalogHasText = catalog.contains { !$0.text.isEmpty }
        catalogTags = tags
        genreSets = Set(catalog.map { Set($0.genres) })
        eras = YearPhrases.Eras(newestYear: catalog.compactMap(\.year).max())
        spokenTitles = catalog.map(\.spokenDisplayTitle)
        catalogGenres = CatalogGenres(catalog: catalog)
        items = catalog
    }

    /// Reads a turn that may refer to a film of the series the turn before named ("loved star
    /// trek 2", then "the sequel too", "what about the original"): read as if that film had been
    /// named first in this turn, with its feeling, and kept only for the films it adds.
    /// A turn before that named a film only this way ("the sequel was awful") names it too:
    /// "what about the original" after it is read against the sequel.
    /// - Parameter previous: the user's words of the turns before, the latest last (three are read at most).
    public func interpret(_ text: String, after previous: [String]) -> TurnUnderstanding {
        let reading = echoing(interpret(text), text: text, after: previous.last)
        guard reading.mentions.isEmpty, reading.seriesShown.isEmpty, let last = previous.last, TextNormalizer.tokens(text).contains(where: Vocabulary.seriesWords.contains),
              let film = interpret(last, after: Array(previous.dropLast().suffix(2))).mentions
                  .last(where: { $0.items.count == 1 && spokenTitles.indices.contains(Int($0.items[0])) }) else { return reading }
        let context = interpret("\(film.feeling == .disliked ? "i disliked" : "i liked") \(spokenTitles[Int(film.items[0])]), \(text)")
        let added = context.mentions.filter { $0.items != film.items }
        guard !added.isEmpty else { return reading }
        // The rest is this turn's own reading, less what the series words were taken for alone
        // (a film not found, a name, the tag "sequel").
        var result = reading
        result.mentions = added
        result.missingTitles = context.missingTitles
        result.asksAboutPeople = context.asksAboutPeople
        result.wishes = reading.wishes.filter(context.wishes.contains)
        return result
    }

    /// "I liked Casablanca", then "star wars too" (or "and star wars", "same for star wars"):
    /// the feeling of the turn before, said again of films named with none of their own; they
    /// had been films to find more like of, not likes.
    func echoing(_ reading: TurnUnderstanding, text: String, after last: String?) -> TurnUnderstanding {
        guard let last, !reading.mentions.isEmpty, reading.mentions.allSatisfy({ !$0.stated && $0.holder == nil }) else { return reading }
        let tokens = TextNormalizer.tokens(text)
        let opens = ["and", "also", "plus"].contains(tokens.first ?? "") || [["same", "for"], ["same", "with"], ["ditto", "for"]].contains(Array(tokens.prefix(2)))
            || tokens.first == "so" && ["was", "is", "did", "does"].contains(tokens.dropFirst().first ?? "")
        let closes = ["too", "also"].contains(tokens.last ?? "") || tokens.suffix(2) == ["as", "well"]
        // Names and the echo's own words only: "and something like heat?" after "i hated titanic"
        // asks for more like Heat, it says no feeling of it.
        let named = Set(reading.mentions.flatMap { TextNormalizer.tokens($0.text) })
        let echo: Set<String> = ["and", "also", "plus", "too", "as", "well", "same", "for", "with", "ditto", "so", "was", "is", "did", "does", "the"]
        let rest = tokens.filter { !named.contains($0) && !echo.contains($0) && !Vocabulary.fillers.contains($0) }
        guard opens || closes, rest.count <= 1,
              let before = interpret(last).mentions.last(where: { $0.stated && $0.holder == nil && !$0.contextOnly }) else { return reading }
        var result = reading
        for index in result.mentions.indices {
            result.mentions[index].feeling = before.feeling
            result.mentions[index].stated = true
        }
        return result
    }

    public func interpret(_ text: String) -> TurnUnderstanding {
        var result = TurnUnderstanding()
        let words = TextNormalizer.words(text)
        let (matched, missing) = matcher.read(words)
        let mentions = (matched + titleStarts(in: words, besides: matched)).sorted { $0.position < $1.position }
        // A question about a film named ("what year is casablanca?", "is titanic any good?") says
        // no feeling of it and asks for no list: answered on its own, or beside the rest of the
        // turn ("i loved heat, is fargo any good?"), whose reading goes on without it.
        let asked = mentions.compactMap { mention in
            FilmQuestions.kind(head: Feelings.head(of: mention, in: words), end: mention.position + mention.length, in: words, genreOf: genresNamed)
                .map { (mention, $0) }
        }
        if asked.count == 1, let (mention, kind) = asked.first {
            result.filmQuestion = FilmQuestions.Asked(items: mention.items, kind: kind, text: mention.text)
            // "who is in heat?" asks what no catalog here knows, as "anything with Tom Hanks?" does.
            result.asksAboutPeople = kind == .people
            // Alone in the turn, or with only fillers beside its sentence: answered alone. "what year
            // is heat? also show me some 90s comedies" reads on (the comedies had been dropped).
            if mentions.count == 1 {
                var start = Feelings.head(of: mention, in: words), stop = mention.position + mention.length
                while start > 0, !words[start - 1].endsSentence { start -= 1 }
                while stop < words.count, !words[stop - 1].endsSentence { stop += 1 }
                if (words[..<start] + words[stop...]).allSatisfy({ Vocabulary.fillers.contains($0.text) || Vocabulary.closes([$0.text]) }) {
                    return result
                }
            }
        }
        if mentions.isEmpty, Vocabulary.closes(words.map(\.text)) {
            result.closes = true
            return result
        }
        result.asksLikeThem = Self.asksLikeThem(words.map(\.text))
        result.seesAllShown = mentions.isEmpty && Self.seesAll(words.map(\.text))
        result.asksWhichShown = mentions.isEmpty && Self.asksWhichShown(words.map(\.text))
        result.choosesToWatch = mentions.isEmpty ? Self.choosesToWatch(words.map(\.text)) : nil
        let unlinkedNames = Self.unlinkedNames(in: words, mentions: mentions, missing: missing)
            .filter { !namesGenreOrTag($0.text) && !Self.namesAConstraintKind($0.text) }
        // A person named where a film's name goes ("I can't stand Tom Cruise", "love meryl
        // streep"): who acts in films is what this catalog does not know, said as after "with";
        // never a film not found.
        let people = unlinkedNames.filter { Self.namesPerson($0.text) }
        if !people.isEmpty { result.asksAboutPeople = true }
        // A given name alone is someone too, no film not found: the user's friend in "Sarah can't
        // stand Tom Cruise" (had been "I couldn't find "sarah"").
        let someone = unlinkedNames.filter { Vocabulary.givenNames.contains($0.text) }
        result.missingTitles = missing + unlinkedNames.filter { name in !(people + someone).contains { $0.text == name.text } }
        // A question about a film this catalog lacks ("what year did the thing come out?"): the
        // name is said not found, not "I didn't catch a film".
        if asked.isEmpty, let name = FilmQuestions.unlinkedName(in: words, taken: Set(mentions.flatMap { $0.position..<($0.position + $0.length) })),
           namesAFilm(words[name].map(\.text)) {
            let text = words[name].map(\.text).joined(separator: " ")
            if !result.missingTitles.contains(where: { $0.text.contains(text) || text.contains($0.text) }) {
                result.missingTitles.append(TitleMatcher.Missing(text: text, nearest: []))
            }
        }
        // A question about the last list is the whole turn ("why did you suggest that?").
        if mentions.isEmpty, case let (place, true) = WhyQuestions.position(in: words.map(\.text)) {
            result.asksWhy = place ?? 1
            result.placeUnsaid = place == nil
            return result
        }
        // Mentions whose clause said no feeling: a following clause about them may ("Heat. Loved it").
        var unsaid: [Int] = []
        // The mentions of the last clause that named films ("…was beautiful", before "but way too slow").
        var previous: [Int] = []
        // Where a series film the catalog lacks is referred to ("…but the sequel bored me").
        let lacking = Set(missing.compactMap(\.position))
        // A child's age anywhere in the turn ("something spooky but suitable for a 10-year-old"):
        // every clause's genres are read for that child.
        let tokens = words.map(\.text)
        let forChild = tokens.indices.contains { (Self.age(endingAt: $0, in: tokens) ?? Self.childsAge(at: $0, in: tokens)).map { $0 <= 12 } == true }
            || Self.forChildren(tokens)
        // A place after a film of no series is a place in the last list ("loved heat, the second
        // one bored me"): a clause of its own, so what is said of it is not said of Heat.
        let taken = Set(mentions.flatMap { $0.position..<($0.position + $0.length) })
        let places = words.indices.dropFirst().filter { index in
            ["the", "number", "no"].contains(words[index - 1].text) && !taken.contains(index) && !lacking.contains(index)
                && mentions.contains { $0.position < index } && !Self.isTime(words.map(\.text), at: index)
                && (Self.ordinal(words[index].text) ?? Int(words[index].text).flatMap { (1...10).contains($0) ? $0 : nil }) != nil
        }
        // Whether the turn chooses for someone else, whose feelings then steer (`Feelings.holders`).
        let choosingForSomeone = Feelings.choosesForSomeone(words)
        // A name the catalog lacks asks for nothing: "jaws the revenge" is no wish for revenge.
        let unlinked: Set<Int> = {
            let texts = words.map(\.text)
            return Set((result.missingTitles.filter { $0.position == nil } + people + someone).flatMap { name in
                let phrase = name.text.split(separator: " ").map(String.init)
                return texts.indices.filter { Vocabulary.phrase(phrase, at: $0, in: texts) }.flatMap { $0..<($0 + phrase.count) }
            })
        }()

        for clause in Self.split(Self.clauses(of: words, keeping: mentions), before: (lacking.map { $0 - 1 } + places.map { $0 - 1 })) {
            let named = mentions.filter { clause.contains($0.position) }
            // "give me all the Godfather films", "list every Star Wars movie you have": the series
            // to show as it is, not films to go by (a trial's were steered to and so left out).
            let shown = Self.asksToSee(clause.map { words[$0].text }) ? named.filter(\.wholeSeries) : []
            for mention in shown { result.seriesShown += mention.items.filter { !result.seriesShown.contains($0) } }
            let inClause = shown.isEmpty ? named : named.filter { !$0.wholeSeries }
            // What is said there is about that film: the one named before keeps its feeling.
            if named.isEmpty, clause.contains(where: lacking.contains) {
                (unsaid, previous) = ([], [])
                continue
            }
            // A wish between the films and a "but" is what the "but" qualifies ("loved heat, hated
            // titanic. something exciting but not too violent": no verdict on the films, which a
            // trial's turn had all turned away).
            if named.isEmpty, let first = clause.first, Vocabulary.wishStarts.contains(words[first].text) || Vocabulary.wishesTurnedAway.contains(words[first].text) {
                previous = []
            }
            // "…, but my wife hated it": another person's feeling about the film, not the user's.
            let others = Feelings.subject(before: clause.upperBound, from: clause.lowerBound, in: words).map { $0 != .user } ?? false
            // "casablanca? haven't seen it": new to the user, as "never seen casablanca" is.
            if named.isEmpty, !others, !unsaid.isEmpty, Feelings.unseenOfThePrevious(words, clause: clause) {
                for index in unsaid {
                    (result.mentions[index].unseen, result.mentions[index].contextOnly) = (true, true)
                    result.mentions[index].holder = nil
                }
                unsaid = []
                continue
            }
            if named.isEmpty, !others, !unsaid.isEmpty, let feeling = Feelings.aboutThePrevious(words, clause: clause) {
                for index in unsaid { Self.say(feeling, ofMentionAt: index, in: &result) }
                unsaid = []
                continue
            }
            // "my dad loved jaws, i found it boring": the user's own feeling of another's films, said
            // beside theirs (as "I loved Heat but my wife hated it" says both).
            if named.isEmpty, !others, unsaid.isEmpty, !previous.isEmpty, previous.allSatisfy({ result.mentions[$0].holder != nil }),
               let feeling = Feelings.aboutThePrevious(words, clause: clause) {
                for index in previous {
                    let film = result.mentions[index]
                    result.mentions.append(.init(items: film.items, feeling: feeling, text: film.text))
                }
                previous = []
                continue
            }
            // "I loved Heat but my wife hated it": the other person's feeling of the films just
            // named is said as theirs beside the user's own, not dropped; what follows a pause
            // in the clause is read on ("…, so something lighter").
            var theirs: Set<Int> = []
            if named.isEmpty, case .other(let person)? = Feelings.subject(before: clause.upperBound, from: clause.lowerBound, in: words),
               let films = Optional(previous.isEmpty ? unsaid : previous), !films.isEmpty,
               let end = Self.backReference(in: clause, of: words), let feeling = Feelings.feeling(of: words[clause.lowerBound...end].map(\.text)) {
                for index in films where result.mentions[index].holder == nil {
                    let film = result.mentions[index]
                    result.mentions.append(.init(items: film.items, feeling: feeling, text: film.text, holder: person, contextOnly: true))
                }
                theirs = Set(clause.lowerBound...end)
            }
            // A mixed feeling: what follows "but" is what the speaker stands by, so "The English
            // Patient was beautiful but way too slow" is a dislike (as "…but it was way too slow"
            // is), and "slow but beautiful" a like.
            if named.isEmpty, !others, !previous.isEmpty, let verdict = Feelings.verdict(after: words, clause: clause) {
                for index in previous { Self.say(verdict, ofMentionAt: index, in: &result) }
                previous = []
                unsaid = []
                continue
            }
            // A film said something of after "but" in words the reader has no cue for ("I adored
            // Alien but Aliens was just noise", "…but the sequel felt hollow") stands against the
            // films of the clause before: the contrast is the feeling.
            let contrast = Self.contrast(to: previous.map { result.mentions[$0] }, clause: clause, in: words)
            // Only a clause that ends on its films: after a wish ("…, something scary but not too
            // old") what follows "but" qualifies the wish.
            if let last = inClause.last {
                let after = (last.position + last.length)..<clause.upperBound
                let wishes = after.contains { Vocabulary.wishStarts.contains(words[$0].text) || Vocabulary.wishesTurnedAway.contains(words[$0].text) }
                let count = inClause.reduce(0) { $0 + ($1.wholeSeries ? $1.items.count : 1) }
                previous = wishes ? [] : Array(result.mentions.count..<(result.mentions.count + count))
            }
            // A question about films says no feeling of them ("is jumanji ok for a 4 year old?",
            // "is chinatown better than vertigo?"): they are films to find more like, no likes.
            let asks = clause.first.map { Vocabulary.questionOpenings.contains(words[$0].text) } ?? false
            // "never seen casablanca": new to the user, no feeling of theirs, none a later clause gives.
            let read = asks ? inClause.map { _ in (feeling: ChatSession.Feeling?.none, unseen: false) } : Feelings.read(inClause, in: words, clause: clause)
            let unseen = read.map(\.unseen)
            let feelings = asks ? read.map(\.feeling) : read.enumerated().map { index, reading in
                reading.unseen ? nil : reading.feeling ?? (Feelings.isSubject(inClause[index], in: words, clause: clause) ? contrast : nil)
            }
            if !inClause.isEmpty { unsaid = [] }
            let holders = Feelings.holders(of: inClause, in: words, clause: clause)
            for (((mention, feeling), holder), unseen) in zip(zip(zip(inClause, feelings), holders), unseen) {
                // A series named as a whole is each of its films.
                for items in mention.wholeSeries ? mention.items.map { [$0] } : [mention.items] {
                    if unseen {
                        result.mentions.append(.init(items: items, feeling: .liked, text: mention.text, stated: false, holder: holder, contextOnly: true, unseen: true))
                        continue
                    }
                    if feeling == nil { unsaid.append(result.mentions.count) }
                    var mentioned = TurnUnderstanding.Mentioned(items: items, feeling: feeling ?? .liked, text: mention.text, stated: feeling != nil)
                    // Another's feeling: theirs, steering only a choice made for them, a like of theirs as more like it.
                    if let holder {
                        mentioned.holder = holder
                        if !choosingForSomeone { mentioned.contextOnly = true } else if mentioned.feeling == .liked { mentioned.stated = false }
                    }
                    result.mentions.append(mentioned)
                }
            }
            // Titles and what is said about them ("was funny") are not wishes.
            let described = Feelings.describedWords(named, in: words, clause: clause).union(unlinked).union(theirs)
            let kept = clause.filter { !described.contains($0) }
            // A pause after a word taken out stays where it was ("i hated heat, a comedy please":
            // without the comma after Heat, "hated" turned the comedy away).
            let pauses = kept.enumerated().map { offset, index in
                let next = offset + 1 < kept.count ? kept[offset + 1] : index + 1
                return words[index].pauseAfter || (index + 1..<next).contains { words.indices.contains($0) && words[$0].pauseAfter }
            }
            interpret(kept.map { words[$0].text }, pauses: pauses, hasMentions: !named.isEmpty, forChild: forChild, into: &result)
        }
        result.genreGroups = Self.groups(result.genreGroups, asking: result.includeGenres)
        boundByTheFilmsNamed(&result)
        // A person named as whose feeling it is ("Sarah has seen Alien twice") is no film not found.
        let holders = Set(result.mentions.compactMap { $0.holder?.lowercased() })
        result.missingTitles.removeAll { $0.position == nil && holders.contains($0.text) }
        readPeople(words, mentions: mentions, into: &result)
        readUnmarked(tokens, taken: taken, into: &result)
        // A feeling about a person, a studio or a language is no verdict on the last list: "I
        // can't stand Tom Cruise" is answered as "with Tom Cruise" is, "no subtitles" by its note.
        if !people.isEmpty || !result.studios.isEmpty || result.asksLanguage, mentions.isEmpty, result.reactions.isEmpty,
           !Vocabulary.contains(Vocabulary.passingOverPhrases, in: tokens) {
            result.passedOver = false
        }
        // "no westerns please", "nothing before 1990": the opening "no" turns away what follows
        // it, not the list just shown, which keeps its films that still fit (a stranger's list of
        // crime films had been replaced by Schindler's List and Forrest Gump).
        if result.passedOver, mentions.isEmpty, result.reactions.isEmpty, let first = words.first, !first.pauseAfter, !first.endsSentence,
           ["no", "not", "nothing", "none"].contains(first.text), !Vocabulary.contains(Vocabulary.passingOverPhrases, in: tokens),
           !result.excludeGenres.isEmpty || !result.avoidedWishes.isEmpty || result.minYear != nil || result.maxYear != nil
            || !result.excludedYears.isEmpty {
            result.passedOver = false
        }
        // "something else entirely": away from what steered the list; its words are no search
        // (embedded, they found whatever lies near "entirely").
        for phrase in Vocabulary.changesOfCourse where mentions.isEmpty && tokens.indices.contains(where: { Vocabulary.phrase(phrase, at: $0, in: tokens) }) {
            (result.changesCourse, result.passedOver) = (true, true)
            result.filterPhrases.append(phrase.joined(separator: " "))
        }
        // "no, not that one, i hate sci-fi": the reason given in genres is what is turned away,
        // not the first film as well (the filter removes it if it is of that genre).
        if result.placeUnsaid, !result.includeGenres.isEmpty || !result.excludeGenres.isEmpty {
            result.reactions.removeAll { $0 == .reject(position: 1) }
            (result.placeUnsaid, result.onlyPicked) = (false, false)
            result.passedOver = true
        }
        // A film named twice in a title's own words ("Seven (Se7en)", linked as "Seven" and as
        // "Se7en") is one film: the reply had said "Seven (Se7en) (1995) and Seven (Se7en) (1995)".
        var kept: [TurnUnderstanding.Mentioned] = []
        for mention in result.mentions where !kept.contains(where: { same in
            var typed = mention
            typed.text = same.text
            return same == typed
        }) { kept.append(mention) }
        result.mentions = kept
        // The film asked about beside the rest: answered, neither liked nor steered toward.
        if let question = result.filmQuestion { result.mentions.removeAll { $0.items == question.items && $0.text == question.text } }
        return result
    }

    /// Whether words in a film's place may be a film's name the catalog lacks: a word the reader
    /// knows nothing of, or a title's "the" and a word ("the thing"); never what is wished for
    /// ("do you have anything scary?", "got any comedies from the 90s?": a genre, a mood, years,
    /// "any", "something", a kind of film).
    func namesAFilm(_ tokens: [String]) -> Bool {
        guard let first = tokens.first, !Vocabulary.wishStarts.contains(first), !Vocabulary.wishesTurnedAway.contains(first),
              first == "the" || !Vocabulary.determiners.contains(first), !["good", "best", "more", "other", "new", "old"].contains(first) else { return false }
        let wished = tokens.indices.contains { index in
            genreWords(at: index, in: tokens) != nil || moodTag(at: index, in: tokens) != nil || tagWords[tokens[index]] != nil
                || YearPhrases.decade(tokens[index]) != nil || Int(tokens[index]) != nil
                || Vocabulary.kindNouns.contains(tokens[index]) || Vocabulary.filmNouns.contains(tokens[index])
        }
        return !wished && (tokens.contains(where: Vocabulary.isUnknown) || first == "the" && tokens.count >= 2)
    }

    /// The catalog's genres a word names ("comedy" → Comedy, "thrillers" → Thriller).
    func genresNamed(_ word: String) -> Set<String> {
        let said = Vocabulary.genres[word] ?? Vocabulary.genres[Self.stem(word)] ?? []
        let present = Set(catalogGenres.spelled(said).present)
        return present.isEmpty ? Set([catalogGenres.named(at: 0, in: [word])?.genre].compactMap { $0 }) : present
    }

    /// Whether the word at `index` is one after which a name is a film's: a verb of watching or
    /// feeling ("loved", "watched"), a film recommended or suggested, "like" said of one ("i like", "don't like": not "something
    /// like", "would like"), "can't stand", "a fan of". "I don't like Knives Out" had searched its
    /// words and said nothing of the film it could not find.
    static func namesAfter(_ index: Int, in words: [TextNormalizer.Word]) -> Bool {
        let word = words[index].text
        // Someone else's word for a film is a name too ("my sister recommended Amelie").
        if Vocabulary.namingVerbs.contains(word) || ["recommended", "suggested", "mentioned"].contains(word) { return true }
        guard index > 0 else { return false }
        let before = words[index - 1].text
        switch word {
        case "like": return ["i", "we", "dont", "didnt", "doesnt", "not", "never", "really", "do", "did", "also", "both"].contains(before)
        case "stand": return ["cant", "couldnt", "cannot"].contains(before)
        case "of": return ["fan", "fans"].contains(before)
        // "I'm not into Harrison Ford", "really into Zorbo Nights".
        case "into": return ["not", "im", "really", "so", "totally", "also", "very", "am", "isnt", "wasnt", "never"].contains(before)
        default: return false
        }
    }

    /// A feeling the user's own later clause says of a film ("my wife hated Heat but I loved it"):
    /// the user's; the other person's said before it is kept beside it as theirs, context only.
    static func say(_ feeling: ChatSession.Feeling, ofMentionAt index: Int, in result: inout TurnUnderstanding) {
        let before = result.mentions[index]
        // What is said of a film not seen yet is hearsay ("never seen casablanca but heard it's great").
        if before.unseen { return }
        (result.mentions[index].feeling, result.mentions[index].stated, result.mentions[index].holder, result.mentions[index].contextOnly) = (feeling, true, nil, false)
        if before.holder != nil, before.stated {
            var theirs = before
            theirs.contextOnly = true
            result.mentions.append(theirs)
        }
    }

    /// Whether a name said where a film's goes is a person's: a given name and a surname or two
    /// the reader knows nothing of ("tom cruise", "Meryl Streep", "Samuel L Jackson").
    static func namesPerson(_ text: String) -> Bool {
        let tokens = TextNormalizer.tokens(text)
        guard (2...3).contains(tokens.count), Vocabulary.givenNames.contains(tokens[0]), let surname = tokens.last else { return false }
        return Vocabulary.isUnknown(surname) && tokens.dropFirst().allSatisfy { !Vocabulary.stopwords.contains($0) && !Vocabulary.filmParts.contains($0) }
    }

    /// Where the words of a clause that speak of a film named before end: at its first "it",
    /// "that", "them", "both" or "too" ("my wife hated it", "she did too"), up to the next pause;
    /// nil when it has none.
    static func backReference(in clause: Range<Int>, of words: [TextNormalizer.Word]) -> Int? {
        guard let at = clause.first(where: { ["it", "that", "them", "both", "too", "one"].contains(words[$0].text) }) else { return nil }
        return (at..<clause.upperBound).first { words[$0].pauseAfter || words[$0].endsSentence } ?? clause.upperBound - 1
    }

    /// Names said as films that link to no film: after a verb of watching or feeling ("i liked
    /// zorbo nights", "watched the frobnitz"), up to a pause or a little word, holding a word the
    /// reader knows nothing of. The reply says it could not find them rather than pass over them.
    static func unlinkedNames(in words: [TextNormalizer.Word], mentions: [TitleMatcher.Mention], missing: [TitleMatcher.Missing]) -> [TitleMatcher.Missing] {
        let taken = Set(mentions.flatMap { $0.position..<($0.position + $0.length) })
        var names: [TitleMatcher.Missing] = []
        // After a verb of watching or feeling, or as the subject a feeling is said of at a
        // clause's start ("twelve monkies was brilliant"): two words or more, or capitals. Or
        // joined to a film named ("loved die hard and lethal weapon"), as the verb's too.
        // After "something like", "more like" too: the name of a film to find more like.
        let joined = Set(mentions.compactMap { mention -> Int? in
            let end = mention.position + mention.length
            return end < words.count && ["and", "or", "plus"].contains(words[end].text) ? end : nil
        } + words.indices.filter { index in
            index > 0 && words[index].text == "like" && Vocabulary.beforeLikeness.contains(words[index - 1].text) && !words[index].pauseAfter
        })
        let openings = words.indices.filter { index in
            let word = words[index]
            if joined.contains(index) { return true }
            if namesAfter(index, in: words) { return !word.pauseAfter && !word.endsSentence }
            return index == 0 || words[index - 1].endsSentence || words[index - 1].pauseAfter || Vocabulary.clauseBreaks.contains(words[index - 1].text)
        }
        for index in openings {
            let subject = !joined.contains(index) && !namesAfter(index, in: words)
            var start = subject ? index : index + 1
            while start < words.count, TextNormalizer.articles.contains(words[start].text), !words[start].pauseAfter { start += 1 }
            var end = start
            // Little words inside a name typed with capitals are the name's ("Knives Out" had been
            // "knives", "The Lord of the Rings" "lord"): a capital word, or up to two little ones
            // between capitals.
            let capitalizedName = { (end: Int) -> Bool in
                guard end > start, words[end].text != "i", !words[end - 1].pauseAfter else { return false }
                if words[end].capitalized { return true }
                // Not "and", "or": "The Dark Knight and Inception" is two names.
                let run = words[end...].prefix(3).prefix {
                    !$0.capitalized && Vocabulary.stopwords.contains($0.text) && !Vocabulary.connectors.contains($0.text) && !$0.pauseAfter
                }
                return run.count <= 2 && words[safe: end + run.count]?.capitalized == true && words[end + run.count].text != "i"
                    && !taken.contains(end + run.count)
            }
            while end < words.count, end - start < 5, !taken.contains(end),
                  capitalizedName(end) || !Vocabulary.stopwords.contains(words[end].text) && !Vocabulary.connectors.contains(words[end].text)
                      && !Vocabulary.clauseBreaks.contains(words[end].text) && !Vocabulary.predicates.contains(words[end].text) {
                end += 1
                if words[end - 1].pauseAfter || words[end - 1].endsSentence { break }
            }
            // Politeness after a name is not part of it ("anything like zorbo nights please").
            while end > start, ["please", "thanks", "thx", "pls", "plz"].contains(words[end - 1].text) { end -= 1 }
            let span = words[start..<end].map(\.text)
            if subject {
                guard end < words.count, end > start, Vocabulary.predicates.contains(words[end].text), !words[end - 1].pauseAfter,
                      span.count >= 2 || words[start].capitalized,
                      Feelings.feeling(of: words[end...].prefix { !$0.endsSentence }.map(\.text)) != nil else { continue }
            }
            // A place in the last list ("the second one bored me", "saw the 4th") is no name.
            // Nor is a count of viewings ("saw a hundred times", "watched umpteen times").
            guard span.contains(where: { Vocabulary.isUnknown($0) && !Vocabulary.filmParts.contains($0) }), !Feelings.countsViewings(span),
                  !span.contains(where: Vocabulary.filmParts.contains), !Self.isPlace(span, at: 0), !Self.isTopPlace(span, at: 0),
                  Self.run(at: 0, in: span) == nil, !(["number", "numbers", "num"].contains(span[0]) && Self.isPlace(span, at: 1)) else { continue }
            let text = span.joined(separator: " ")
            if !missing.contains(where: { $0.text.contains(text) }), !names.contains(where: { $0.text == text }) {
                names.append(TitleMatcher.Missing(text: text, nearest: []))
            }
        }
        // Names listed beside a film ("alien and the thing were great", "heat, the thing and
        // ronin"), in everyday words too when typed with "the" as titles are: said as films
        // the catalog lacks, as the film beside them is said found ("the thing" had passed
        // without a word). Not what is said of the film ("heat and the ending were great"),
        // nor when or with whom it was watched.
        for mention in mentions {
            for item in MentionContext.listItems(after: mention.position + mention.length, in: words) where !item.contains(where: taken.contains) {
                let typed = words[item].map(\.text)
                let span = Array(typed.drop { TextNormalizer.articles.contains($0) })
                let titled = typed.first == "the" && span.count <= 3 && !span.allSatisfy(Vocabulary.stopwords.contains)
                // Nor when it was ("loved heat and the weekend", "… and the kids").
                guard !span.isEmpty, titled || span.contains(where: { Vocabulary.isUnknown($0) }),
                      !span.contains(where: { Vocabulary.filmParts.contains($0) || Vocabulary.peopleWords.contains($0) || Feelings.people.contains($0)
                          || Vocabulary.times.contains($0) || Vocabulary.countUnits.contains($0) }),
                      !Feelings.countsViewings(span), !Self.isPlace(span, at: 0), !Self.isTopPlace(span, at: 0), Self.run(at: 0, in: span) == nil
                else { continue }
                let text = (titled ? typed : span).joined(separator: " ")
                if !missing.contains(where: { $0.text.contains(span.joined(separator: " ")) }),
                   !names.contains(where: { $0.text.contains(span.joined(separator: " ")) }) {
                    names.append(TitleMatcher.Missing(text: text, nearest: []))
                }
            }
        }
        return names
    }

    /// The words of a turn that a new user's list may be searched by (text embeddings): the
    /// text without the films it names and the phrases read as filters; nil when what is
    /// left asks for nothing — feelings, verbs about watching and little words only ("i really
    /// despised titanic", "ive seen heat").
    /// - Parameter reading: the turn's reading, when already made.
    public func searchWords(in text: String, reading: TurnUnderstanding? = nil) -> String? {
        let reading = reading ?? interpret(text)
        let mentions = reading.mentions.filter { !$0.text.isEmpty }
        let names = mentions.map(\.text) + reading.missingTitles.map(\.text) + reading.filterPhrases
        var rest = names.reduce(text) { words, name in Self.replacing(name, in: words, with: " ") }
        // How often a film was watched is no wish ("seen it a hundred times": searched, it found
        // Once Upon a Time in the West); nor, beside a film named, a rewatch ("over and over").
        for count in Feelings.viewingCounts(in: TextNormalizer.tokens(rest), rewatches: !mentions.isEmpty) {
            rest = Self.replacingWords(count, in: rest, with: " ")
        }
        // A mood this catalog cannot meet is searched by the genres it leans to (or not at all).
        for (said, genres) in moodLeans(reading) {
            rest = Self.replacing(said, in: rest, with: " " + genres.joined(separator: " ") + " ")
        }
        // The people a turn speaks of ("my wife hated Titanic") are no wish: searched, "wife"
        // found The First Wives Club.
        // Nor those said by a name or with which one ("Sarah hates Titanic", "my old man loves Heat").
        let named = mentions.compactMap(\.holder).flatMap { TextNormalizer.tokens($0) }.filter { !["your", "the", "his", "her", "their"].contains($0) }
        for person in Set(TextNormalizer.tokens(rest)).intersection(Self.peopleSaid.union(named)) { rest = Self.replacingWords(person, in: rest, with: " ") }
        let empty = mentions.isEmpty ? Vocabulary.saysNothingWanted : Vocabulary.saysNothingWanted.union(Vocabulary.praise)
        guard TextNormalizer.tokens(rest).contains(where: { !empty.contains($0) }) else { return nil }
        // Feelings said of films are no wish: embedded, they lead to titles ("hated titanic, same
        // with the english patient" found Hate and A Thin Line Between Love and Hate).
        for word in Set(TextNormalizer.tokens(rest)).intersection(Self.feelingWords) { rest = Self.replacingWords(word, in: rest, with: " ") }
        return rest
    }

    /// The words of the cues that say a feeling of a film ("hated", "loved", "can't stand"),
    /// but none that asks for a kind of film ("funny").
    static let feelingWords: Set<String> = Set((Vocabulary.negativeCues + Vocabulary.positiveCues).filter { !$0.contains(" ") })
        .subtracting(Vocabulary.genres.keys).subtracting(Vocabulary.moods.keys).subtracting(Vocabulary.wishStarts)

    /// Words for people and the pronouns for them, never searched for (not "kids", a genre's word).
    static let peopleSaid: Set<String> = Feelings.people.subtracting(Vocabulary.genres.keys)
        .union(["she", "he", "her", "him", "they", "them", "hers", "shes", "hes", "wifes", "husbands", "moms", "dads", "mums"])

    /// `text` with the words of `phrase` (as the reader's tokens: "cant stand war") replaced,
    /// as typed: any case and accents, apostrophes inside words, any punctuation or spaces
    /// between them ("Can't stand war", "sci-fi").
    static func replacing(_ phrase: String, in text: String, with replacement: String) -> String {
        let plain = text.replacingOccurrences(of: phrase, with: replacement, options: [.caseInsensitive, .diacriticInsensitive])
        guard plain == text else { return plain }
        return replacingWords(phrase, in: text, with: replacement)
    }

    /// `text` with the whole words of `phrase` replaced, never a part of a word ("he" in "watches").
    static func replacingWords(_ phrase: String, in text: String, with replacement: String) -> String {
        let words = phrase.split(separator: " ").map { word in
            word.map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: "['’]?")
        }
        guard !words.isEmpty else { return text }
        let pattern = "(?<![\\p{L}\\p{N}])" + words.joined(separator: "[^\\p{L}\\p{N}]+") + "(?![\\p{L}\\p{N}])"
        return text.replacingOccurrences(of: pattern, with: replacement, options: [.regularExpression, .caseInsensitive])
    }

    /// Each mood a turn asked for that this catalog cannot meet, as said, with the genres it
    /// leans to that the catalog has (none for a mood with no lean): "heist" leans to crime,
    /// not to "caper", which no MovieLens film is, and which a reply had said the list leaned to.
    public func moodLeans(_ reading: TurnUnderstanding) -> [(said: String, genres: [String])] {
        reading.unmatchedWishes.map { said in
            (said, (moodTag(said: said).flatMap { Vocabulary.moodGenres[$0] } ?? []).filter { genre in
                let tokens = TextNormalizer.tokens(genre)
                return catalogGenres.named(at: 0, in: tokens)?.length == tokens.count
            })
        }
    }

    /// Actors and directors: a catalog with descriptions may name them (the name becomes a
    /// wish, searched for in the text); one without knows no cast, and the turn says so.
    private func readPeople(_ words: [TextNormalizer.Word], mentions: [TitleMatcher.Mention], into result: inout TurnUnderstanding) {
        let tokens = words.map(\.text)
        let inMention = Set(mentions.flatMap { $0.position..<($0.position + $0.length) })
        let cue = tokens.contains(where: Vocabulary.peopleWords.contains) || Vocabulary.contains(Vocabulary.peopleQuestions, in: tokens)
        // A name after "with", "starring" or "by", typed with capitals or not ("anything with Tom
        // Hanks", "anything with tom hanks"): capitals, or words the reader knows nothing of.
        var names: [String] = []
        for (index, word) in words.enumerated() where ["with", "starring", "by", "featuring"].contains(word.text) {
            var end = index + 1
            while end < words.count, words[end].capitalized || Vocabulary.isUnknown(words[end].text), !inMention.contains(end),
                  !Vocabulary.stopwords.contains(words[end].text), Vocabulary.genres[words[end].text] == nil, words[end].text != "i",
                  // "go with number 3", "with the second": a place in the list, not a name.
                  !["number", "num", "no"].contains(words[end].text), !Self.isPlace(words.map(\.text), at: end),
                  // "anything with prisons": a tag of this catalog in another form, read as the tag
                  // (a stranger was told no film had “prisons”, then shown those that fit “prison”).
                  moodTag(at: end, in: tokens) == nil {
                end += 1
                if words[end - 1].endsSentence || words[end - 1].pauseAfter { break }
            }
            // In any case: "with stallone" is read as "with Stallone" is. A word the reader does not
            // know may be a thing ("movies with dogs"): as a name it is searched for in the
            // descriptions all the same, and said to be missing when none has it.
            guard end > index + 1 else { continue }
            let name = words[(index + 1)..<end].map(\.text).joined(separator: " ")
            // Turned away ("nothing with superheroes", "no films with tom cruise"): left out by its
            // tag when one tells (read as a mood), else said not to be, never asked for.
            let before = words[max(0, index - 3)..<index].map(\.text)
            if Self.turnsAway(before) {
                let named = TextNormalizer.tokens(name)
                let tag = named.count == 1 ? moodTag(name) : tagPhrase(named)
                if !result.avoidedWishes.contains(where: { tag == $0 }), !result.unreadExclusions.contains(name) {
                    // Its first word, read alone after "nothing with", is this name ("nothing with
                    // Julia Roberts" had said it could not leave out “julia” and “julia roberts”).
                    result.unreadExclusions.removeAll { named.count > 1 && [$0] == Array(named.prefix(1)) }
                    result.unreadExclusions.append(name)
                    result.filterPhrases.append(name)
                }
                continue
            }
            names.append(name)
        }
        // A name before a plural noun for films, after a verb of feeling ("I hate Adam Sandler
        // movies", "i love tarantino films"): a person's films; it had passed without a word.
        for (index, word) in words.enumerated() where ["movies", "films", "flicks"].contains(word.text) && index >= 2 {
            var start = index
            while start > 0, index - start < 3, !inMention.contains(start - 1), Vocabulary.isUnknown(words[start - 1].text) { start -= 1 }
            // Or a person's name opening the turn, a feeling said after it ("Tom Cruise movies are great").
            let opening = start == 0 && Self.namesPerson(words[start..<index].map(\.text).joined(separator: " "))
            let after = words[(index + 1)...].prefix { !$0.endsSentence }.map(\.text)
            guard start < index, start > 0 && Self.namesAfter(start - 1, in: words) || opening && Feelings.feeling(of: after) != nil else { continue }
            let name = words[start..<index].map(\.text).joined(separator: " ")
            // Turned away ("i hate X movies"), as after "nothing with": said not to be left out.
            let said = words[max(0, start - 4)..<start].map(\.text)
            if Self.turnsAway(said) || Feelings.feeling(of: said) == .disliked || opening && Feelings.feeling(of: after) == .disliked {
                if !result.unreadExclusions.contains(name) { result.unreadExclusions.append(name) }
                if !result.filterPhrases.contains(name) { result.filterPhrases.append(name) }
                continue
            }
            if !names.contains(name) { names.append(name) }
        }
        // Names whose films are asked for: people, not things a description may hold.
        var filmMakers: Set<String> = []
        // A capitalised name the reader knows nothing of before "movie" or "film", inside a
        // sentence ("a good Hitchcock movie", "any Spielberg film?"): a person's films, said as
        // after "with". The first turn of a trial had listed films with "good" in their words.
        for (index, word) in words.enumerated() where ["movie", "film", "flick", "movies", "films", "flicks"].contains(word.text) && index >= 2 {
            var start = index
            while start > 1, index - start < 3, !inMention.contains(start - 1), words[start - 1].capitalized, !words[start - 2].endsSentence,
                  Vocabulary.isUnknown(words[start - 1].text) {
                start -= 1
            }
            let name = words[start..<index].map(\.text).joined(separator: " ")
            guard start < index, !names.contains(name), !result.unreadExclusions.contains(name) else { continue }
            if Self.turnsAway(words[max(0, start - 4)..<start].map(\.text)) {
                result.unreadExclusions.append(name)
                result.filterPhrases.append(name)
            } else {
                names.append(name)
                filmMakers.insert(name)
            }
        }
        // A turn that is nothing but a name the reader knows nothing of ("tom hanks?", "what
        // about Tom Hanks"): a person, or a film not here; said either way, whatever its case.
        // Not words read as a mood or tag ("talking animals").
        if names.isEmpty, mentions.isEmpty, result.reactions.isEmpty, result.choice == nil, result.listSize == nil, result.wishes.isEmpty,
           result.unmatchedWishes.isEmpty,
           result.avoidedWishes.isEmpty, result.includeGenres.isEmpty, result.excludeGenres.isEmpty {
            let rest = words.filter { !Vocabulary.fillers.contains($0.text) && !Self.askingWords.contains($0.text) }
            // One word typed in lower case is no name: "anything decent", "something fresh" had been
            // a film missing and a person. A name is typed with a capital ("Stallone?") or in full.
            if (1...3).contains(rest.count), rest.allSatisfy({ Vocabulary.isUnknown($0.text) }), rest.count > 1 || rest[0].capitalized {
                names.append(rest.map(\.text).joined(separator: " "))
                // "Meryl Streep?": a person's name, no film not found.
                if !Self.namesPerson(names[0]), !result.missingTitles.contains(where: { $0.text == names[0] }) {
                    result.missingTitles.append(TitleMatcher.Missing(text: names[0], nearest: []))
                }
            }
        }
        // A studio or a language is no person ("i love disney movies"): `readUnmarked` says it.
        names.removeAll { Self.namesStudioOrLanguage($0) && tagWords[TextNormalizer.tokens($0).last ?? ""] == nil }
        guard cue || !names.isEmpty else { return }
        if catalogHasText && !names.isEmpty {
            for name in names where !result.wishes.contains(name) { result.wishes.append(name) }
            result.names = names
            return
        }
        // One word after "with" may be a person or a thing ("with stallone", "with dogs"): what
        // is said of it must hold either way, in any case. Said of people ("directed by"), a person.
        let words = cue ? [] : names.filter { name in !name.contains(" ") && !filmMakers.contains(name) && !result.missingTitles.contains { $0.text == name } }
        result.unsearchable += words.filter { !result.unsearchable.contains($0) }
        if cue || names.count > words.count { result.asksAboutPeople = true }
    }

    /// The feeling a clause opened by "but" (or "though", "yet"…) holds against `before`, the
    /// films of the clause before it: the opposite of the one feeling said of them all; nil
    /// when the clause opens otherwise, or they were said no one feeling.
    static func contrast(to before: [TurnUnderstanding.Mentioned], clause: Range<Int>, in words: [TextNormalizer.Word]) -> ChatSession.Feeling? {
        guard let first = clause.first, first > 0, Vocabulary.clauseBreaks.contains(words[first - 1].text),
              !before.isEmpty, before.allSatisfy(\.stated) else { return nil }
        switch Set(before.map(\.feeling)) {
        case [.liked]: return .disliked
        case [.disliked]: return .liked
        default: return nil
        }
    }

    /// Whether `tokens` ask which of the films shown is of a kind: "which of these is the
    /// funniest?", "which one is scariest", "which of them is a comedy".
    static func asksWhichShown(_ tokens: [String]) -> Bool {
        guard let which = tokens.firstIndex(of: "which"), which <= 2 else { return false }
        let rest = tokens[(which + 1)...].prefix(4)
        return (rest.first.map { ["of", "one", "ones", "film", "movie"].contains($0) } ?? false)
            && rest.contains(where: { ["is", "are", "has", "have", "would"].contains($0) })
    }

    /// The place of the listed film `tokens` choose to watch: "we'll go with the second one",
    /// "let's watch number 2", "I'll take the 3rd"; nil for a likeness ("let's watch something
    /// like the second") or no place.
    static func choosesToWatch(_ tokens: [String]) -> Int? {
        let cues: [[String]] = [
            ["go", "with"], ["going", "with"], ["well", "watch"], ["well", "try"], ["well", "take"], ["lets", "watch"], ["lets", "do"],
            ["ill", "watch"], ["ill", "take"], ["ill", "try"], ["gonna", "watch"], ["going", "to", "watch"], ["we", "will", "watch"],
        ]
        guard !tokens.contains(where: ["like", "similar", "more", "than", "not", "no", "instead"].contains),
              let cue = tokens.indices.first(where: { index in cues.contains { Vocabulary.phrase($0, at: index, in: tokens) } })
        else { return nil }
        for index in tokens.indices where index > cue && index <= cue + 6 {
            if let place = ordinal(tokens[index]), isPlace(tokens, at: index) { return place }
            if index > 0, ["number", "no", "num"].contains(tokens[index - 1]), let place = Int(tokens[index]), (1...10).contains(place) { return place }
        }
        return nil
    }

    /// Whether `tokens` ask for films like those named: "anything like that", "more like it",
    /// "films like those", "something similar" (not "i like it", a feeling).
    static func asksLikeThem(_ tokens: [String]) -> Bool {
        let asking: Set<String> = ["anything", "something", "more", "films", "movies", "stuff", "others", "ones", "any", "some"]
        return tokens.indices.contains { index in
            if tokens[index] == "similar" { return true }
            guard index > 0, tokens[index] == "like", let next = tokens[safe: index + 1] else { return false }
            return ["that", "it", "this", "those", "them"].contains(next) && asking.contains(tokens[index - 1])
        }
    }

    /// Whether `tokens` say every film of the last list was seen: a verb of seeing and "all of
    /// those", "them all", "every one of them"…, with no negation ("haven't seen any of those").
    static func seesAll(_ tokens: [String]) -> Bool {
        let all: [[String]] = [
            ["all", "of", "those"], ["all", "of", "them"], ["all", "of", "these"], ["all", "of", "em"], ["them", "all"],
            ["all", "those"], ["all", "these"], ["those", "all"], ["every", "one", "of", "them"], ["each", "of", "them"],
        ]
        let negated = tokens.contains { ["not", "never", "havent", "hasnt", "didnt", "dont", "none", "any", "no"].contains($0) }
        return saysSeen(tokens) && !negated && Vocabulary.contains(all, in: tokens)
    }

    /// Words that ask about a name without saying anything of it ("what about", "anything by").
    static let askingWords: Set<String> = [
        "what", "about", "how", "any", "anything", "something", "films", "movies", "some", "more", "by", "with", "of", "the",
    ]

    /// The clauses, split again before each of `starts` ("heat was great, the sequel was a mess":
    /// what is said of a series film the catalog lacks is a clause of its own).
    static func split(_ clauses: [Range<Int>], before starts: [Int]) -> [Range<Int>] {
        clauses.flatMap { clause in
            var parts: [Range<Int>] = [], lower = clause.lowerBound
            for start in starts.sorted() where start > lower && start < clause.upperBound {
                parts.append(lower..<start)
                lower = start
            }
            return parts + [lower..<clause.upperBound]
        }
    }

    /// The clauses of `words` as index ranges: sentences, split again at "but", "though"…
    static func clauses(of words: [TextNormalizer.Word]) -> [Range<Int>] {
        var clauses: [Range<Int>] = []
        var start = 0
        for (index, word) in words.enumerated() {
            // "anything but romance" is one wish (not romance), not two clauses.
            if Vocabulary.clauseBreaks.contains(word.text), !Self.excepts(words.map(\.text), at: index) {
                if index > start { clauses.append(start..<index) }
                start = index + 1
            } else if word.endsSentence {
                clauses.append(start..<(index + 1))
                start = index + 1
            } else if word.pauseAfter, index + 1 > start, Feelings.startsAnotherSubject(at: index + 1, in: words)
                        || Feelings.saysOfSomethingElse(words[(index + 1)...].prefix(12).prefix { !$0.endsSentence }.map(\.text))
                        // "he loved die hard, i am more into comedies": back to the user's own clause
                        // (the brother's film had been said to be the user's like).
                        || Feelings.startsAnotherSubject(at: start, in: words) && ["i", "im", "we"].contains(words[safe: index + 1]?.text ?? "") {
                // "I loved Heat, my dad hated it": what another person says after a pause is a clause
                // of theirs; "I enjoyed Heat, I just can't stand slow films": the user's own about
                // something else, no feeling of Heat's.
                clauses.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < words.count { clauses.append(start..<words.count) }
        return clauses
    }

    /// The clauses, joined again where a title runs across a stop ("E.T. the Extra-
    /// Terrestrial", "To Wong Foo, Thanks for Everything! Julie Newmar") or ends in one
    /// that a lower-case predicate follows ("that darn cat! was fun").
    static func clauses(of words: [TextNormalizer.Word], keeping mentions: [TitleMatcher.Mention]) -> [Range<Int>] {
        var joined: [Range<Int>] = []
        for clause in clauses(of: words) {
            if let last = joined.last, mentions.contains(where: { mention in
                let end = mention.position + mention.length
                return last.contains(mention.position) && end > last.upperBound
                    || end == last.upperBound && !words[clause.lowerBound].capitalized && Vocabulary.predicates.contains(words[clause.lowerBound].text)
                        && !Feelings.asksAWish(clause.map { words[$0].text })
            }) {
                joined[joined.count - 1] = last.lowerBound..<clause.upperBound
            } else {
                joined.append(clause)
            }
        }
        return joined
    }

    /// "Like The Usual Suspects but newer", "something older than heat": a comparative said
    /// with films named and no year is relative to them (after the newest, before the oldest),
    /// not the catalog's era, which had let The Usual Suspects' own decade in.
    private func boundByTheFilmsNamed(_ result: inout TurnUnderstanding) {
        guard let bound = result.comparativeBound else { return }
        let years = result.mentions.filter { $0.holder == nil && $0.items.count == 1 }.compactMap { items[Int($0.items[0])].year }
        guard let newest = years.max(), let oldest = years.min() else { return }
        switch bound {
        case .newer(let era) where result.minYear == era: result.minYear = newest + 1
        case .older(let era) where result.maxYear == era: result.maxYear = oldest - 1
        default: break
        }
    }

    /// - Parameter pauses: per word, whether a comma, colon or dash follows it.
    /// - Parameter forChild: the turn says a child's age (12 or under).
    private func interpret(_ words: [String], pauses: [Bool], hasMentions: Bool, forChild: Bool = false, into result: inout TurnUnderstanding) {
        var words = words
        readLifts(&words, pauses: pauses, into: &result)
        readCount(&words, into: &result)
        // A length the catalog has as a tag ("short", "long") is that tag, not a running time.
        if !hasMentions, RunningTimePhrases.read(&words, sparing: { (self.tagWords[$0] ?? self.tagWords[Self.stem($0)]) != nil }) { result.asksRunningTime = true }
        readSpirits(&words, into: &result)
        readReactions(words, pauses: pauses, hasMentions: hasMentions, into: &result)
        readGenres(words, pauses: pauses, forChild: forChild, into: &result)
        YearPhrases.read(words, pauses: pauses, eras: eras, classicIsTag: tagWords["classic"] != nil,
                         blackAndWhiteIsTag: tagPhrases[["black", "and", "white"]] != nil, into: &result)
        readMoods(words, pauses: pauses, into: &result)
        readUnknownExclusions(words, into: &result)
        if !hasMentions, result.choice == nil,
           let choice = words.lazy.compactMap(Self.ordinal).first ?? words.compactMap({ Int($0) }).first(where: { (1900...2100).contains($0) })
               ?? (words.count == 1 ? Int(TextNormalizer.titleForm(words[0])).flatMap { (1...10).contains($0) ? $0 : nil } : nil) {
            result.choice = choice
        }
    }

    /// Where a state of low spirits said of the user ends at `index` starts ("feeling low", "i'm
    /// a bit down", "been so stressed"): the opening, a few degree words, a `lowWords` word; not
    /// "down for a comedy" nor "feeling sad films".
    static func lowSpirits(endingAt index: Int, in words: [String]) -> Int? {
        guard Vocabulary.lowWords.contains(words[index]) else { return nil }
        // "down for a comedy", "sick of war films", "feeling sad films": no state of the user's.
        if let next = words[safe: index + 1], ["for", "to", "with", "like", "of"].contains(next) || Vocabulary.kindNouns.contains(next) { return nil }
        var start = index - 1
        while start >= 0, index - start <= 4, Vocabulary.stateDegrees.contains(words[start]) { start -= 1 }
        return start >= 0 && Vocabulary.stateOpenings.contains(words[start]) ? start : nil
    }

    /// A state of low spirits the user says ("I'm feeling low", "feeling a bit down") asks for
    /// what lifts it, a feel-good film, and is no mood wished for itself ("sad" there is no wish for
    /// sad films) nor a dislike of the last list: its words are read no further.
    private func readSpirits(_ words: inout [String], into result: inout TurnUnderstanding) {
        for index in words.indices {
            guard let start = Self.lowSpirits(endingAt: index, in: words) else { continue }
            // Said as typed: "I'm so stressed", not "im so stressed".
            let said = words[start...index].map { $0 == "im" ? "I'm" : $0 }.joined(separator: " ")
            wishMood(said, tag: "feel-good", into: &result)
            for position in start...index { words[position] = "" }
        }
    }

    /// A mood asked for: its tag where the catalog has it or descriptions may say it; else said
    /// as typed (`unmatchedWishes`: the reply says it cannot be applied, the search leans instead).
    private func wishMood(_ said: String, tag: String, into result: inout TurnUnderstanding) {
        if catalogHasText || catalogTags.contains(tag) {
            if !result.wishes.contains(tag) { result.wishes.append(tag) }
        } else if !result.unmatchedWishes.contains(said) {
            result.unmatchedWishes.append(said)
        }
    }

    /// The tag of a mood as the turn said it ("feel good", "cheer me up", "feeling low", "darker").
    func moodTag(said: String) -> String? {
        let tokens = TextNormalizer.tokens(said)
        if let tag = Vocabulary.moodPhrases[tokens] { return tag }
        if let last = tokens.indices.last, Self.lowSpirits(endingAt: last, in: tokens) != nil { return "feel-good" }
        return moodTag(said)
    }

    /// The tag a mood word means ("darker" → "dark"), whether or not the catalog has it.
    func moodTag(_ word: String) -> String? {
        tagWords[word] ?? tagWords[Self.stem(word)] ?? Vocabulary.moods[word] ?? Vocabulary.moods[Self.stem(word)]
    }

    /// The tag of several words `span` names, its last word in the singular or the plural
    /// ("serial killers" for "serial killer").
    func tagPhrase(_ span: [String]) -> String? {
        guard let last = span.last else { return nil }
        return CatalogGenres.forms([last]).lazy.compactMap { self.tagPhrases[span.dropLast() + [$0]] }.first
    }

    /// The tag the mood starting at `index` means, of one word or several ("coming of age",
    /// "feel good"), and how many words it takes.
    func moodTag(at index: Int, in words: [String]) -> (tag: String, length: Int)? {
        for length in [4, 3, 2] where index + length <= words.count {
            if let tag = tagPhrase(Array(words[index..<(index + length)])) { return (tag, length) }
        }
        if let (phrase, tag) = Vocabulary.moodPhrases.first(where: { Vocabulary.phrase($0.key, at: index, in: words) }) {
            return (tag, phrase.count)
        }
        return moodTag(words[index]).map { ($0, 1) }
    }

    private func readMoods(_ words: [String], pauses: [Bool], into result: inout TurnUnderstanding) {
        func wish(_ tag: String) { if !result.wishes.contains(tag) { result.wishes.append(tag) } }
        // The end of the last mood of several words read: its words are not read again one by one.
        var covered = 0
        for (index, word) in words.enumerated() where index >= covered {
            // The catalog's own name for a genre ("mystery" where a genre is Mystery) was read
            // as that genre: a tag of the same name is no second wish a list must meet.
            if let genre = catalogGenres.named(at: index, in: words) {
                covered = index + genre.length
                continue
            }
            // A mood turned away ("nothing too violent", "not in the mood for anything sad"), or
            // too much of it ("way too slow"), is no wish but leaves out the films that have it,
            // and its phrase is no search word (embedded, "nothing violent" lies close to violent
            // films). A negation reaches only its own phrase: "no wait, darker" asks for dark.
            var start = max(0, index - 7)
            for position in start..<index where pauses[position] { start = position + 1 }
            // One of a list turned away too: "not in the mood for anything sad or slow" had asked for slow-burn.
            let listed = moodTag(at: index, in: words) != nil && turnedAwayInList(at: index, in: words, pauses: pauses)
            if listed || Self.turnsAway(Array(words[start..<index])) || index > 0 && words[index - 1] == "too" {
                guard let (tag, length) = moodTag(at: index, in: words) else { continue }
                if !result.avoidedWishes.contains(tag) { result.avoidedWishes.append(tag) }
                let from = listed ? index : (start..<index).last { Vocabulary.exclusionCues.contains(words[$0]) || words[$0] == "not" } ?? start
                result.filterPhrases.append(words[from..<(index + length)].joined(separator: " "))
                covered = index + length
                continue
            }
            // A tag of several words covers them ("mind bending": the tag, not also a wish "bending").
            if let length = [4, 3, 2].first(where: { index + $0 <= words.count && tagPhrase(Array(words[index..<(index + $0)])) != nil }) {
                wish(tagPhrase(Array(words[index..<(index + length)]))!)
                covered = index + length
                continue
            }
            // A mood of several words ("feel good", "mind bending") the catalog has no tag for.
            if let (phrase, tag) = Vocabulary.moodPhrases.first(where: { Vocabulary.phrase($0.key, at: index, in: words) }), !result.wishes.contains(tag) {
                wishMood(phrase.joined(separator: " "), tag: tag, into: &result)
                covered = index + phrase.count
                continue
            }
            if let tag = tagWords[word] ?? tagWords[Self.stem(word)] {
                wish(tag)
            } else if let tag = Vocabulary.moods[word] ?? Vocabulary.moods[Self.stem(word)] {
                // The catalog has no such tag: its descriptions may still say it; with no
                // descriptions either, the turn says plainly that the mood cannot be applied.
                wishMood(word, tag: tag, into: &result)
            }
        }
        readDescribedWishes(words, into: &result)
    }

    /// Words the reader knows nothing of that describe the film wanted ("something mellow",
    /// "anything quirky and gentle"): a mood all the same, met by the tags or descriptions that
    /// say it, else said plainly (`wishMood`); never a person or a film not found.
    private func readDescribedWishes(_ words: [String], into result: inout TurnUnderstanding) {
        var describing = false
        // The end of a mood of several words: its later words are no wishes of their own
        // ("something mind bending" had also wished for "bending").
        var covered = 0
        for (index, word) in words.enumerated() where index >= covered {
            if ["something", "anything", "somethin"].contains(word) {
                describing = true
            } else if describing, let (_, length) = moodTag(at: index, in: words) {
                covered = index + length
            } else if describing, word.isEmpty || Self.describingWords.contains(word) {
                continue
            } else if describing, Vocabulary.isUnknown(word), genreWords(at: index, in: words) == nil,
                      !Vocabulary.castCues.contains(word), !Vocabulary.peopleWords.contains(word),
                      // A word before years is how they are asked ("something between 1972 and
                      // 1975", "something around 1990"), read with them, no mood.
                      YearPhrases.span(at: index + 1, in: words) == nil {
                wishMood(word, tag: word, into: &result)
            } else {
                describing = false
            }
        }
    }

    /// Words that may join or qualify what describes the film wanted ("something quite gentle and warm").
    private static let describingWords: Set<String> = [
        "and", "or", "but", "yet", "a", "bit", "little", "more", "really", "very", "quite", "kinda", "pretty", "nice", "fairly", "sort", "of",
    ]

    /// Words turned away that name no genre, mood or tag here ("nothing with zombies" where no
    /// film is tagged so): the reply says they cannot be left out, and they are not searched
    /// for (embedded, "nothing with zombies" lies close to zombie films).
    private func readUnknownExclusions(_ words: [String], into result: inout TurnUnderstanding) {
        for index in words.indices where ["no", "nothing", "without", "avoid", "skip"].contains(words[index]) {
            var next = index + 1
            while next < words.count, ["with", "any", "about", "involving", "more", "the", "a", "an", "of", "featuring", "too"].contains(words[next]) { next += 1 }
            guard next < words.count, Vocabulary.isUnknown(words[next]), genreWords(at: next, in: words) == nil,
                  moodTag(at: next, in: words) == nil,
                  // "no patience for violence", "no time for musicals": the phrase turns away what follows it.
                  !Vocabulary.negatedWishStarts.contains(where: { Vocabulary.phrase($0, at: index, in: words) }),
                  !result.unreadExclusions.contains(words[next]) else { continue }
            result.unreadExclusions.append(words[next])
            result.filterPhrases.append(words[index...next].joined(separator: " "))
        }
    }

    private func readReactions(_ words: [String], pauses: [Bool], hasMentions: Bool, into result: inout TurnUnderstanding) {
        // "hmm no", "well, not that": what opens the reaction, past the fillers.
        let joined = words.drop { Vocabulary.fillers.contains($0) || $0.isEmpty }.joined(separator: " ")
        // "the second", "2nd", and "number 3" ("no. 3"; "#3", read as "3", after a negation: "not #3").
        let place = words.indices.first { index in
            Self.ordinal(words[index]) != nil && !Self.isTime(words, at: index) && Self.isPlace(words, at: index)
                || index > 0 && Int(TextNormalizer.titleForm(words[index])).map((1...10).contains) == true
                && (["number", "numbers", "no", "num", "option", "pick", "choice", "item", "entry", "suggestion"].contains(words[index - 1])
                    || Vocabulary.exclusionCues.contains(words[index - 1]))
                // A place alone ("2", "#3"): more like that film; or opening what is said of it ("#2 looks good").
                // Typed in digits: "seven looks good" names Se7en.
                || index == 0 && Int(words[0]).map((1...10).contains) == true
                && (words.count == 1 || Self.saidOfAPlace.contains(words[1]) || Vocabulary.predicates.contains(words[1]))
                // "the top pick", "your top one": the first.
                || Self.isTopPlace(words, at: index)
                // Several: "the top three", "the first two", "1 and 3"; digits right after a verb of
                // seeing: "seen 3", "watched #2".
                || Self.run(at: index, in: words) != nil || Self.startsPlaceList(words, at: index, pauses: pauses)
                || Self.seenPlace(words, at: index)
        }
        let position = place.flatMap {
            Self.run(at: $0, in: words)?.first ?? (Self.isTopPlace(words, at: $0) ? 1 : Self.ordinal(words[$0]) ?? Int(TextNormalizer.titleForm(words[$0])))
        }
        // Every place said ("I already saw the first two", "seen 1 and 3"): each gets the reaction.
        // Places said as the exception ("seen all of them except the last") are the films it is
        // not about: nothing is taken of them (the list's length is not known here).
        if let place, words[max(0, place - 3)..<place].contains(where: Self.excepting.contains) { return }
        let positions = place.flatMap { place in position.map { Self.places(from: place, first: $0, in: words, pauses: pauses) } } ?? []
        // A feeling said of a listed film by its place ("the second one bored me", "loved the third").
        let feeling = hasMentions || position == nil ? nil : Feelings.feeling(of: words)
        // A place turned away in its own phrase: "not the second one", "skip the third", "no to #2".
        let turnedAway = !hasMentions && place.map { place in
            var start = max(0, place - 5)
            for index in start..<place where pauses[index] { start = index + 1 }
            let before = Array(words[start..<place])
            return Self.turnsAway(before) || Vocabulary.contains(Vocabulary.removals, in: before)
        } == true
        // A listed film said to be seen ("seen the first one already", "not the 2nd, seen it a
        // million times", "already watched that one"): seen, not disliked; no feeling was said.
        // Of places said, "saw" and "watched" alone say it too ("saw the first and last already").
        let seenSaid = !hasMentions && (Vocabulary.contains(Vocabulary.seenCues.map { $0.split(separator: " ").map(String.init) }, in: words)
            || position != nil && words.contains(where: Self.seenOfPlaces.contains))
            && Feelings.feeling(of: words) != .liked && Feelings.feeling(of: words.filter { $0 != "not" && $0 != "no" }) != .disliked
            // "haven't seen the second one": not seen, so nothing is taken of it.
            && !Feelings.saysUnseen(words)
        // "not that one" points at a film (the one just picked, or the first); "no, not that"
        // and "no" alone turn the list away without saying which film.
        let pointed = ["not that one", "not this one", "not that film", "not that movie", "not this film", "not this movie"]
            .contains { " \(joined) ".contains(" \($0) ") }
        // No place said: the film just picked, or the first ("not that one", "I've read it already").
        let pointedAt = positions.isEmpty ? [1] : positions
        if position != nil, !hasMentions, Feelings.saysRewatched(words), feeling != .disliked {
            // "not the 2nd, seen it a million times": watched again and again, so liked (and never listed again).
            result.reactions += positions.map { .like(position: $0) }
        } else if seenSaid, position != nil || [" that one", " this one", " it"].contains(where: { " \(joined)".contains($0) }) {
            result.reactions += pointedAt.map { .seen(position: $0) }
            if position == nil { result.placeUnsaid = true }
        } else if pointed || feeling == .disliked || turnedAway {
            result.reactions += pointedAt.map { .reject(position: $0) }
            if position == nil { result.placeUnsaid = true }
        } else if !hasMentions && position == nil && (joined.hasPrefix("not that") || joined.hasPrefix("not this") || joined == "no" || joined.hasPrefix("no not")) {
            result.passedOver = true
        } else if Vocabulary.passingOver.contains(where: { " \(joined) ".contains(" \($0) ") })
            || !hasMentions && position == nil && (Vocabulary.refusals.contains(String(joined.prefix { $0 != " " })) || Feelings.feeling(of: words) == .disliked) {
            // A refusal of nothing named ("not really what I want", "nothing there for me") is
            // about the list just shown: a new one follows. A dislike of "it" ("actually i didn't
            // like it") is of the film picked the turn before, when there is one.
            result.passedOver = true
            if !hasMentions, position == nil, Feelings.feeling(of: words) == .disliked, words.contains(where: ["it", "that", "this"].contains) {
                result.reactions.append(.reject(position: 1))
                (result.placeUnsaid, result.onlyPicked) = (true, true)
            }
        } else if position != nil, feeling == .liked {
            result.reactions += positions.map { .like(position: $0) }
        } else if position != nil, words.contains("like") {
            // "more like the second", "something like the first one": no feeling said of it.
            result.reactions += positions.map { .moreLike(position: $0) }
        } else if let position, let place, !hasMentions,
                  words.indices.allSatisfy({ $0 == place || Vocabulary.choosing.contains(words[$0]) }) {
            // A listed film chosen by its place and nothing else ("the second one please", "i'll
            // take the first", "number 3 it is"): more like it, said so; not seen yet, so no like.
            result.reactions.append(.moreLike(position: position))
        }
    }

    /// The age in "8 yr old", "a 10-year-old" (`index` at "old"), up to 120.
    static func age(endingAt index: Int, in words: [String]) -> Int? {
        guard index >= 2, words[index] == "old", ["year", "years", "yr", "yrs"].contains(words[index - 1]),
              let age = Int(words[index - 2]) ?? (index >= 3 && ["a", "an", "my", "our", "his", "her", "their", "the"].contains(words[index - 3])
                  ? spelledAges[words[index - 2]] : nil), (1...120).contains(age) else { return nil }
        return age
    }

    /// Ages typed in words ("a five year old" had been the era "old": films up to 1979 for a child).
    /// The number words titles are read with (one to twelve), and the teens a child may be.
    static let spelledAges: [String: Int] = TextNormalizer.numberWords.compactMapValues { Int($0) }
        .merging(["thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17]) { own, _ in own }

    /// Whether the turn is for children without saying their age ("something scary for the
    /// kids", "for my little ones"): "for" with a word for children right after it (past "my",
    /// "the", "our"); a son or daughter may be grown up.
    static func forChildren(_ words: [String]) -> Bool {
        words.indices.contains { index in
            guard words[index] == "for" else { return false }
            let next = words[(index + 1)...].drop { ["my", "the", "our", "little", "young", "a", "small"].contains($0) }.first
            return next.map(["kid", "kids", "child", "children", "toddler", "toddlers", "little", "grandkids", "grandchildren"].contains) ?? false
        }
    }

    /// The genres of a genre word typed with one slip ("horor", "comdy", "thriler", "scfi"): a
    /// word the reader knows as nothing else, one edit from genre words of five letters or more
    /// that all mean the same genres.
    static func misspeltGenre(_ word: String) -> [String]? {
        guard word.count >= 4, Vocabulary.isUnknown(word) else { return nil }
        let close = Vocabulary.genres.filter { $0.key.count >= 5 && CatalogGenres.isSlip(word, of: $0.key) }
        guard let first = close.first, close.allSatisfy({ Set($0.value) == Set(first.value) }) else { return nil }
        return first.value
    }

    /// The age said of a child at `index` ("my son is 4", "my daughter is five", "the twins
    /// (9)", "kids aged 6 and 11"): a number, or a number word, right after a word for a child
    /// (with "is", "are" or "aged" between).
    static func childsAge(at index: Int, in words: [String]) -> Int? {
        guard Vocabulary.childWords.contains(words[index]) else { return nil }
        var next = index + 1
        if next < words.count, ["is", "are", "aged", "age", "ages", "under", "below"].contains(words[next]) { next += 1 }
        guard next < words.count, let age = Int(TextNormalizer.titleForm(words[next])), (1...17).contains(age) else { return nil }
        return age
    }

    private func readGenres(_ words: [String], pauses: [Bool], forChild: Bool, into result: inout TurnUnderstanding) {
        // A child's age ("family movie night with my 8 yr old", "my daughter is five", "the
        // twins (9)") asks for children's films.
        if let age = words.indices.compactMap({ Self.age(endingAt: $0, in: words) ?? Self.childsAge(at: $0, in: words) }).min(), age <= 17 {
            readChildsAge(age, into: &result)
        } else if let phrase = Self.forGrownUps(words) {
            readGrownUps(phrase, into: &result)
        }
        // The genres asked for in this clause, in order, with how each joins the one before.
        var asked: [(genres: Set<String>, either: Bool, listed: Bool)] = []
        var lastAsked: Int?
        defer { result.genreGroups += Self.groups(of: asked) }
        var covered = 0
        for (index, word) in words.enumerated() where index >= covered {
            guard let named = genreWords(at: index, in: words) else { continue }
            // "as a kid", "when I was a kid": about the user, not a wish.
            if index >= 2, words[index - 1] == "a", ["as", "was"].contains(words[index - 2]) { continue }
            // "world war 2", "the civil war": a war, what a film is about, not the genre word.
            if index >= 1, word == "war", Vocabulary.namedWars.contains(words[index - 1]) { continue }
            // A negation counts only in the genre's own phrase: "hmm, no, maybe crime?" asks for
            // crime ("no" answers the last list), while "no horror" and "not a western" exclude.
            // Seven words, as for a mood: "not in the mood for something scary" had asked for horror.
            var start = max(0, index - 7)
            for position in start..<index where pauses[position] { start = position + 1 }
            // The genre's whole name ("sci fi"), and a dislike said after it ("…movies bore me").
            let last = index + named.length - 1
            covered = last + 1
            // "less romantic", "less of a comedy": less of a genre, which no filter does.
            if let less = (max(0, index - 3)..<index).last(where: { ["less", "fewer"].contains(words[$0]) }), index - less <= 1 || words[less + 1] == "of" {
                for genre in named.genres + named.absent where !result.lessOf.contains(genre) { result.lessOf.append(genre) }
                result.filterPhrases.append(words[less...last].joined(separator: " "))
                continue
            }
            let before = Self.turnsAway(Array(words[start..<index]))
            let after = before ? nil : Self.dislike(after: last, in: words, pauses: pauses)
            // One of a list turned away ("i hate horror, sci-fi and war films").
            let listed = !before && after == nil && turnedAwayInList(at: index, in: words, pauses: pauses)
            let excluded = before || after != nil || listed
            if excluded {
                let from = listed ? index : (start..<index).last { Vocabulary.exclusionCues.contains(words[$0]) || Self.excepts(words, at: $0) } ?? start
                result.filterPhrases.append(words[from...(after ?? last)].joined(separator: " "))
            }
            // For a child, a genre not for children ("something spooky for my 10 year old") is a
            // mood among children's films, never films of that genre.
            if forChild, !excluded, !Set(named.genres + named.absent).isDisjoint(with: notForChildren) {
                let said = words[index...last].joined(separator: " ")
                if !result.notForChildren.contains(said) { result.notForChildren.append(said) }
                if catalogHasText, !result.wishes.contains(said) { result.wishes.append(said) }
                continue
            }
            // A genre the catalog lacks leaves nothing out, and is a wish where asked for: as a
            // filter no item would pass it.
            // "but no romcoms" after "something funny" turns away the romance, not every comedy: of
            // a word for several genres, the first is what sets it apart ("romcom": Romance).
            let genres = excluded && named.together ? Array(named.genres.prefix(1)) : named.genres
            for genre in genres + (excluded && !named.together ? named.absent : []) {
                if excluded { result.excludeGenres.insert(genre); result.includeGenres.remove(genre) }
                else if !result.excludeGenres.contains(genre) { result.includeGenres.insert(genre) }
            }
            if !excluded, let wish = named.wish, !result.wishes.contains(wish) { result.wishes.append(wish) }
            if !excluded, !named.genres.isEmpty, index > lastAsked ?? -1 {
                let between = lastAsked.map { Array(words[($0 + 1)..<index]) }
                let either = between?.contains { ["or", "nor", "either"].contains($0) } == true
                // "romcom" asks for each of its genres, as "a romantic comedy" does.
                let parts = named.together ? named.genres.map { Set([$0]) } : [Set(named.genres)]
                for (position, part) in parts.enumerated() {
                    asked.append(position == 0 ? (part, either, between?.isEmpty == true) : (part, false, true))
                }
                lastAsked = last
            }
        }
    }

    /// The groups of genres asked for in one clause: genres joined by "or" (or listed before
    /// an "or": "comedy, drama or romance") are one group, "at least one of"; others are
    /// groups of their own, all asked for together ("a funny horror film", "comedy and drama").
    static func groups(of asked: [(genres: Set<String>, either: Bool, listed: Bool)]) -> [Set<String>] {
        var groups: [Set<String>] = [], run = 0
        for (position, entry) in asked.enumerated() {
            if position > 0, entry.either {
                let merged = groups[run...].reduce(entry.genres) { $0.union($1) }
                groups.removeSubrange(run...)
                groups.append(merged)
            } else {
                if position == 0 || !entry.listed { run = groups.count }
                groups.append(entry.genres)
            }
        }
        return groups
    }

    /// A turn's genre groups as the constraints take them: only genres still asked for, each
    /// group once; none when one group says it all (then `includeGenres` is that group).
    static func groups(_ groups: [Set<String>], asking asked: Set<String>) -> [Set<String>] {
        var kept: [Set<String>] = []
        for group in groups.map({ $0.intersection(asked) }) where !group.isEmpty && !kept.contains(group) { kept.append(group) }
        let rest = asked.subtracting(kept.joined())
        if !rest.isEmpty { kept.append(rest) }
        return kept.count > 1 ? kept : []
    }

    /// Where a dislike of the genre ending at `index` ends, when what follows it in its own
    /// phrase is one: "kids movies bore me", "horror films are just not my thing"; nil for
    /// praise, or what follows a pause ("westerns, nothing boring").
    static func dislike(after index: Int, in words: [String], pauses: [Bool]) -> Int? {
        guard !pauses[index] else { return nil }
        var end = index + 1
        while end < words.count, end - index <= 6 {
            end += 1
            if pauses[end - 1] { break }
        }
        var first = index + 1
        while first < end, Vocabulary.kindNouns.contains(words[first]) || words[first].isEmpty { first += 1 }
        // The genre's own predicate: "…bore me", "…are boring", "…just aren't for me".
        guard first < end, Vocabulary.predicates.contains(words[first]) || Vocabulary.adverbs.contains(words[first]),
              Feelings.feeling(of: Array(words[first..<end])) == .disliked else { return nil }
        return end - 1
    }

    /// Whether the word at `index` is the "but" of "anything but", "everything but" (meaning
    /// "except"; "nothing but" means "only").
    static func excepts(_ words: [String], at index: Int) -> Bool {
        index > 0 && words[index] == "but" && Vocabulary.wholes.contains(words[index - 1])
    }

    /// Whether the words before a genre, within its own phrase, turn it away: a negation
    /// ("no horror", "not a western", "anything but romance", "anything other than horror")
    /// or a dislike said of it ("not a fan of musicals", "I'm sick of westerns", "can't stand
    /// horror"); "nothing but comedies" asks for comedies only.
    /// - Parameter before: the phrase's words before the genre (up to five), nearest last.
    static func turnsAway(_ before: [String]) -> Bool {
        // "no wait", "no sorry": an interjection that takes back what was said, not a negation.
        // (`before` is a phrase of five words at most: these loops are short.)
        var before = before
        // "something stupid funny": a degree of what follows, not a dislike of it.
        while let last = before.last, Vocabulary.slangDegrees.contains(last) { before.removeLast() }
        for index in before.indices.dropLast().reversed() where before[index] == "no" && Vocabulary.takingBack.contains(before[index + 1]) {
            before.removeSubrange(index...(index + 1))
        }
        // "why not a comedy?" suggests one.
        for index in before.indices.dropFirst().reversed() where before[index] == "not" && before[index - 1] == "why" {
            before.removeSubrange((index - 1)...index)
        }
        if let but = before.lastIndex(of: "but"), but > 0, before[but - 1] == "nothing" { return false }
        // A negation stands close to its genre ("no more westerns", "not a western"), or to the
        // list the genre ends ("not anything with zombies or horror").
        let listed = before.last.map { ["or", "nor", "and"].contains($0) } ?? false
        let near = before.suffix(listed ? 5 : 3)
        if near.contains(where: Vocabulary.exclusionCues.contains) { return true }
        if near.indices.contains(where: { excepts(before, at: $0) }) { return true }
        if near.indices.dropFirst().contains(where: { before[$0 - 1] == "other" && before[$0] == "than" }) { return true }
        if Vocabulary.contains(Vocabulary.negatedWishStarts, in: before) { return true }
        // A dislike may take more words ("not a fan of musicals"), but only its own: what comes
        // after a wish's start, a list word or another genre is a new phrase ("hated it, so a comedy").
        let own = before.lastIndex(where: { Vocabulary.wishStarts.contains($0) || Vocabulary.connectors.contains($0) || Vocabulary.genres[$0] != nil })
            .map { before[(before.index(after: $0))...] } ?? before[...]
        return Feelings.feeling(of: Array(own)) == .disliked
    }

    /// Whether the ordinal at `index` stands alone or before a word for a listed film ("the
    /// second", "the 2nd one", "number 3 pick"), not at the start of a name ("the fifth element").
    static func isPlace(_ words: [String], at index: Int) -> Bool {
        guard words.indices.contains(index), ordinal(words[index]) != nil || Int(TextNormalizer.titleForm(words[index])) != nil else { return false }
        guard index + 1 < words.count else { return true }
        let next = words[index + 1]
        // Or another place after it: "the 1st, 3rd and 5th".
        return Vocabulary.placeNouns.contains(next) || !Vocabulary.isUnknown(next) || ordinal(next) != nil
    }

    /// Words after a place that say something of the film there ("#2 looks good", "3 please").
    static let saidOfAPlace: Set<String> = ["looks", "look", "sounds", "seems", "it", "please", "pls", "plz", "then"]

    /// Whether "top" at `index` is the first place of the list: "the top pick", "your top one".
    static func isTopPlace(_ words: [String], at index: Int) -> Bool {
        words[index] == "top" && (index == 0 || ["the", "your", "ur"].contains(words[index - 1]))
            && (index + 1 == words.count ? index > 0 : Vocabulary.placeNouns.contains(words[index + 1]))
    }

    /// Whether the ordinal at `index` names a time, not a place in the list: "last weekend",
    /// "the first time", "second night".
    static func isTime(_ words: [String], at index: Int) -> Bool {
        index + 1 < words.count && Vocabulary.times.contains(words[index + 1])
    }

    /// "second", "2nd", "#2", "two" → 2 (positions in the last list, 1 to 10).
    static func ordinal(_ word: String) -> Int? {
        if let value = Vocabulary.ordinals[word] { return value }
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
            if let n = Int(word.dropLast(2)), (1...10).contains(n) { return n }
        }
        return nil
    }

    /// A crude stem for matching "comedies", "westerns", "darker", "scariest".
    static func stem(_ word: String) -> String {
        for suffix in ["ies", "est", "er", "es", "s"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            let base = String(word.dropLast(suffix.count))
            return suffix == "ies" ? base + "y" : base
        }
        return word
    }
}
