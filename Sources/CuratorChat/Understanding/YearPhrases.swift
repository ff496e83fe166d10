/// Years in plain words: "nothing before 1990", "from the 80s", "90s or later", "between
/// 1980 and 1995", "late 70s", and the relative ones, "recent", "newer", "not too old",
/// "old-school", "classic", read against the catalog's own years (on a catalog whose
/// newest film is from 1998, "recent" cannot mean after 2010).
enum YearPhrases {
    /// What the relative words mean in one catalog.
    struct Eras: Sendable, Equatable {
        /// "recent", "new releases", "latest": from this year on.
        var recent: Int
        /// "newer", "modern", "not too old": from this year on.
        var newer: Int
        /// "old", "older", "classic", "old-school", "vintage": up to this year.
        var old: Int

        init(newestYear: Int?) {
            let newest = newestYear ?? 2025
            recent = min(2010, newest - 5)
            newer = min(1990, newest - 15)
            old = min(1979, newest - 20)
        }
    }

    static let negations: Set<String> = ["not", "no", "nothing", "isnt", "never", "without", "dont", "none", "too"]
    static let laterWords: Set<String> = ["later", "onwards", "onward", "newer", "up", "after", "plus", "on"]
    static let earlierWords: Set<String> = ["earlier", "older", "before"]
    /// The words `readRelative` reads as eras: words the reader knows, never a name.
    static let eraWords: Set<String> = [
        "recent", "latest", "newest", "recently", "new", "newish", "modern", "contemporary", "newer", "old", "older", "vintage",
        "oldschool", "oldies", "dated", "ancient", "classic", "classics",
    ]
    /// Words after "new"/"old" that make it about release years ("new releases", "old movies").
    static let filmNouns: Set<String> = ["movie", "movies", "film", "films", "one", "ones", "stuff", "releases", "release", "school", "fashioned", "classics", "classic"]

    /// Where the phrase of the word at `index` starts, at most `reach` words back: after the
    /// last pause or genre word before it. A negation further back is another phrase's: in
    /// "no horror, from before 2000" the "no" is about horror, not the years.
    static func phraseStart(of index: Int, in words: [String], pauses: [Bool], reach: Int) -> Int {
        var start = max(0, index - reach)
        for position in start..<max(start, index) where pauses[safe: position] == true || Vocabulary.genres[words[position]] != nil {
            start = position + 1
        }
        return start
    }

    /// A bound said before a span of years: which side it bounds, whether the span itself is
    /// left out ("before 1990", "older than 1990": up to 1989) or kept ("until 1990", "since
    /// 1990"), and where its words start.
    struct Bound {
        var upper: Bool
        var strict: Bool
        var start: Int
    }

    /// Comparatives that bound years with "than" ("older than 1990", "more recent than 1995").
    static let earlierComparatives: Set<String> = ["older", "earlier"]
    static let laterComparatives: Set<String> = ["newer", "later", "recent", "modern", "younger"]
    /// Words that bound years, so a turn's other readers do not take them for names ("no later than 1992").
    static let boundWords: Set<String> = laterWords.union(earlierWords).union(earlierComparatives).union(laterComparatives)
        .union(["prior", "ahead", "until", "till", "til", "since", "pre", "post", "thru", "through"])

    /// The bound whose last word is at `index` (the word before a span of years), if any:
    /// "before", "pre", "prior to", "ahead of", "older than", "earlier than" (the span left
    /// out, below it); "until", "up to", "up until", "through" (up to the span's end);
    /// "after", "post", "newer than", "more recent than" (above it); "since", and "from" a
    /// year (from the span's start). "After 2000" keeps 2000, as it always has here.
    static func bound(endingAt index: Int, in words: [String], span: ClosedRange<Int>) -> Bound? {
        guard let word = words[safe: index] else { return nil }
        let previous = words[safe: index - 1] ?? ""
        let decade = span.count > 1
        switch word {
        case "before", "pre": return Bound(upper: true, strict: true, start: index)
        case "until", "till", "til", "through", "thru": return Bound(upper: true, strict: false, start: previous == "up" ? index - 1 : index)
        case "to" where previous == "prior": return Bound(upper: true, strict: true, start: index - 1)
        case "to" where previous == "up": return Bound(upper: true, strict: false, start: index - 1)
        case "of" where previous == "ahead": return Bound(upper: true, strict: true, start: index - 1)
        case "after", "post": return Bound(upper: false, strict: decade, start: index)
        case "since": return Bound(upper: false, strict: false, start: index)
        case "from" where !decade: return Bound(upper: false, strict: false, start: index)
        case "than" where earlierComparatives.contains(previous): return Bound(upper: true, strict: true, start: index - 1)
        case "than" where laterComparatives.contains(previous):
            return Bound(upper: false, strict: true, start: words[safe: index - 2] == "more" ? index - 2 : index - 1)
        default: return nil
        }
    }

