/// How many films a turn asks to see ("just three", "give me 3 options", "top 5", "three
/// picks only", "five more comedies"): a count, never a wish or a name to look for.
extension RuleInterpreter {
    /// Nouns a count stands before ("3 options", "five picks").
    static let listNouns: Set<String> = [
        "options", "picks", "suggestions", "recommendations", "recs", "films", "movies", "titles", "choices", "results",
        "ideas", "ones", "more",
    ]
    /// Words a count stands after ("just three", "top 5", "give me 3").
    static let countCues: Set<String> = ["just", "only", "top", "give", "show", "list", "suggest", "recommend", "want", "need"]

    /// The count at `index` (1 to 20, in digits or words), with the words it was said with.
    static func count(at index: Int, in words: [String]) -> (count: Int, said: ClosedRange<Int>)? {
        guard let count = Int(TextNormalizer.titleForm(words[index])), (1...20).contains(count) else { return nil }
        let previous = words[safe: index - 1] ?? "", next = words[safe: index + 1] ?? ""
        // A place in the list is no count ("number 3", "the 2 of them").
        // "just the one": a count after all.
        let justThe = previous == "the" && ["just", "only"].contains(words[safe: index - 2] ?? "") && next.isEmpty
        if ["the", "number", "no", "num", "of"].contains(previous) && !justThe || next == "of" { return nil }
        // "the top one", "top one looks good": the list's first, not a list of one.
        if count == 1, previous == "top" || next == "one" && words[safe: index - 1] == "top" { return nil }
        var first = index, last = index
        // "give me 3", "show us five": the cue past "me" or "us".
        let cueAt = ["me", "us"].contains(previous) ? index - 2 : index - 1
        if let cue = words[safe: cueAt], countCues.contains(cue) { first = cueAt }
        if justThe { first = index - 2 }
        if listNouns.contains(next) { last = index + 1 }
        // "three picks only", "3 max".
        if last > index, let after = words[safe: last + 1], ["only", "max", "tops"].contains(after) { last += 1 }
        if ["only", "max", "tops"].contains(next) { last = max(last, index + 1) }
        guard first < index || last > index else { return nil }
        return (count, first...last)
    }

    /// Reads the count of films asked for into `result`, and blanks its words so that no
    /// other reader takes them for a place, a choice, a wish or a name.
    func readCount(_ words: inout [String], into result: inout TurnUnderstanding) {
        for index in words.indices where !words[index].isEmpty {
            guard let (count, said) = Self.count(at: index, in: words) else { continue }
            // "seen the top three already": places of the list, not a count.
            if index > 0, Self.run(at: index - 1, in: words) != nil, Self.reactsToPlaces(words) { continue }
            result.listSize = count
            result.filterPhrases.append(words[said].joined(separator: " "))
            for position in said { words[position] = "" }
            return
        }
    }
}
