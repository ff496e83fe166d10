/// Wishes about a film's length: "not too long", "under two hours", "something short", "a
/// quick one", "less than 90 minutes". No catalog here knows running times, so the reply says
/// so plainly instead of dropping the wish in silence; the words are read as nothing else
/// ("not too long" is not a refusal of the list).
enum RunningTimePhrases {
    static let units: Set<String> = ["hour", "hours", "hr", "hrs", "minutes", "minute", "mins", "min"]
    static let nouns: Set<String> = ["runtime", "runtimes", "length", "running", "duration"]
    static let lengths: Set<String> = ["long", "longer", "lengthy", "short", "shorter", "shortish", "quick", "brief"]
    /// Words before a length that make it a wish ("too long", "something short").
    static let leads: Set<String> = [
        "too", "not", "nothing", "something", "anything", "a", "under", "less", "than", "over", "more", "no", "isnt",
        "that", "thats", "very", "really", "super", "bit", "kind", "of", "fairly", "quite", "pretty", "to", "so",
    ]
    /// Words after a length that make it a wish ("short one", "long film").
    static let follows: Set<String> = ["", "one", "ones", "film", "films", "movie", "movies", "please", "watch", "pls", "then", "either"]
    /// Spans of the user's own time a length word may be about ("it's been a long week", "a
    /// long day at work", "for a long time", "short notice"): no wish about the film.
    static let ownTime: Set<String> = [
        "week", "weeks", "day", "days", "night", "nights", "month", "months", "year", "years", "time", "while", "weekend",
        "shift", "shifts", "trip", "drive", "flight", "journey", "commute", "haul", "wait", "story", "notice", "term", "run",
    ]

    /// Reads a wish about length in one clause's words; blanks the words it used.
    /// - Parameter tagged: whether a length word is one of the catalog's tags ("short" on a
    ///   catalog of books tagged so): then it is that tag, read as a mood, not a running time.
    /// - Returns: whether the clause asks about running time.
    static func read(_ words: inout [String], sparing tagged: (String) -> Bool = { _ in false }) -> Bool {
        var found = false
        for index in words.indices {
            let word = words[index], next = words[safe: index + 1] ?? "", previous = index > 0 ? words[index - 1] : ""
            let isUnit = units.contains(word) && (Int(previous) != nil || ["an", "one", "two", "three", "few", "couple"].contains(previous))
            // "it took so long", "so long!": how long something else was, or a goodbye; "not so long" is a wish.
            let soLong = previous == "so" && next.isEmpty && !["not", "nothing", "isnt", "too"].contains(words[safe: index - 2] ?? "")
            let isLength = lengths.contains(word) && !tagged(word) && (leads.contains(previous) || follows.contains(next)) && !ownTime.contains(next) && !soLong
            guard isUnit || nouns.contains(word) && (word != "running" || ["time", "times"].contains(next)) || isLength else { continue }
            found = true
            var start = index
            while start > 0, leads.contains(words[start - 1]) || Int(words[start - 1]) != nil
                || ["an", "one", "two", "three", "half", "and", "few", "couple"].contains(words[start - 1]) { start -= 1 }
            var end = index + 1
            while end < words.count, ["time", "times", "one", "ones", "please"].contains(words[end]) { end += 1 }
            for position in start..<end { words[position] = "" }
        }
        return found
    }
}
