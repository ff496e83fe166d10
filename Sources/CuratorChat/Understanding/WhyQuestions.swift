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

    /// The position asked about (1 when none is named), or nil when `tokens` ask no such question.
    static func position(in tokens: [String]) -> Int? {
        guard let start = tokens.indices.first(where: { index in openers.contains { Vocabulary.phrase($0, at: index, in: tokens) } })
        else { return nil }
        let rest = tokens[start...]
        if let next = tokens[safe: start + 1], tokens[start] == "why", wishes.contains(next) { return nil }
        let positions = 1...10
        guard rest.contains(where: { pointers.contains($0) || RuleInterpreter.ordinal($0) != nil || Int($0).map(positions.contains) == true })
        else { return nil }
        if let ordinal = rest.lazy.compactMap(RuleInterpreter.ordinal).first { return ordinal }
        // "why number 2", "why #2", "why 3?".
        if let number = rest.lazy.compactMap({ Int($0) }).first(where: positions.contains) { return number }
        return 1
    }
}
