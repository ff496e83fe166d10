extension RuleInterpreter {
    /// Every place of the last list a turn names, from its first place (the word at `index`,
    /// read as `first`) on: a run of places ("the first two", "the top three", "the last two")
    /// or a list of them ("1 and 3", "the second and the fourth", "2, 4 and 5", "the first and
    /// last"). A trial's "I already saw the first two" marked one film seen.
    /// - Parameter pauses: per word, whether a comma, colon or dash follows it.
    /// - Returns: the places in order, 1-based; from the end of the list as -1 (the last), -2… .
    static func places(from index: Int, first: Int, in words: [String], pauses: [Bool]) -> [Int] {
        if let run = run(at: index, in: words) { return run }
        var places = [first]
        var next = index + 1
        while true {
            while next < words.count, Vocabulary.placeNouns.contains(words[next]) { next += 1 }
            // Joined by a list word or a comma: "1 and 3", "the second, the fourth".
            var joined = next > 0 && pauses[next - 1]
            while next < words.count, placeJoiners.contains(words[next]) {
                if listWords.contains(words[next]) { joined = true }
                next += 1
            }
            guard joined, next < words.count, let place = listedPlace(at: next, in: words) else { return places }
            if !places.contains(place) { places.append(place) }
            next += 1
        }
    }

    /// Whether digits at `index` start a list of places ("seen 1 and 3", "loved 2, 4 and 5"):
    /// a number alone is not a place ("seen 3"), a list of small numbers joined is.
    static func startsPlaceList(_ words: [String], at index: Int, pauses: [Bool]) -> Bool {
        guard let number = Int(words[index]), (1...10).contains(number), !isTime(words, at: index) else { return false }
        var next = index + 1, joined = pauses[index]
        while next < words.count, placeJoiners.contains(words[next]) {
            if listWords.contains(words[next]) { joined = true }
            next += 1
        }
        return joined && next < words.count && Int(words[next]).map((1...10).contains) == true && !isTime(words, at: next)
    }

    /// Words before places that make them the exception ("all of them except the last").
    /// Not "but" nor "other": "ok but not the second one" turns the second away.
    static let excepting: Set<String> = ["except", "besides", "apart", "excluding"]

    /// Verbs that say a film of the list was seen when its place is said ("saw the first and
    /// last already", "watched 2 and 4"); of a film named, they are no feeling (`Vocabulary.seenCues`).
    static let seenOfPlaces: Set<String> = ["seen", "saw", "watched"]

    /// Whether `words` say something was seen ("already watched", "saw", "i've seen").
    static func saysSeen(_ words: [String]) -> Bool {
        words.contains(where: seenOfPlaces.contains)
            || Vocabulary.contains(Vocabulary.seenCues.map { $0.split(separator: " ").map(String.init) }, in: words)
    }

    /// Whether digits at `index` are a place right after a verb of seeing ("seen 3", "already
    /// watched #2"): not a count of them ("seen 3 of them") nor times ("saw it 2 times").
    static func seenPlace(_ words: [String], at index: Int) -> Bool {
        guard index > 0, seenOfPlaces.contains(words[index - 1]), let number = Int(words[index]), (1...10).contains(number) else { return false }
        let next = words[safe: index + 1] ?? ""
        return next != "of" && !Vocabulary.countUnits.contains(next) && !Vocabulary.times.contains(next) && !RuleInterpreter.listNouns.contains(next)
    }

    /// Whether a turn says something of the films of a run ("seen the top three", "loved the
    /// top two", "not the top 2", "more like the top two"): then "top three" is places, not
    /// how many films to show ("show me the top three").
    static func reactsToPlaces(_ words: [String]) -> Bool {
        // "show me the top 5 I haven't seen", "give me the top three": a count asked for.
        if words.contains(where: ["show", "give", "list", "recommend", "suggest", "pick"].contains) { return false }
        return saysSeen(words) || words.contains(where: ["not", "like", "skip"].contains)
            || Feelings.feeling(of: words) != nil
    }

    /// The places a run says at `index`: "first two" (1, 2), "top 3" (1, 2, 3), "last two"
    /// (-2, -1); nil when no count of 2 to 10 follows "first", "top" or "last".
    static func run(at index: Int, in words: [String]) -> [Int]? {
        guard ["first", "top", "last"].contains(words[index]), let after = words[safe: index + 1],
              let count = Int(TextNormalizer.numberWords[after] ?? (after == "couple" ? "2" : after)), (2...10).contains(count),
              !isTime(words, at: index + 1) else { return nil }
        return words[index] == "last" ? Array((-count)...(-1)) : Array(1...count)
    }

    /// The place a word of a list of places names: an ordinal ("the fourth", "last") or digits.
    private static func listedPlace(at index: Int, in words: [String]) -> Int? {
        if let ordinal = ordinal(words[index]) { return isTime(words, at: index) || !isPlace(words, at: index) ? nil : ordinal }
        guard let number = Int(words[index]), (1...10).contains(number), !isTime(words, at: index) else { return nil }
        return number
    }

    /// Words that join places in a list ("1 and 3", "the second and number four"); not "no",
    /// which corrects more often than it numbers ("the first, no, the second").
    private static let placeJoiners: Set<String> = ["and", "or", "plus", "the", "number", "numbers", "num", "also", "n"]
    /// The words among them that make a list (not "the" alone: "the first the second" is no list).
    private static let listWords: Set<String> = ["and", "or", "plus", "n"]
}
