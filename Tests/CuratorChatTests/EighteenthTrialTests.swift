import CuratorCore
import Testing
@testable import CuratorChat

/// Defects an eighteenth stranger's trial found (six personas, both catalogs), each at its root.
@Suite struct EighteenthTrialTests {
    static let catalog = [
        Item(id: "wick", title: "John Wick", year: 2014, genres: ["Action", "Thriller"], text: "A retired hitman.", tags: ["violent"]),
        Item(id: "alien", title: "Alien", year: 1979, genres: ["Horror", "Sci-Fi"], text: "A crew meets a creature.", tags: ["violent", "space"]),
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Crime", "Thriller"], text: "A heist crew and a detective.", tags: ["slow-burn"]),
        Item(id: "aliens", title: "Aliens", year: 1986, genres: ["Action", "Sci-Fi"], text: "Marines meet creatures.", tags: ["space"]),
    ]
    let interpreter = RuleInterpreter(catalog: Self.catalog)

    /// "I loved Alien but I can't stand gore" had turned Alien away: the user's own clause about
    /// something else is no verdict on the film before.
    @Test(arguments: [("I loved John Wick but I can't stand violence", "wick"), ("I loved Alien but I can't stand gore", "alien"),
                      ("I enjoyed Heat, I just can't stand slow films", "heat")])
    func aDislikeOfSomethingElseKeepsTheFilmLiked(text: String, film: String) {
        let understanding = interpreter.interpret(text)
        let liked = understanding.mentions.filter { $0.feeling == .liked && $0.stated }.flatMap(\.items).map { Self.catalog[Int($0)].id }
        #expect(liked == [film], "\(text): \(understanding.mentions)")
        #expect(!understanding.avoidedWishes.isEmpty, "\(text): what is not stood is left out")
    }

    /// One that refers back still judges the film, and a film named after "but" keeps its own feeling.
    @Test func aClauseReferringBackStillJudgesTheFilm() {
        #expect(interpreter.interpret("I loved heat but i found it too long").mentions.first?.feeling == .disliked)
        let sequel = interpreter.interpret("i loved alien but i hated aliens").mentions
        #expect(sequel.map(\.feeling) == [.liked, .disliked])
    }

    /// "sumthin stupid funny" had turned comedies away (and Mean Girls with them); "stupid"
    /// before a genre or praise only says how much.
    @Test(arguments: ["I want something stupid funny", "sumthin stupid funny pls", "something insanely funny"])
    func aSlangDegreeIsNoDislike(text: String) {
        let understanding = RuleInterpreter(catalog: Self.catalog + [Item(id: "superbad", title: "Superbad", year: 2007, genres: ["Comedy"])])
            .interpret(text)
        #expect(understanding.includeGenres == ["Comedy"] && understanding.excludeGenres.isEmpty, "\(text)")
    }

    @Test func somethingLikeTypedAsTextedIsALikeness() {
        let understanding = interpreter.interpret("bruh i need sumthin like heat or alien")
        #expect(understanding.mentions.count == 2 && understanding.mentions.allSatisfy { !$0.stated }, "\(understanding.mentions)")
    }

    /// "is it ok for a five year old" had read "old" as an era: films up to 1979 for a child.
    @Test func anAgeInWordsIsAChildNotAnEra() {
        let understanding = interpreter.interpret("is it ok for a five year old")
        #expect(understanding.maxYear == nil && understanding.minYear == nil)
    }

    /// Aversions said at length are turned away, never wished for.
    @Test(arguments: ["I loved Heat, though I have little patience for violence", "no patience whatsoever for excessive violence",
                      "she h8s gore", "neither of us wants anything violent", "im sick of violent films"])
    func anAversionIsTurnedAway(text: String) {
        let understanding = interpreter.interpret(text)
        #expect(understanding.avoidedWishes == ["violent"] && !understanding.wishes.contains("violent"), "\(text): \(understanding.wishes)")
        #expect(understanding.unreadExclusions.isEmpty, "\(text): \(understanding.unreadExclusions)")
    }

    /// "OK, skip Coco then" had asked for more like Coco: a film skipped is left out.
    @Test func aFilmSkippedIsLeftOut() {
        let skipped = interpreter.interpret("OK, skip Heat then and show me a couple of others").mentions
        #expect(skipped.map(\.feeling) == [.disliked] && skipped.allSatisfy(\.stated), "\(skipped)")
        #expect(interpreter.interpret("skip alien, seen it").mentions.map(\.feeling) == [.seen])
        // At the start of a turn, with no word before: no index out of range.
        #expect(interpreter.interpret("skip").mentions.isEmpty)
    }

