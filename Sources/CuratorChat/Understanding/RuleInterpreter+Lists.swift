/// A list of genres and moods turned away together: "i hate horror, sci-fi and war films",
/// "not a fan of musicals, or westerns", "not in the mood for anything sad or slow". The
/// negation stands before the first; the others are joined to it by list words and commas
/// only, so it reaches them all (a trial's lists had left out only the first and asked for
/// the rest). A list joined by commas alone is none: "no horror, comedy please" asks for comedy.
extension RuleInterpreter {
    /// Whether the genre or mood starting at `index` stands in a list after one turned away.
    /// - Parameter pauses: per word, whether a comma, colon or dash follows it.
    func turnedAwayInList(at index: Int, in words: [String], pauses: [Bool]) -> Bool {
        // No list before it: nothing to read (most turns).
        guard pauses[..<index].contains(true) || words[..<index].contains(where: ["and", "or", "nor"].contains) else { return false }
        // A list is read around the word only: a long turn is not read whole for each of its genres.
        let spans = kindSpans(in: words, from: max(0, index - 40), to: min(words.count, index + 20))
        guard let position = spans.firstIndex(where: { $0.lowerBound == index }), position > 0 else { return false }
        var first = position, joinedByAListWord = false
        while first > 0, let listWord = join(spans[first - 1], spans[first], in: words, pauses: pauses) {
            joinedByAListWord = joinedByAListWord || listWord
            first -= 1
        }
        guard first < position else { return false }
        // The list goes on after it with "and"/"or" ("horror, sci-fi and war"): a list all the same.
        var last = position
        while !joinedByAListWord, last + 1 < spans.count, let listWord = join(spans[last], spans[last + 1], in: words, pauses: pauses) {
            joinedByAListWord = listWord
            last += 1
        }
        guard joinedByAListWord else { return false }
        return spans[first..<position].contains { span in
            var start = max(0, span.lowerBound - 7)
            for word in start..<span.lowerBound where pauses[word] { start = word + 1 }
            return Self.turnsAway(Array(words[start..<span.lowerBound]))
        }
    }

    /// The words of each genre or mood named between `from` and `to`, in order.
    private func kindSpans(in words: [String], from: Int, to: Int) -> [Range<Int>] {
        var spans: [Range<Int>] = [], index = from
        while index < to {
            guard let length = genreWords(at: index, in: words)?.length ?? moodTag(at: index, in: words)?.length else {
                index += 1
                continue
            }
            spans.append(index..<(index + length))
            index += length
        }
        return spans
    }

    /// Whether two names stand in one list: nothing between them but a noun for films
    /// ("horror films, or war movies") and a comma or one list word; nil when they do not,
    /// else whether a list word ("and", "or", "nor") joins them.
    private func join(_ before: Range<Int>, _ after: Range<Int>, in words: [String], pauses: [Bool]) -> Bool? {
        let gap = before.upperBound..<after.lowerBound
        let between = words[gap].filter { !Vocabulary.kindNouns.contains($0) && !$0.isEmpty }
        if between.count == 1, ["and", "or", "nor"].contains(between[0]) { return true }
        // "nothing scary or anything sad", "not a horror or a comedy" (but "no horror and a comedy" asks for one).
        if between.count == 2, ["or", "nor"].contains(between[0]), ["a", "an", "any", "anything"].contains(between[1]) { return true }
        // "no romance, musicals and no kids films": the last turned away again, still the list's.
        if between.count == 2, ["and", "or"].contains(between[0]), ["no", "not"].contains(between[1]) { return true }
        let paused = ((before.upperBound - 1)..<after.lowerBound).contains { pauses[$0] }
        return between.isEmpty && paused ? false : nil
    }
}