    /// The span of years said from `index`: "the late 80s" (late: the last three years of the
    /// decade, mid: the middle three, early: the first four), "the nineties", "1995", "the
    /// year 2000"; with the index of its last word.
    static func span(at index: Int, in words: [String]) -> (years: ClosedRange<Int>, last: Int)? {
        var at = index
        if words[safe: at] == "the" { at += 1 }
        if words[safe: at] == "year", words[safe: at + 1].flatMap(Int.init) != nil { at += 1 }
        let modifier = words[safe: at].flatMap { ["early", "mid", "late"].contains($0) ? $0 : nil }
        if modifier != nil { at += 1 }
        guard let word = words[safe: at] else { return nil }
        if let decade = decade(word) {
            switch modifier {
            case "early": return (decade...(decade + 3), at)
            case "mid": return ((decade + 4)...(decade + 6), at)
            case "late": return ((decade + 7)...(decade + 9), at)
            default: return (decade...(decade + 9), at)
            }
        }
        guard modifier == nil, let year = Int(word), (1900...2100).contains(year) else { return nil }
        return (year...year, at)
    }

    /// Where the span whose decade or year is at `index` starts: before its "the", "year",
    /// "early", "mid" or "late".
    static func spanStart(of index: Int, in words: [String]) -> Int {
        var start = index
        while start > 0, ["the", "year", "early", "mid", "late"].contains(words[start - 1]) { start -= 1 }
        return start
    }

    /// Whether the year or decade at `index` is bounded ("older than 1990", "before the 80s"):
    /// then "is fine" after it allows that side, and lets go of no years.
    static func isBounded(at index: Int, in words: [String]) -> Bool {
        guard let (years, _) = span(at: index, in: words) else { return false }
        return bound(endingAt: spanStart(of: index, in: words) - 1, in: words, span: years) != nil
    }

    /// Whether the span starting at `start` is turned away in its own phrase ("not from the
    /// 80s", "anything but the 1980s", "skip the eighties", "no 80s films", "anything outside
    /// the 80s", "80s films are not for me"), and where the words turning it away start.
    /// - Parameter end: the span's last word, for a dislike said after it.
    static func turnedAway(spanStart start: Int, end: Int? = nil, in words: [String], pauses: [Bool]) -> Int? {
        let phrase = phraseStart(of: start, in: words, pauses: pauses, reach: 5)
        if let end, RuleInterpreter.dislike(after: end, in: words, pauses: pauses) != nil { return start }
        if let cue = (phrase..<start).last(where: { !["the", "films", "movies"].contains(words[$0]) }),
           ["outside", "excluding", "besides", "apart"].contains(words[cue]) || words[cue] == "from" && words[safe: cue - 1] == "apart" {
            return words[cue] == "from" ? cue - 1 : cue
        }
        // The little words between a negation and its years ("not from the", "no films made in").
        let between: Set<String> = ["the", "from", "in", "made", "released", "films", "movies", "film", "movie", "stuff", "any", "era"]
        var before = words[phrase..<start].filter { !between.contains($0) }
        // A wish starts a new phrase ("not titanic, something from the nineties"), unless it is
        // itself turned round ("I don't want anything from the 80s").
        if !Vocabulary.contains(Vocabulary.negatedWishStarts, in: before), let wish = before.lastIndex(where: Vocabulary.wishStarts.contains) {
            before = Array(before[(wish + 1)...])
        }
        guard RuleInterpreter.turnsAway(before) else { return nil }
        let cues = negations.union(Vocabulary.exclusionCues).union(Vocabulary.wholes).union(["but", "other", "except", "besides"])
        guard var first = (phrase..<start).last(where: { cues.contains(words[$0]) }) else { return phrase }
        while first > phrase, cues.contains(words[first - 1]) { first -= 1 }
        return first
    }