    /// "which of these is the funniest?" had set a Comedy filter that stayed: a question about the
    /// list is answered from it.
    @Test(arguments: ["which of these is the funniest?", "which one is scariest", "which of them is a comedy"])
    func aQuestionAboutTheListIsRead(text: String) {
        #expect(interpreter.interpret(text).asksWhichShown, "\(text)")
    }

    @Test func aListOfFilmsIsNoQuestion() {
        #expect(!interpreter.interpret("which is better, heat or alien?").asksWhichShown)
        #expect(!interpreter.interpret("the one which is funniest").asksWhichShown)
    }

    // A review's cases, each a sentence that had gone wrong.

    /// "I loved Heat, never seen anything like it" had made Heat new to the user.
    @Test func neverSeenAnythingLikeItIsPraise() {
        let heat = interpreter.interpret("I loved Heat, never seen anything like it").mentions
        #expect(heat.map(\.feeling) == [.liked] && heat.allSatisfy { !$0.unseen }, "\(heat)")
    }

    /// A clause of the user's own judges the film before unless a verb of feeling has an object of its own.
    @Test func aFirstPersonClauseWithoutAnObjectStillJudgesTheFilm() {
        #expect(interpreter.interpret("I watched Heat but I was bored").mentions.map(\.feeling) == [.disliked])
        #expect(interpreter.interpret("Heat, I really loved.").mentions.map(\.feeling) == [.liked])
    }

    /// "and something like heat?" after "i hated titanic" asks for more like Heat: no echoed dislike.
    @Test func aLikenessIsNoEcho() {
        let heat = interpreter.interpret("and something like heat?", after: ["i hated alien"]).mentions
        #expect(heat.count == 1 && !heat[0].stated, "\(heat)")
    }

    /// "at least ten years old" is a film's age, not a child's.
    @Test func aFilmsAgeIsNoChild() {
        #expect(interpreter.interpret("something at least ten years old").includeGenres.isEmpty)
    }

    /// "what year is heat? also show me some 90s comedies" had answered the year and dropped the rest.
    @Test func aQuestionBesideTheRestOfTheTurnLetsItBeRead() {
        let understanding = RuleInterpreter(catalog: Self.catalog + [Item(id: "airplane", title: "Airplane!", year: 1980, genres: ["Comedy"])])
            .interpret("what year is heat? also show me some comedies from the 90s")
        #expect(understanding.filmQuestion != nil && understanding.includeGenres == ["Comedy"] && understanding.minYear == 1990)
        #expect(understanding.mentions.isEmpty, "the film asked about is no like: \(understanding.mentions)")
    }

    /// "Great, we'll go with the second one. Thanks!" had been noted a like and answered with a
    /// new list: choosing a film to watch is no like.
    @Test(arguments: [("Great, we'll go with the second one. Thanks!", 2), ("ok we'll try the fourth, thanks", 4),
                      ("lets watch number 2", 2), ("I'll take the 3rd", 3)])
    func choosingAFilmToWatchIsNoLike(text: String, place: Int) {
        let understanding = interpreter.interpret(text)
        #expect(understanding.choosesToWatch == place, "\(text)")
    }

    @Test func aLikenessIsNoChoice() {
        #expect(interpreter.interpret("lets watch something like the second").choosesToWatch == nil)
        #expect(interpreter.interpret("not the second, we'll watch the third").choosesToWatch == nil)
    }

    /// "he loved die hard, i am more into comedies" had noted Die Hard as the user's like; "my dad
    /// loved jaws, i found it boring" now says both feelings, each its holder's.
    @Test func theUsersOwnClauseAfterAnothersKeepsEachFeelingItsOwn() {
        let his = interpreter.interpret("he loved heat, i am more into comedies").mentions
        #expect(his.count == 1 && his[0].holder != nil, "\(his)")
        let both = interpreter.interpret("my dad loved alien, i found it boring").mentions
        #expect(both.contains { $0.holder != nil && $0.feeling == .liked } && both.contains { $0.holder == nil && $0.feeling == .disliked }, "\(both)")
    }

    @Test func sadderIsTheSadMood() {
        #expect(interpreter.moodTag("sadder") == "bittersweet")
    }
}

