/// "Why did you suggest that?", "why number 2?", "what makes you think I'd like it": a
/// question about why a film of the last list is there, answered as `/why` answers it.
///
/// A question word ("why", "how come", "what makes you think") and something that points at
/// the list — a verb of suggesting, a pronoun, a position — in a turn that names no film.
/// "Why not something older?" and "why don't you show me comedies" are wishes, not questions.
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
}