    /// Reads the year bounds in `words` (one clause; `pauses[i]` a comma or dash after word i) into `result`.
    /// - Parameters:
    ///   - classicIsTag: the catalog tags films "classic": the word asks for the tag, not an era.
    ///   - blackAndWhiteIsTag: the catalog tags films "black and white": the phrase asks for the
    ///     tag (read with the moods), not for the years before colour.
    static func read(_ words: [String], pauses: [Bool], eras: Eras, classicIsTag: Bool, blackAndWhiteIsTag: Bool = false,
                     into result: inout TurnUnderstanding) {
        var index = 0
        // A year said alone ("1997 maybe"): the bound of a relative word beside it ("newer").
        var bare: Int?
        while index < words.count {
            var start = spanStart(of: index, in: words)
            if span(at: start, in: words) == nil { start = index }
            guard YearPhrases.decade(words[index]) != nil || Int(words[index]).map((1900...2100).contains) == true,
                  let (years, last) = span(at: start, in: words) else {
                index += 1
                continue
            }
            let bound = bound(endingAt: start - 1, in: words, span: years)
            let cue = words[safe: start - 1] ?? ""
            // "nothing before 1990", "no films older than 1990", "I don't want anything before…"
            let cueStart = bound?.start ?? start - 1
            let phrase = phraseStart(of: max(0, cueStart), in: words, pauses: pauses, reach: 3)
            let negation = bound == nil ? nil : words[phrase..<max(phrase, cueStart)].firstIndex(where: negations.contains)
            let denied = negation != nil
            let stated = (result.minYear, result.maxYear, result.excludedYears)
            // The words this bound was read from, for the search words to leave out: from the
            // negation or the cue ("nothing before 1990", "older than 1985", "from the 80s").
            var from = negation ?? bound?.start ?? (["from", "in", "between"].contains(cue) ? start - 1 : start)
            let record = { (end: Int, from: Int, result: inout TurnUnderstanding) in
                if (result.minYear, result.maxYear, result.excludedYears) != stated {
                    result.filterPhrases.append(words[from...min(end, words.count - 1)].joined(separator: " "))
                }
            }
            let next = words[safe: last + 1] ?? "", afterNext = words[safe: last + 2] ?? ""
            // "from the late 80s to the mid 90s", "between 1980 and 1995", "1980-1995": the first
            // span's start to the second's end.
            let joined = ["and", "or", "to", "through", "thru", "until", "till"].contains(next) ? last + 2 : Int(next) != nil && years.count == 1 ? last + 1 : nil
            // The same year twice ("between 1972 and 1972") is that year, and years said the
            // wrong way round ("between 1995 and 1980") the years between them: a stranger's
            // "between 1972 and 1972" had been read as a mood "between", the years lost.
            let inOrder = { (end: ClosedRange<Int>) in end.upperBound >= years.upperBound || next != "or" && end.upperBound < years.lowerBound }
            if bound == nil || bound?.upper == false && bound?.strict == false, let joined, let (end, through) = span(at: joined, in: words), inOrder(end) {
                let range = min(years.lowerBound, end.lowerBound)...max(years.upperBound, end.upperBound)
                if let away = turnedAway(spanStart: bound?.start ?? start, in: words, pauses: pauses) {
                    result.excludedYears.append(range)
                    from = away
                } else {
                    (result.minYear, result.maxYear) = (range.lowerBound, range.upperBound)
                }
                record(through, from, &result)
                index = through + 1
                continue
            }
            // "the 90s at the latest", "1990 tops": an upper bound; "at the earliest": a lower one.
            let atThe = next == "at" && afterNext == "the" ? words[safe: last + 3] : nil
            let latest = ["latest", "newest", "most"].contains(atThe ?? "") || ["tops", "max", "maximum"].contains(next)
            let earliest = ["earliest", "oldest", "least"].contains(atThe ?? "")
            let later = ["onwards", "onward", "on", "plus", "later", "newer"].contains(next) || ["or", "and"].contains(next) && laterWords.contains(afterNext) || earliest
            let earlier = ["or", "and"].contains(next) && earlierWords.contains(afterNext) || latest
            let isDecade = years.count > 1
            var end = last
            // "a comedy from 1994", "films made in 1977": that year (a stranger's "from 1994" had
            // listed films of 1995 and 1996); "from 1994 on", "since 1994" are bounds.
            // Turned away ("nothing from 1994"), that year is left out.
            let oneYear = !isDecade && !later && !earlier && (bound.map { words[$0.start] == "from" } ?? (cue == "in"))
            if oneYear {
                if let away = turnedAway(spanStart: bound?.start ?? start - 1, in: words, pauses: pauses) {
                    result.excludedYears.append(years)
                    from = away
                } else {
                    (result.minYear, result.maxYear) = (years.lowerBound, years.upperBound)
                    if bound == nil { from = start - 1 }
                }
            } else if let bound {
                switch (bound.upper, bound.strict, denied) {
                case (true, true, false): result.maxYear = years.lowerBound - 1
                case (true, true, true): result.minYear = years.lowerBound
                case (true, false, false): result.maxYear = years.upperBound
                case (true, false, true): result.minYear = years.upperBound + 1
                case (false, true, false): result.minYear = years.upperBound + 1
                case (false, true, true): result.maxYear = years.upperBound
                case (false, false, false): result.minYear = years.lowerBound
                case (false, false, true): result.maxYear = isDecade ? years.lowerBound - 1 : years.lowerBound
                }
            } else if later || earlier {
                // "no films from the 2010s or later": turned away, the other side.
                let away = turnedAway(spanStart: start, in: words, pauses: pauses)
                if later { if away != nil { result.maxYear = years.lowerBound - 1 } else { result.minYear = years.lowerBound } }
                else { if away != nil { result.minYear = years.upperBound + 1 } else { result.maxYear = years.upperBound } }
                from = away ?? from
                end = atThe != nil && (latest || earliest) ? last + 3 : last + (["or", "and"].contains(next) ? 2 : 1)
            } else if isDecade {
                // "anything but the 1980s", "not from the eighties": those years left out, the
                // years before and after them kept.
                if let away = turnedAway(spanStart: start, end: last, in: words, pauses: pauses) {
                    result.excludedYears.append(years)
                    from = away
                } else {
                    (result.minYear, result.maxYear) = (years.lowerBound, years.upperBound)
                }
            } else {
                bare = years.lowerBound
            }
            record(end, from, &result)
            index = last + 1
        }
        let stated = (result.minYear, result.maxYear)
        readRelative(words, pauses: pauses, eras: eras, classicIsTag: classicIsTag, blackAndWhiteIsTag: blackAndWhiteIsTag, into: &result)
        // "something newer, 1997 maybe": from 1997, not from the era "newer" means alone.
        if let bare {
            if stated.0 == nil, result.minYear != nil, result.maxYear == stated.1 { result.minYear = bare }
            if stated.1 == nil, result.maxYear != nil, result.minYear == stated.0 { result.maxYear = bare }
        }
    }

