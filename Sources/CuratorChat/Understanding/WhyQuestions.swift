/// "Why did you suggest that?", "why number 2?", "what makes you think I'd like it": a
/// question about why a film of the last list is there, answered as `/why` answers it.
///
/// A question word ("why", "how come", "what makes you think") and something that points at
/// the list — a verb of suggesting, a pronoun, a position — in a turn that names no film.
/// "Why not something older?" and "why don't you show me comedies" are wishes, not questions.
///
/// Asking what a listed film is ("the third one, tell me more about it", "what's the second
/// one about?", "more info on the last one") is answered the same way: `/why` gives its
/// description and why it was picked. A trial's such turns got a new list instead.
enum WhyQuestions {
    static let openers: [[String]] = [
        "why", "how come", "what makes you", "what made you", "whats the reason", "what is the reason",
        "whats the connection", "what is the connection", "reason for", "explain",
    ].map { $0.split(separator: " ").map(String.init) }
    /// Words after "why" that make a wish of it.
    static let wishes: Set<String> = ["not", "dont", "cant", "wont", "no"]
    /// Words that point at a film of the list.
    static let pointers: Set<String> = [
        "suggest", "suggested", "suggesting", "suggestion", "recommend", "recommended", "recommending", "recommendation",
        "pick", "picked", "choose", "chose", "chosen", "choice", "show", "showed", "shown", "list", "listed", "include",
        "included", "put", "that", "this", "it", "one", "number", "no", "those", "these", "them", "there", "here",
    ]

    /// Words that may stand around a bare question ("but why?", "how come though", "ok why").
    static let bare: Set<String> = Vocabulary.fillers.union(["but", "so", "though", "tho", "exactly", "huh", "hmm", "again", "really", "lol"])

    /// The position asked about, or nil when `tokens` ask no such question.
    /// - Returns: the place named ("why number 2?"), or nil for the place when the question
    ///   points at a film without one ("why that one?", a bare "why?", "how come?").
    static func position(in tokens: [String]) -> (place: Int?, asked: Bool) {
        let about = aboutPosition(in: tokens)
        if about.asked { return about }
        guard let start = tokens.indices.first(where: { index in openers.contains { Vocabulary.phrase($0, at: index, in: tokens) } })
        else { return (nil, false) }
        let opener = openers.filter { Vocabulary.phrase($0, at: start, in: tokens) }.map(\.count).max() ?? 1
        let rest = tokens[start...]
        if let next = tokens[safe: start + 1], tokens[start] == "why", wishes.contains(next) { return (nil, false) }
        let positions = 1...10
        if let ordinal = rest.lazy.compactMap(RuleInterpreter.ordinal).first { return (ordinal, true) }
        // "why number 2", "why #2", "why 3?".
        if let number = rest.lazy.compactMap({ Int($0) }).first(where: positions.contains) { return (number, true) }
        // "why that one?", and the question alone: "why?", "how come?", "but why".
        let alone = tokens.indices.allSatisfy { (start..<(start + opener)).contains($0) || bare.contains(tokens[$0]) }
        return (nil, alone || rest.contains(where: pointers.contains))
    }

    /// What asks what a film is: "tell me more about", "more info on", "describe", "the plot of".
    static let aboutOpeners: [[String]] = [
        "tell me more", "tell me about", "tell me something about", "tell us more", "tell us about", "more about", "more on",
        "more info", "more information", "more details", "know more", "info on", "info about", "information on",
        "information about", "details on", "details about", "details of", "describe", "plot of", "synopsis", "summary of",
        "whats the plot", "what is the plot", "what happens in",
    ].map { $0.split(separator: " ").map(String.init) }
    /// "What's the second one about?", "what is it like?": a question closed by "about" or "like"
    /// (where "what's" opens it or stands after a place: "number 3, what is it about").
    static let whatOpeners: [[String]] = [["whats"], ["what", "is"], ["what", "s"], ["whats", "that"]]
    /// Words that point at one film of the list without its place ("tell me more about it").
    static let pronouns: Set<String> = ["it", "that", "this"]

    /// The film a question about what a listed film is points at: its place anywhere in the
    /// turn ("the third one, tell me more about it", "what's number 2 about", "more info on the
    /// last one"), or nil for the place when a pronoun points at it ("tell me more about that
    /// one"); not asked when the turn asks no such question, or points at nothing ("tell me
    /// more about dark films" is a wish).
    static func aboutPosition(in tokens: [String]) -> (place: Int?, asked: Bool) {
        let words = Array(tokens.drop { Vocabulary.fillers.contains($0) })
        let opened = words.indices.contains { index in aboutOpeners.contains { Vocabulary.phrase($0, at: index, in: words) } }
        // "what's it about?" anywhere: "the 2nd one - what's it about?".
        let closed = words.indices.contains { index in whatOpeners.contains { Vocabulary.phrase($0, at: index, in: words) } }
            && words.last { !bare.contains($0) }.map { ["about", "like"].contains($0) } == true
        guard opened || closed else { return (nil, false) }
        if let place = words.indices.lazy.compactMap({ place(at: $0, in: words) }).first { return (place, true) }
        // A pronoun after "like" is a likeness, and films or "something" asked for are a wish:
        // "tell me more films like it", "what's something that I'd like" ask for a list.
        let wish = words.contains(where: ["films", "movies", "ones", "something", "anything"].contains)
        return (nil, !wish && words.indices.contains { pronouns.contains(words[$0]) && ($0 == 0 || words[$0 - 1] != "like") })
    }

    /// The place in the last list a word at `index` names: an ordinal ("the third one", "the
    /// last one", not "last time"), "top one", or digits ("number 2", "#2", "2").
    static func place(at index: Int, in words: [String]) -> Int? {
        if RuleInterpreter.isTopPlace(words, at: index) { return 1 }
        if let ordinal = RuleInterpreter.ordinal(words[index]), !RuleInterpreter.isTime(words, at: index),
           RuleInterpreter.isPlace(words, at: index) { return ordinal }
        guard let number = Int(words[index]), (1...10).contains(number), !RuleInterpreter.isTime(words, at: index) else { return nil }
        // Digits are a place after "number" or standing as one ("about 2", "2 - what's it about"),
        // not a count of something ("tell me about 3 comedies").
        let next = words[safe: index + 1]
        return index > 0 && ["number", "no", "num"].contains(words[index - 1]) || next == nil || next == "one"
            || next.map(Vocabulary.placeNouns.contains) == true || next.map(bare.contains) == true || aboutWords.contains(next ?? "") ? number : nil
    }

    /// Words that may follow a place in a question about it ("is 2 about", "2 like").
    private static let aboutWords: Set<String> = ["about", "like", "whats", "what", "tell", "is"]
}
