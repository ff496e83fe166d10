import CuratorChat
import CuratorCore
import Testing

/// A film named that the catalog lacks is said to be missing, never swapped for the film
/// whose title the name starts with.
@Suite("Missing titles")
struct MissingTitleTests {
    static let catalog: [Item] = [
        Item(id: "diehard", title: "Die Hard", year: 1988, genres: ["Action"]),
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Crime"]),
        Item(id: "alien", title: "Alien", year: 1979, genres: ["Horror", "Sci-Fi"]),
        Item(id: "matrix", title: "The Matrix", year: 1999, genres: ["Sci-Fi"]),
        Item(id: "toystory", title: "Toy Story", year: 1995, genres: ["Animation"]),
        Item(id: "toystory2", title: "Toy Story 2", year: 1999, genres: ["Animation"]),
    ]
    let interpreter = RuleInterpreter(catalog: Self.catalog)

    @Test(arguments: [
        ("i loved die hard with a vengeance", "die hard with a vengeance", "diehard"),
        ("die hard with a vengeance was great", "die hard with a vengeance", "diehard"),
        ("the matrix resurrections bored me", "the matrix resurrections", "matrix"),
        ("I liked The Matrix Reloaded", "the matrix reloaded", "matrix"),
        ("alien covenant was awful", "alien covenant", "alien"),
    ])
    func aLongerNameIsNotTheFilmItStartsWith(text: String, missing: String, nearest: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.isEmpty, "\(text)")
        #expect(reading.missingTitles.map(\.text) == [missing], "\(text)")
        #expect(reading.missingTitles.first?.nearest.map { Self.catalog[Int($0)].id } == [nearest])
    }

    @Test(arguments: [
        "i watched heat with my dad and loved it", "I loved alien on netflix", "loved heat with a friend",
        "heat was amazing honestly", "loved die hard, what else", "die hard again tonight",
    ])
    func everydayWordsAfterATitleAreTheSentenceGoingOn(text: String) {
        let reading = interpreter.interpret(text)
        #expect(reading.mentions.count == 1 && reading.missingTitles.isEmpty, "\(text)")
    }

    @Test func theReplySaysTheFilmIsMissing() {
        var session = ChatSession()
        let engine = ConversationEngineTests.engine
        let reply = engine.respond(to: "i loved toy story 3", in: &session)
        #expect(reply.message.contains("I couldn't find \"toy story 3\""), "\(reply.message)")
        #expect(session.liked.isEmpty)
    }
}
