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

    /// Reads the year bounds in `words` (one clause; `pauses[i]` a comma or dash after word i) into `result`.
    static func read(_ words: [String], pauses: [Bool], eras: Eras, classicIsTag: Bool, into result: inout TurnUnderstanding) {
        var index = 0
        // A year said alone ("1997 maybe"): the bound of a relative word beside it ("newer").
        var bare: Int?
        while index < words.count {
            let word = words[index]
            let previous = index > 0 ? words[index - 1] : ""
            // "before the 90s": look past the article.
            let cueAt = previous == "the" ? index - 2 : index - 1
            let cue = cueAt >= 0 ? words[cueAt] : ""
            let cueBefore = cueAt >= 1 ? words[cueAt - 1] : ""
            // "nothing before 1990", "no films older than 1990", "I don't want anything before…"
            let phrase = phraseStart(of: max(0, cueAt), in: words, pauses: pauses, reach: 3)
            let negation = words[phrase..<max(phrase, cueAt)].firstIndex(where: negations.contains)
            let denied = negation != nil && !negations.contains(cue)
            // The words this bound was read from, for the search words to leave out: from the
            // negation or the cue ("nothing before 1990", "older than 1985", "from the 80s").
            let cued = ["before", "until", "pre", "after", "since", "post", "from", "in", "between", "than"].contains(cue)
            let start = denied ? negation! : cued ? (cue == "than" ? max(0, cueAt - 1) : cueAt) : (["early", "mid", "late"].contains(previous) ? index - 1 : index)
            let stated = (result.minYear, result.maxYear)
            let record = { (end: Int, result: inout TurnUnderstanding) in
                if (result.minYear, result.maxYear) != stated { result.filterPhrases.append(words[start...min(end, words.count - 1)].joined(separator: " ")) }
            }
            let next = words[safe: index + 1] ?? "", afterNext = words[safe: index + 2] ?? ""
            let upper = ["before", "until", "pre"].contains(cue) || cue == "than" && earlierWords.contains(cueBefore)
            let lower = ["after", "since", "post"].contains(cue) || cue == "than" && laterWords.contains(cueBefore)
            // "the 90s at the latest", "1990 tops": an upper bound; "at the earliest": a lower one.
            let atThe = next == "at" && afterNext == "the" ? words[safe: index + 3] : nil
            let latest = ["latest", "newest", "most"].contains(atThe ?? "") || ["tops", "max", "maximum"].contains(next)
            let earliest = ["earliest", "oldest", "least"].contains(atThe ?? "")
            let later = ["onwards", "onward", "on", "plus", "later", "newer"].contains(next) || ["or", "and"].contains(next) && laterWords.contains(afterNext) || earliest
            let earlier = ["or", "and"].contains(next) && earlierWords.contains(afterNext) || latest
            if let decade = Self.decade(word) {
                var (from, to) = (decade, decade + 9)
                switch previous {
                case "early": to = decade + 4
                case "mid": (from, to) = (decade + 3, decade + 7)
                case "late": from = decade + 5
                default: break
                }
                if ["and", "or", "to", "through"].contains(next), let last = Self.decade(afterNext) ?? Int(afterNext).flatMap({ (1900...2100).contains($0) ? $0 - $0 % 10 : nil }), last > decade {
                    result.minYear = from
                    result.maxYear = last + 9
                    record(index + 2, &result)
                    index += 3
                    continue
                }
                if upper { if denied { result.minYear = decade } else { result.maxYear = decade - 1 } }
                else if lower { if denied { result.maxYear = decade + 9 } else { result.minYear = decade + 10 } }
                // "no films from the 2010s or later": turned away, the other side.
                else if later { if denied { result.maxYear = from - 1 } else { result.minYear = from } }
                else if earlier { if denied { result.minYear = to + 1 } else { result.maxYear = to } }
                else if negations.contains(cue) || cue == "from" && negations.contains(cueBefore) { result.minYear = decade + 10 }
                else { result.minYear = from; result.maxYear = to }
                record(atThe != nil && (latest || earliest) ? index + 3 : later || earlier ? index + (["or", "and"].contains(next) ? 2 : 1) : index, &result)
            } else if let year = Int(word), (1900...2100).contains(year) {
                if upper { if denied { result.minYear = year } else { result.maxYear = year - 1 } }
                else if lower || cue == "from" && !["to", "and"].contains(next) { if denied { result.maxYear = year } else { result.minYear = year } }
                else if let end = Int(["to", "and", "through", "until"].contains(next) ? afterNext : next), end > year, end <= 2100 {
                    // "between 1980 and 1995", "from 1980 to 1990", "1980-1995"
                    result.minYear = year
                    result.maxYear = end
                    record(index + (Int(next) == nil ? 2 : 1), &result)
                    index += 3
                    continue
                } else if later { result.minYear = year }
                else if earlier { result.maxYear = year }
                else { bare = year }
                record(later || earlier ? index + (["or", "and"].contains(next) ? 2 : 1) : index, &result)
            }
            index += 1
        }
        let stated = (result.minYear, result.maxYear)
        readRelative(words, pauses: pauses, eras: eras, classicIsTag: classicIsTag, into: &result)
        // "something newer, 1997 maybe": from 1997, not from the era "newer" means alone.
        if let bare {
            if stated.0 == nil, result.minYear != nil, result.maxYear == stated.1 { result.minYear = bare }
            if stated.1 == nil, result.maxYear != nil, result.minYear == stated.0 { result.maxYear = bare }
        }
    }

    /// "recent", "newer", "not too old", "old-school", "classic".
    private static func readRelative(_ words: [String], pauses: [Bool], eras: Eras, classicIsTag: Bool, into result: inout TurnUnderstanding) {
        if words.joined(separator: " ").contains("black and white") { result.maxYear = result.maxYear ?? min(eras.old, 1965) }
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
            switch word {
            case "recent", "latest", "newest", "recently":
                if negated { result.maxYear = result.maxYear ?? eras.recent - 1 } else { result.minYear = result.minYear ?? eras.recent }
            case "new" where filmNouns.contains(next) || next == "",
                 "newish", "modern", "contemporary", "newer":
                if negated { result.maxYear = result.maxYear ?? eras.newer - 1 } else { result.minYear = result.minYear ?? (word == "new" ? eras.recent : eras.newer) }
            case "old" where filmNouns.contains(next) || next == "" || negated,
                 "older", "vintage", "oldschool", "oldies", "dated", "ancient":
                if negated { result.minYear = result.minYear ?? eras.newer } else { result.maxYear = result.maxYear ?? eras.old }
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
