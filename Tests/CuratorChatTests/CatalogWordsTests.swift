import CuratorCore
import Testing
@testable import CuratorChat

/// Words a stranger's sixteenth trial saw read against the catalog wrongly: a tag the catalog
/// has in another form taken for a person, a tag answered by years with a note that no film has
/// it, one word for two genres read as either, and "newer" beside a film read as the catalog's era.
@Suite struct CatalogWordsTests {
    static let catalog = [
        Item(id: "shawshank", title: "The Shawshank Redemption", year: 1994, genres: ["Crime", "Drama"],
             text: "Two imprisoned men bond over a number of years.", tags: ["prison", "hope"]),
        Item(id: "strangelove", title: "Dr. Strangelove", year: 1964, genres: ["Comedy", "War"],
             text: "A general goes mad and orders a nuclear strike.", tags: ["satire", "black and white"]),
        Item(id: "falcon", title: "The Maltese Falcon", year: 1941, genres: ["Film-Noir", "Mystery"],
             text: "A private detective takes on a case.", tags: ["detective", "black and white"]),
        Item(id: "suspects", title: "The Usual Suspects", year: 1995, genres: ["Crime", "Mystery", "Thriller"],
             text: "A sole survivor tells of the twisty events.", tags: ["twist ending"]),
        Item(id: "memento", title: "Memento", year: 2000, genres: ["Mystery", "Thriller"],
             text: "A man with short-term memory loss hunts a killer.", tags: ["twist ending"]),
        Item(id: "harry", title: "When Harry Met Sally...", year: 1989, genres: ["Comedy", "Romance"],
             text: "Two friends wonder whether men and women can be friends.", tags: ["new york"]),
        Item(id: "notebook", title: "The Notebook", year: 2004, genres: ["Drama", "Romance"],
             text: "A poor young man falls in love with a rich young woman.", tags: ["tearjerker"]),
    ]

    /// "anything with prisons?" had said no film has “prisons” (this catalog lists no cast or
    /// crew), then shown the two that fit “prison”.
    @Test(arguments: ["anything with prisons?", "something with a prison", "movies with prisons in them"])
    func aTagInAnotherFormIsNoName(text: String) {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret(text)
        #expect(understanding.wishes == ["prison"], "\(text): \(understanding.wishes)")
        #expect(understanding.names.isEmpty, "\(text): \(understanding.names)")
    }

    /// A catalog that tags films "black and white" answers with the tag; its note had said
    /// "No film here is marked black and white" beside four films tagged so.
    @Test func blackAndWhiteIsTheTagWhereTheCatalogHasIt() {
        let interpreter = RuleInterpreter(catalog: Self.catalog)
        let asked = interpreter.interpret("something in black and white")
        #expect(asked.wishes == ["black and white"] && asked.colourByYears == nil && asked.minYear == nil && asked.maxYear == nil,
                "\(asked.wishes) \(String(describing: asked.maxYear))")
        let away = interpreter.interpret("nothing in black and white please")
        #expect(away.avoidedWishes == ["black and white"] && away.colourByYears == nil && away.minYear == nil)
        // "old" before it is still an era.
        #expect(interpreter.interpret("old black and white detective movies").maxYear != nil)
        // Without the tag, the years stand in, and the note says so.
        let untagged = Self.catalog.map { Item(id: $0.id, title: $0.title, year: $0.year, genres: $0.genres, text: $0.text) }
        let byYears = RuleInterpreter(catalog: untagged).interpret("something in black and white")
        #expect(byYears.colourByYears == "black and white" && byYears.maxYear != nil)
    }

    /// "i love a good romcom" was read as "Comedy or Romance" (Pulp Fiction and Toy Story 3 listed).
    @Test(arguments: ["i love a good romcom", "any romcoms from the 80s?"])
    func aRomcomIsBothGenres(text: String) {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret(text)
        #expect(understanding.includeGenres == ["Comedy", "Romance"], "\(text)")
        #expect(Set(understanding.genreGroups) == [["Comedy"], ["Romance"]], "\(text): \(understanding.genreGroups)")
    }

    /// "a comedy from 1994" had been a lower bound (films of 1995 and 1996 listed), and "films made
    /// in 1977" no year at all: a year said after "from" or "in" is that year; "from 1994 on" and
    /// "since 1994" are bounds, and "nothing from 1994" leaves that year out.
    @Test(arguments: [("a comedy from 1994", 1994, 1994), ("films made in 1977", 1977, 1977), ("the best films from 1994", 1994, 1994),
                      ("something from 1994 onwards", 1994, nil), ("since 1994", 1994, nil), ("from 1975 to 1985", 1975, 1985)]
          as [(String, Int?, Int?)])
    func aYearAfterFromIsThatYear(text: String, minYear: Int?, maxYear: Int?) {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret(text)
        #expect(understanding.minYear == minYear && understanding.maxYear == maxYear, "\(text): \(String(describing: understanding.minYear))–\(String(describing: understanding.maxYear))")
    }

    @Test func nothingFromAYearLeavesItOut() {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret("nothing from 1994")
        #expect(understanding.excludedYears == [1994...1994] && understanding.maxYear == nil && understanding.minYear == nil)
    }

    /// "movies like the usual suspects but newer" had been read "from 1990": the film's own
    /// decade, which let Se7en (1995) in. Newer than the film is after its year.
    @Test func newerBesideAFilmIsNewerThanIt() {
        let interpreter = RuleInterpreter(catalog: Self.catalog)
        #expect(interpreter.interpret("movies like the usual suspects but newer").minYear == 1996)
        #expect(interpreter.interpret("something like memento, but older").maxYear == 1999)
        // A year said wins, and alone "newer" is the catalog's era.
        #expect(interpreter.interpret("like the usual suspects but newer, 2003 maybe").minYear == 2003)
        let alone = interpreter.interpret("something newer")
        #expect(alone.minYear != nil && alone.minYear != 1996)
    }
}

