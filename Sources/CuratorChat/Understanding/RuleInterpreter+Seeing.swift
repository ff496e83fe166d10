/// A turn that asks to be shown a series ("give me all the Godfather films", "list every Star
/// Wars movie you have"): its films are listed as they are (`TurnUnderstanding.seriesShown`).
extension RuleInterpreter {
    /// Words that ask to be shown films ("give me", "list", "which … do you have").
    static let seeing: Set<String> = ["give", "gimme", "show", "list", "which", "have", "got", "name", "see", "display"]

    /// Whether a clause asks to be shown what it names, saying no feeling of it ("give me all
    /// the godfather films", "which star trek movies do you have"; not "I have seen all the
    /// alien films", nor "more like the godfather trilogy").
    static func asksToSee(_ words: [String]) -> Bool {
        words.contains(where: seeing.contains) && Feelings.feeling(of: words) == nil
    }
}