    /// "recent", "newer", "not too old", "old-school", "classic".
    private static func readRelative(_ words: [String], pauses: [Bool], eras: Eras, classicIsTag: Bool, blackAndWhiteIsTag: Bool,
                                     into result: inout TurnUnderstanding) {
        // "in black and white" asks for films from before colour was the rule, and turned away
        // ("nothing in black and white") for films from after it: no catalog here says which
        // films are in colour, so the years stand in for it, never the other way round.
        // "only colour films", "in color": the years after black and white; turned away, before.
        // A catalog that tags the films in black and white answers it with the tag (a stranger
        // read "No film here is marked black and white" beside four films tagged so); colour,
        // which no tag marks, is still told by the years.
        let blackAndWhite = blackAndWhiteIsTag ? nil : words.indices.first { Vocabulary.phrase(["black", "and", "white"], at: $0, in: words) }
        let colour = words.indices.first { ["colour", "color", "technicolor", "technicolour"].contains(words[$0]) }
        if let at = blackAndWhite ?? colour {
            let last = blackAndWhite != nil ? at + 2 : at
            let away = turnedAway(spanStart: at, end: last, in: words, pauses: pauses)
            let start = min(eras.old, 1965) + 1
            if (away != nil) == (blackAndWhite != nil) { result.minYear = result.minYear ?? start } else { result.maxYear = result.maxYear ?? start - 1 }
            result.filterPhrases.append(words[(away ?? at)...last].joined(separator: " "))
            result.colourByYears = blackAndWhite != nil ? "black and white" : "colour"
        }
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            // "older than 1990" is read with its year; "more recent than those" here.
            if next == "than", let after = words[safe: index + 2], Int(after) != nil || decade(after) != nil || after == "the" { continue }
            // "never gets old", "growing old": not about release years; nor is an age ("my 8 yr old").
            if index > 0, ["get", "gets", "getting", "got", "grow", "grows", "growing", "grew"].contains(words[index - 1]) { continue }
            if word == "old", RuleInterpreter.age(endingAt: index, in: words) != nil { continue }
            // "…at the latest": the bound of the year before it (`read`), not an era.
            if index >= 2, words[index - 2] == "at", words[index - 1] == "the" { continue }
            // "not too old", "nothing that's too old", "I don't want anything old": a negation
            // within the phrase; and too much of it is a complaint ("those are too old": newer, then).
            let phrase = phraseStart(of: index, in: words, pauses: pauses, reach: 3)
            let negation = words[phrase..<index].firstIndex { negations.contains($0) && $0 != "too" || $0 == "not" }
            let negated = negation != nil || index > 0 && words[index - 1] == "too"
            let before = (result.minYear, result.maxYear)
            defer {
                if (result.minYear, result.maxYear) != before {
                    result.filterPhrases.append(words[(negation ?? (negated ? index - 1 : index))...index].joined(separator: " "))
                }
            }
            // An era word before a noun of its own is about that thing, not release years ("the
            // ancient history of the elves", "vintage cars", "an old man"); before a film noun,
            // a genre ("old musicals", "new comedies"), a little word or nothing, it is an era.
            let ofFilms = next.isEmpty || pauses[safe: index] == true || filmNouns.contains(next) || Vocabulary.namesGenre(next)
                || Vocabulary.stopwords.contains(next) || ["please", "stuff", "but", "and", "or", "only", "ones"].contains(next)
            switch word {
            case "recent", "latest", "newest", "recently":
                if negated { result.maxYear = result.maxYear ?? eras.recent - 1 } else { result.minYear = result.minYear ?? eras.recent }
            case "new" where filmNouns.contains(next) || next == "" || Vocabulary.namesGenre(next),
                 "newish" where ofFilms, "modern" where ofFilms, "contemporary" where ofFilms, "newer":
                if negated { result.maxYear = result.maxYear ?? eras.newer - 1 } else {
                    if word == "newer", result.minYear == nil { result.comparativeBound = .newer(eras.newer) }
                    result.minYear = result.minYear ?? (word == "new" ? eras.recent : eras.newer)
                }
            // "old black and white films": the colour of the stock describes films too.
            case "old" where filmNouns.contains(next) || next == "" || negated || Vocabulary.namesGenre(next) || next == "black",
                 "older", "vintage" where ofFilms, "oldschool", "oldies", "dated" where ofFilms, "ancient" where ofFilms:
                if negated { result.minYear = result.minYear ?? eras.newer } else {
                    if word == "older", result.maxYear == nil { result.comparativeBound = .older(eras.old) }
                    result.maxYear = result.maxYear ?? eras.old
                }
            case "classic" where !classicIsTag, "classics" where !classicIsTag:
                if !negated { result.maxYear = result.maxYear ?? eras.old }
            default:
                break
            }
        }
    }

    /// "80s", "1980s", "eighties" → 1980.
    static func decade(_ word: String) -> Int? {
        if let year = Vocabulary.decadeWords[word] { return year }
        guard word.hasSuffix("s"), let number = Int(word.dropLast()) else { return nil }
        if number % 10 != 0 { return nil }
        if (20...90).contains(number) { return 1900 + number }
        if number == 0 { return 2000 }
        if (1900...2090).contains(number) { return number }
        return nil
    }
}
