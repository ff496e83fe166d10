/// Constraints let go of in plain words: "forget horror", "any year is fine", "genre doesn't
/// matter", "drop the 90s thing" (dropped: neither required nor turned away any more), and
/// "horror is fine", "I don't mind horror" (allowed: no longer turned away, not asked for).
///
/// A lift is a cue and what it names, within one phrase (commas and clause breaks end it):
/// a cue before the names ("forget", "drop", "don't care about", "any", "whatever") or after
/// them ("doesn't matter", "is fine"). Its words are read as nothing else: "forget horror"
/// does not also ask for horror, nor "drop the 90s thing" for the 90s; nor is a list searched
/// by them ("actually comedy is ok" embedded brought five comedies).
extension RuleInterpreter {
    /// What one lift names.
    private struct Target {
        var genres: Set<String> = []
        var years = false
        /// The years of a decade or year named ("the 50s", "1985"), not of a kind ("any year").
        var span: ClosedRange<Int>?
        var wishes: Set<String> = []
        var allGenres = false, allWishes = false
        /// Named by a word for a whole kind ("genre", "year", "mood", "filters"), which is
        /// all that "any" and "whatever" lift ("any horror?" asks for horror).
        var kind = false
        var named: Bool { !genres.isEmpty || years || !wishes.isEmpty || allGenres || allWishes }

        mutating func merge(_ other: Target) {
            genres.formUnion(other.genres)
            years = years || other.years
            if let more = other.span { span = span.map { min($0.lowerBound, more.lowerBound)...max($0.upperBound, more.upperBound) } ?? more }
            wishes.formUnion(other.wishes)
            allGenres = allGenres || other.allGenres
            allWishes = allWishes || other.allWishes
            kind = kind || other.kind
        }
    }

    private enum Strength { case drop, allow, any }

    /// Cues before what they lift, by tokens.
    private static let cuesBefore: [([String], Strength)] = [
        "forget", "forget about", "drop", "ditch", "lose", "remove", "ignore", "scrap", "scratch", "never mind", "nevermind",
        "dont care about", "do not care about", "not care about", "dont worry about", "do not worry about", "not worry about",
        "stop worrying about", "no need for", "get rid of", "no preference", "not fussed about", "not bothered about",
        "doesnt have to be", "does not have to be", "dont have to be", "neednt be", "lift", "clear",
    ].map { ($0.split(separator: " ").map(String.init), .drop) } + [
        "dont mind", "do not mind", "wouldnt mind", "fine with", "ok with", "okay with", "happy with", "open to",
        "alright with", "cool with",
    ].map { ($0.split(separator: " ").map(String.init), .allow) } + [
        "any", "whatever", "all",
    ].map { ($0.split(separator: " ").map(String.init), .any) }

    /// Cues after what they lift, by tokens.
    private static let cuesAfter: [([String], Strength)] = [
        "doesnt matter", "does not matter", "dont matter", "do not matter", "isnt important", "is not important",
        "not important", "dont care", "do not care", "whatever", "either way", "can be anything", "is irrelevant",
    ].map { ($0.split(separator: " ").map(String.init), .drop) } + [
        "is fine", "are fine", "fine", "is ok", "are ok", "ok", "is okay", "are okay", "okay", "is alright", "alright",
        "would be fine", "is allowed", "are allowed",
    ].map { ($0.split(separator: " ").map(String.init), .allow) }

    /// Whether `text` names a kind of constraint ("any decade", "the genre"): what a lift lets
    /// go of, never a film not found ("actually any decade is fine" had been one).
    static func namesAConstraintKind(_ text: String) -> Bool {
        TextNormalizer.tokens(text).contains { genreKinds.contains($0) || yearKinds.contains($0) || moodKinds.contains($0) || allKinds.contains($0) }
    }

