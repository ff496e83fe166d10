import CuratorChat
import Testing

/// Letting go of a constraint in plain words: a genre, the year range, a mood, or a whole kind.
@Suite("Constraint lifts")
struct ConstraintLiftTests {
    private var engine: ConversationEngine { ConversationEngineTests.engine }

    /// The session's constraints after each turn, from a fresh session.
    private func constraints(after turns: [String]) -> Constraints {
        var session = ChatSession()
        for turn in turns { _ = engine.respond(to: turn, in: &session) }
        return session.constraints
    }

    @Test(arguments: ["forget horror", "forget about the horror thing", "horror doesn't matter", "drop horror", "never mind the horror"])
    func aGenreDroppedIsNeitherExcludedNorAsked(turn: String) {
        let after = constraints(after: ["I loved Heat, no horror, something from the 90s", turn])
        #expect(after.excludeGenres.isEmpty && after.genreGroups.isEmpty, "\(turn)")
        #expect(after.minYear == 1990 && after.maxYear == 1999, "the year range stays: \(turn)")
        let asked = constraints(after: ["I loved Heat, something scary", turn])
        #expect(asked.genreGroups.isEmpty && asked.excludeGenres.isEmpty, "a genre asked for goes too: \(turn)")
    }

    @Test(arguments: ["any year is fine", "forget the decade", "drop the 90s thing", "I don't care about the year", "the decade doesn't matter", "it doesn't have to be from the 90s"])
    func theYearRangeDropped(turn: String) {
        let after = constraints(after: ["I loved Heat, a thriller from the 90s", turn])
        #expect(after.minYear == nil && after.maxYear == nil, "\(turn)")
        #expect(after.genreGroups == [["Thriller"]], "the genre stays: \(turn)")
    }

    @Test(arguments: ["genre doesn't matter", "any genre is fine", "whatever genre", "let's not worry about the genre"])
    func everyGenreConstraintDropped(turn: String) {
        let after = constraints(after: ["I loved Heat, a comedy, no horror, from the 80s", turn])
        #expect(after.genreGroups.isEmpty && after.excludeGenres.isEmpty, "\(turn)")
        #expect(after.minYear == 1980, "\(turn)")
    }

    @Test func aMoodDroppedAndTheReplySaysWhatWent() {
        var session = ChatSession()
        _ = engine.respond(to: "I loved Heat, something dark", in: &session)
        #expect(session.constraints.wishes == ["dark"])
        let reply = engine.respond(to: "forget dark", in: &session)
        #expect(session.constraints.wishes.isEmpty)
        #expect(reply.message.contains("Dropped: dark") && reply.message.contains("Looking for: anything"), "\(reply.message)")
    }

    /// "Actually horror is fine" after "no horror" lifts the exclusion; it does not ask for horror.
    @Test(arguments: ["actually horror is fine", "horror is ok after all", "I don't mind horror actually", "I'm fine with horror now"])
    func aGenreAllowedAgainIsNotRequired(turn: String) {
        let after = constraints(after: ["I loved Heat, no horror", turn])
        #expect(after.excludeGenres.isEmpty, "\(turn)")
        #expect(after.genreGroups.isEmpty, "allowed, not asked for: \(turn)")
    }

    @Test func aLiftIsReadAsNothingElse() {
        let reading = engine.interpreter.interpret("forget horror, something from the 80s")
        #expect(reading.lift.genres == ["Horror"])
        #expect(reading.includeGenres.isEmpty && reading.excludeGenres.isEmpty)
        #expect(reading.minYear == 1980 && reading.maxYear == 1989, "the next phrase is read as before")
        #expect(engine.interpreter.interpret("drop the 90s thing").minYear == nil)
        #expect(engine.interpreter.interpret("any horror from the 90s?").includeGenres == ["Horror"], "\"any\" lifts only a whole kind")
        #expect(engine.interpreter.interpret("I don't care for horror").excludeGenres == ["Horror"], "a dislike, not a lift")
    }
}

/// A mood at the other end of an axis replaces the one asked before; moods at one end add up.
@Suite("Mood axes")
struct MoodAxisTests {
    private var engine: ConversationEngine { ConversationEngineTests.engine }

    @Test(arguments: [
        ("something lighter", "darker", ["dark"]), ("something dark", "actually lighter please", ["feel-good"]),
        ("something uplifting", "now something grim", ["dark"]), ("something cheerful", "bleak", ["dark"]),
        ("something dark", "a heist maybe", ["dark", "heist"]), ("something lighter", "no wait, darker", ["dark"]),
        ("something bleak", "no wait something cheerful", ["feel-good"]),
    ])
    func aNewMoodOnTheSameAxisReplacesTheOld(first: String, then: String, wishes: [String]) {
        var session = ChatSession()
        _ = engine.respond(to: "I loved Heat, " + first, in: &session)
        let reply = engine.respond(to: then, in: &session)
        #expect(session.constraints.wishes == wishes, "\(first) → \(then)")
        #expect(!reply.entries.isEmpty, "a list, not 'nothing fits'")
    }
}
