import CuratorChat
import Testing

/// A question in words about why a listed film is there gets `/why`'s answer.
@Suite("Why questions")
struct WhyQuestionTests {
    private var engine: ConversationEngine { ConversationEngineTests.engine }

    @Test(arguments: [
        ("why did you suggest that?", 1), ("why number 2?", 2), ("what makes you think I'd like it", 1),
        ("how come you picked the third one?", 3), ("Why that one?", 1), ("why #4", 4), ("explain the second one", 2),
        ("what's the reason for number 5?", 5), ("what made you pick that", 1),
    ])
    func aQuestionAboutTheListIsAnsweredAsWhy(question: String, position: Int) {
        var session = ChatSession()
        _ = engine.respond(to: "I loved Heat and Se7en", in: &session)
        let before = session
        let reply = engine.respond(to: question, in: &session)
        #expect(reply.message == engine.why(position: position, in: before), "\(question)")
        #expect(reply.entries.isEmpty && reply.followUp == nil)
        #expect(session.liked == before.liked && session.disliked == before.disliked && session.constraints == before.constraints,
                "a question changes nothing: \(question)")
    }

    @Test func wishesThatStartWithWhyAreWishes() {
        #expect(engine.interpreter.interpret("why not something older?").asksWhy == nil)
        #expect(engine.interpreter.interpret("why not a comedy?").includeGenres == ["Comedy"], "a suggestion, not a refusal")
        #expect(engine.interpreter.interpret("why don't you show me comedies").includeGenres == ["Comedy"])
        #expect(engine.interpreter.interpret("why did you suggest that").asksWhy == 1)
    }

    @Test func beforeAnyListTheAnswerSaysSo() {
        var session = ChatSession()
        let reply = engine.respond(to: "why did you suggest that?", in: &session)
        #expect(reply.message.contains("haven't suggested anything yet"))
    }
}

/// A reason's wording follows its evidence: "viewers who liked X often liked Y" only for a
/// film the recall model put near the top for X.
@Suite("Reasons by evidence")
struct ReasonEvidenceTests {
    static let signalWords = ["often", "tend to pick", "frequent next choice", "go on to"]

    @Test func aFilmFarDownTheRecallListIsNotSaidToBeWhatFansPick() throws {
        var engine = ConversationEngineTests.engine
        engine.strongRecall = 3
        var session = ChatSession()
        let reply = engine.respond(to: "I loved Heat and Se7en", in: &session)
        let deep = reply.entries.filter { $0.recallRank > 3 && $0.anchorID != nil }
        try #require(!deep.isEmpty, "the fixture's premise: some listed films come from deep in recall")
        for entry in deep {
            #expect(!Self.signalWords.contains { entry.reason.contains($0) }, "\(entry.recallRank): \(entry.reason)")
            let position = try #require(reply.entries.firstIndex(of: entry)) + 1
            #expect(engine.why(position: position, in: session).contains("only"), "\(engine.why(position: position, in: session))")
        }
        for entry in reply.entries where entry.recallRank <= 3 && entry.anchorID != nil {
            #expect(!engine.why(position: entry.position, in: session).contains("weak tie"))
        }
    }

    /// In a small catalog "often" needs a high place: the top twentieth (10 at least), not
    /// the first 50 of 242 films.
    @Test func aSmallCatalogsDepthIsATwentiethOfIt() {
        let engine = ConversationEngineTests.engine
        #expect(engine.strongRecallDepth == min(50, max(10, engine.catalog.count / 20)))
        var session = ChatSession()
        let reply = engine.respond(to: "I loved Heat and Se7en", in: &session)
        for entry in reply.entries where entry.recallRank > engine.strongRecallDepth {
            #expect(!Self.signalWords.contains { entry.reason.contains($0) }, "\(entry.recallRank): \(entry.reason)")
        }
    }
}