    /// Words that name a whole kind of constraint.
    private static let genreKinds: Set<String> = ["genre", "genres", "kind", "kinds", "type", "types", "category", "categories"]
    private static let yearKinds: Set<String> = [
        "year", "years", "decade", "decades", "era", "eras", "date", "dates", "age", "period", "release",
    ]
    /// Words for an era: lifted by a cue after them ("old or new doesn't matter"), but after
    /// "any" they ask for it ("i loved heat, any recent heist movies?" had let the years go).
    private static let eraKinds: Set<String> = ["old", "older", "new", "newer", "recent", "modern", "vintage", "oldies", "classic", "classics"]
    private static let moodKinds: Set<String> = ["mood", "moods", "vibe", "vibes", "tone", "wish", "wishes", "theme", "themes"]
    private static let allKinds: Set<String> = ["filter", "filters", "constraint", "constraints", "restriction", "restrictions", "requirement", "requirements", "limits", "criteria"]
    /// Little words that may stand between a cue and what it names ("drop the 90s thing").
    private static let between: Set<String> = [
        "the", "a", "an", "that", "this", "about", "on", "for", "of", "re", "regarding", "whole", "thing", "things", "stuff",
        "bit", "part", "and", "or", "any", "my", "films", "movies", "film", "movie", "is", "are", "too", "now", "then", "from", "in",
    ]

    /// Reads the lifts in one clause's words into `result`, and blanks the words it used so
    /// the other readers do not read them again.
    func readLifts(_ words: inout [String], pauses: [Bool], into result: inout TurnUnderstanding) {
        var phraseStart = 0
        for end in words.indices where pauses[end] || end == words.count - 1 {
            let phrase = phraseStart..<(end + 1)
            phraseStart = end + 1
            var index = phrase.lowerBound
            while index < phrase.upperBound {
                if let (length, strength) = Self.cue(in: words, at: index, within: phrase, cues: Self.cuesBefore) {
                    // What follows the cue, past the little words, up to the first other word.
                    var used = index..<(index + length), target = Target(), scan = used.upperBound
                    while scan < phrase.upperBound {
                        if let (named, length) = self.target(in: words, at: scan, within: phrase) {
                            if strength == .any && !named.kind { break }
                            target.merge(named)
                            scan += length
                            used = used.lowerBound..<scan
                        } else if Self.between.contains(words[scan]) {
                            scan += 1
                        } else { break }
                    }
                    if target.named {
                        // "any year is fine": an after-cue closing the same phrase is part of it.
                        var last = used.upperBound
                        while last < phrase.upperBound, Self.between.contains(words[last]) { last += 1 }
                        if let (after, _) = Self.cue(in: words, at: last, within: phrase, cues: Self.cuesAfter) { used = used.lowerBound..<(last + after) }
                        apply(target, strength == .allow ? .allow : .drop, to: &result.lift)
                        result.filterPhrases.append(words[used].joined(separator: " "))
                        for position in used { words[position] = "" }
                        index = used.upperBound
                        continue
                    }
                }
                if let (length, strength) = Self.cue(in: words, at: index, within: phrase, cues: Self.cuesAfter) {
                    // What comes before the cue, back to the first other word.
                    var target = Target(), start = index, scan = index - 1
                    while scan >= phrase.lowerBound {
                        // A name of several words ends here ("sci fi", "science fiction is fine").
                        let ending = (max(phrase.lowerBound, scan - 2)...scan).compactMap { from in
                            self.target(in: words, at: from, within: phrase).flatMap { from + $0.1 - 1 == scan ? (from, $0.0) : nil }
                        }
                        if let (from, named) = ending.first {
                            // "older than 1990 is fine": a bound allowed, no years let go of.
                            if named.span != nil, YearPhrases.isBounded(at: from, in: words) { break }
                            target.merge(named)
                            start = from
                            scan = from - 1
                            continue
                        } else if !Self.between.contains(words[scan]) { break }
                        scan -= 1
                    }
                    // Not "the second one is ok" (a reaction) or "not fine".
                    let negated = index > phrase.lowerBound && Vocabulary.negators.contains(words[index - 1])
                    if target.named && !negated {
                        // A kind named whole is dropped even by "is fine": "any year is fine"; a
                        // decade named is allowed beside the years asked ("the 50s are fine too").
                        let whole = target.allGenres || target.allWishes || target.years && target.span == nil
                        apply(target, strength == .allow && !whole ? .allow : .drop, to: &result.lift)
                        result.filterPhrases.append(words[start..<(index + length)].joined(separator: " "))
                        for position in start..<(index + length) { words[position] = "" }
                        index += length
                        continue
                    }
                }
                index += 1
            }
        }
    }