/// "I liked Casablanca", then "star wars too": the feeling of the turn before, said again. It
/// had been "More like Star Wars, then", with no like noted (a stranger's sixteenth trial).
@Suite struct FeelingEchoedAcrossTurnsTests {
    static let catalog = [
        Item(id: "casablanca", title: "Casablanca", year: 1942, genres: ["Drama", "Romance", "War"]),
        Item(id: "star-wars", title: "Star Wars", year: 1977, genres: ["Action", "Sci-Fi"]),
        Item(id: "titanic", title: "Titanic", year: 1997, genres: ["Drama", "Romance"]),
        Item(id: "patient", title: "English Patient, The", year: 1996, genres: ["Drama", "Romance", "War"]),
    ]

    @Test(arguments: ["star wars too", "and star wars", "also star wars", "star wars as well", "same for star wars"])
    func aFilmEchoingTheTurnBeforeHasItsFeeling(text: String) {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret(text, after: ["I liked Casablanca"])
        #expect(understanding.mentions.map(\.items) == [[1]], "\(text)")
        #expect(understanding.mentions.first?.feeling == .liked && understanding.mentions.first?.stated == true, "\(text)")
    }

    @Test func aDislikeIsEchoedToo() {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret("the english patient too", after: ["i hated titanic"])
        #expect(understanding.mentions.first?.feeling == .disliked && understanding.mentions.first?.stated == true)
    }

    /// Named alone, or after a turn that said no feeling, it is still a film to find more like of.
    @Test func noEchoWithoutAFeelingBefore() {
        let interpreter = RuleInterpreter(catalog: Self.catalog)
        #expect(interpreter.interpret("star wars", after: ["I liked Casablanca"]).mentions.first?.stated == false)
        #expect(interpreter.interpret("star wars too", after: ["something romantic"]).mentions.first?.stated == false)
        #expect(interpreter.interpret("star wars too", after: ["my wife loved casablanca"]).mentions.first?.stated == false)
    }
}

/// "Can you recommend a good Hitchcock movie?" had listed films with "good" in their words and
/// said nothing of Hitchcock, whom a catalog of titles, years and genres cannot know.
@Suite struct PersonsFilmTests {
    @Test(arguments: ["Can you recommend a good Hitchcock movie? I like suspense", "any Spielberg films from the 80s?",
                      "is there a Kubrick film here"])
    func aCapitalisedNameBeforeFilmIsAPerson(text: String) {
        let catalog = [Item(id: "psycho", title: "Psycho", year: 1960, genres: ["Horror", "Thriller"])]
        let understanding = RuleInterpreter(catalog: catalog).interpret(text)
        #expect(understanding.asksAboutPeople && understanding.unsearchable.isEmpty, "\(text): \(understanding.unsearchable)")
        #expect(understanding.mentions.isEmpty && understanding.missingTitles.isEmpty, "\(text)")
    }

    @Test func aGenreOrAWordBeforeFilmIsNoPerson() {
        let catalog = [Item(id: "psycho", title: "Psycho", year: 1960, genres: ["Horror", "Thriller"])]
        for text in ["a good horror movie", "I want a Horror film", "something like a feel good movie"] {
            #expect(!RuleInterpreter(catalog: catalog).interpret(text).asksAboutPeople, "\(text)")
        }
    }
}

/// "something else that hits like that but for grown ups", after Up, had listed five more
/// animated family films: films for adults leave the children's genres out.
@Suite struct GrownUpsTests {
    static let catalog = [
        Item(id: "up", title: "Up", year: 2009, genres: ["Animation", "Children", "Adventure"]),
        Item(id: "mononoke", title: "Princess Mononoke", year: 1997, genres: ["Animation", "Adventure"]),
        Item(id: "heat", title: "Heat", year: 1995, genres: ["Crime", "Thriller"]),
    ]

    @Test(arguments: ["something else that hits like that but for grown ups", "a film for adults please", "anything for us grownups?",
                      "something for the grown-ups tonight"])
    func leavesChildrensFilmsOut(text: String) {
        let understanding = RuleInterpreter(catalog: Self.catalog).interpret(text)
        #expect(understanding.excludeGenres == ["Children"] && understanding.includeGenres.isEmpty, "\(text)")
    }

    @Test func aChildsAgeStillAsksForChildrensFilms() {
        #expect(RuleInterpreter(catalog: Self.catalog).interpret("something for my 8 year old and the grown ups").includeGenres == ["Children"])
    }
}

/// "Anything that is not British?" had been "I didn't catch a film or a preference there": a
/// film's country, like its language, is something the reply says it cannot tell, or the tag
/// that names it where the catalog has one.
@Suite struct CountryWordsTests {
    @Test(arguments: ["Anything that is not British?", "no french films please", "any korean movies?"])
    func areSaidToBeUnknown(text: String) {
        let catalog = [Item(id: "heat", title: "Heat", year: 1995, genres: ["Crime", "Thriller"])]
        let understanding = RuleInterpreter(catalog: catalog).interpret(text)
        #expect(understanding.asksLanguage && understanding.missingTitles.isEmpty && understanding.names.isEmpty, "\(text)")
    }

    @Test func aTagNamingTheCountryIsThatTag() {
        let catalog = [Item(id: "grail", title: "Monty Python and the Holy Grail", year: 1975, genres: ["Comedy"], tags: ["british humor"])]
        #expect(RuleInterpreter(catalog: catalog).interpret("Anything that is not British?").avoidedWishes == ["british humor"])
    }
}