    private func apply(_ target: Target, _ strength: Strength, to lift: inout TurnUnderstanding.Lift) {
        if strength == .allow {
            lift.allowedGenres.formUnion(target.genres)
            lift.allowedWishes.formUnion(target.wishes)
            if let span = target.span {
                lift.allowedYears = lift.allowedYears.map { min($0.lowerBound, span.lowerBound)...max($0.upperBound, span.upperBound) } ?? span
            }
        } else {
            lift.genres.formUnion(target.genres)
            lift.allGenres = lift.allGenres || target.allGenres
            lift.years = lift.years || target.years
            lift.wishes.formUnion(target.wishes)
            lift.allWishes = lift.allWishes || target.allWishes
        }
    }

    /// The cue of `cues` standing at `index` inside `phrase`, the longest.
    private static func cue(in words: [String], at index: Int, within phrase: Range<Int>, cues: [([String], Strength)]) -> (Int, Strength)? {
        var best: (Int, Strength)?
        for (tokens, strength) in cues where index + tokens.count <= phrase.upperBound
            && Vocabulary.phrase(tokens, at: index, in: words) && tokens.count > (best?.0 ?? 0) {
            // "don't care for" is a dislike, not a lift.
            if tokens.last == "care", words[safe: index + tokens.count] == "for" { continue }
            // "a creepy film that is ok for my 9 year old": suitable for someone, not a lift.
            if strength == .allow, words[safe: index + tokens.count] == "for" { continue }
            // "steer clear of the 80s" turns them away.
            if tokens == ["clear"], words[safe: index - 1] == "steer" { continue }
            best = (tokens.count, strength)
        }
        return best
    }

    /// What the words at `index` name (a genre, a year, a mood, or a kind of constraint), and how many words.
    private func target(in words: [String], at index: Int, within phrase: Range<Int>) -> (Target, Int)? {
        let word = words[index]
        guard !word.isEmpty else { return nil }
        var target = Target()
        // A genre as the catalog spells it; one it lacks was a wish, or an exclusion by the reader's name.
        if let named = genreWords(at: index, in: words), index + named.length <= phrase.upperBound {
            target.genres = Set(named.genres + named.absent)
            target.wishes = Set(named.wish.map { [$0] } ?? [])
            return (target, named.length)
        }
        // "the late 80s are fine": part of a decade.
        if ["early", "mid", "late"].contains(word), let (years, last) = YearPhrases.span(at: index, in: words), last < phrase.upperBound {
            (target.years, target.span) = (true, years)
            return (target, last - index + 1)
        }
        if let decade = YearPhrases.decade(word) { (target.years, target.span) = (true, decade...(decade + 9)) }
        else if let year = Int(word), (1900...2100).contains(year) { (target.years, target.span) = (true, year...year) }
        else if Self.yearKinds.contains(word) { (target.years, target.kind) = (true, true) }
        else if Self.eraKinds.contains(word) { target.years = true }
        else if let tag = moodTag(word) { target.wishes = [tag] }
        else if Self.genreKinds.contains(word) { (target.allGenres, target.kind) = (true, true) }
        else if Self.moodKinds.contains(word) { (target.allWishes, target.kind) = (true, true) }
        else if Self.allKinds.contains(word) { (target.allGenres, target.years, target.allWishes, target.kind) = (true, true, true, true) }
        else { return nil }
        return (target, 1)
    }
}
