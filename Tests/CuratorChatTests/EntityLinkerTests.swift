import CuratorChat
import CuratorCore
import Testing

/// The linker against how people name films, on each catalog title format.
@Suite("Entity linking")
struct EntityLinkerTests {
    typealias Fixtures = LinkerFixtures

    /// The mentions of `text` as "Title (year)" lists, one list per mention.
    private static func found(_ text: String, in catalog: Fixtures.Catalog, popularity: Bool = true) -> [[String]] {
        let matcher = TitleMatcher(catalog: catalog.items, popularity: popularity ? catalog.counts : [])
        return matcher.mentions(in: text).map { $0.items.map { "\(catalog.items[Int($0)].title) (\(catalog.items[Int($0)].year!))" } }
    }

    @Test(arguments: [
        ("I loved the fugitive and the rock", [["Fugitive, The (1993)"], ["Rock, The (1996)"]]),
        ("the english patient", [["English Patient, The (1996)"]]),
        ("the full monty was funny", [["Full Monty, The (1997)"]]),
        ("we watched the sting last night", [["Sting, The (1973)"]]),
        ("I watched the birdcage with my mother", [["Birdcage, The (1996)"]]),
        ("i liked the crow and the mask", [["Crow, The (1994)"], ["Mask, The (1994)"]]),
        ("willy wonka", [["Willy Wonka and the Chocolate Factory (1971)"]]),
        ("die hard 3 was better than die hard 2", [["Die Hard: With a Vengeance (1995)"], ["Die Hard 2 (1990)"]]),
        ("die hard three", [["Die Hard: With a Vengeance (1995)"]]),
        ("die hard with a vengeance", [["Die Hard: With a Vengeance (1995)"]]),
        ("leaving las vegas was too depressing", [["Leaving Las Vegas (1995)"]]),
        ("independence day", [["Independence Day (ID4) (1996)"]]),
        ("ID4 was loud", [["Independence Day (ID4) (1996)"]]),
        ("the city of lost children", [["City of Lost Children, The (Cité des enfants perdus, La) (1995)"]]),
        ("la cité des enfants perdus", [["City of Lost Children, The (Cité des enfants perdus, La) (1995)"]]),
        ("seven", [["Seven (Se7en) (1995)"]]),
        ("loved se7en", [["Seven (Se7en) (1995)"]]),
        ("godfather part 2", [["Godfather: Part II, The (1974)"]]),
        ("the godfather part two", [["Godfather: Part II, The (1974)"]]),
        ("scream 2 was worse than scream", [["Scream 2 (1997)"], ["Scream (1996)"]]),
        ("terminator 2", [["Terminator 2: Judgment Day (1991)"]]),
        ("the terminator", [["Terminator, The (1984)"]]),
        ("alien 3", [["Alien 3 (1992)"]]),
        ("I loved Aliens", [["Aliens (1986)"]]),
        ("sunset boulevard", [["Sunset Blvd. (1950)"]]),
        ("schindlers list", [["Schindler's List (1993)"]]),
        ("schindler's list", [["Schindler's List (1993)"]]),
        ("12 monkeys", [["Twelve Monkeys (1995)"]]),
        ("the empire strikes back and star wars", [["Empire Strikes Back, The (1980)"], ["Star Wars (1977)"]]),
    ] as [(String, [[String]])])
    func movieLens100K(text: String, expected: [[String]]) {
        #expect(Self.found(text, in: Fixtures.movieLens100K) == expected, "\(text)")
    }

    @Test(arguments: [
        ("the return of the king", [["Lord of the Rings: The Return of the King, The (2003)"]]),
        ("lord of the rings return of the king", [["Lord of the Rings: The Return of the King, The (2003)"]]),
        // Three films about as well known share the name: ask back.
        ("lord of the rings", [["Lord of the Rings: The Fellowship of the Ring, The (2001)", "Lord of the Rings: The Return of the King, The (2003)", "Lord of the Rings: The Two Towers, The (2002)"]]),
        ("the two towers", [["Lord of the Rings: The Two Towers, The (2002)"]]),
        ("sunset boulevard", [["Sunset Blvd. (a.k.a. Sunset Boulevard) (1950)"]]),
        ("sunset blvd", [["Sunset Blvd. (a.k.a. Sunset Boulevard) (1950)"]]),
        ("pan's labyrinth", [["Pan's Labyrinth (Laberinto del fauno, El) (2006)"]]),
        ("el laberinto del fauno", [["Pan's Labyrinth (Laberinto del fauno, El) (2006)"]]),
        ("jungle 2 jungle", [["Jungle2Jungle (a.k.a. Jungle 2 Jungle) (1997)"]]),
        ("jungle2jungle", [["Jungle2Jungle (a.k.a. Jungle 2 Jungle) (1997)"]]),
        ("dr strangelove", [["Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"]]),
        ("Dr. Strangelove was brilliant", [["Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"]]),
        ("doctor strangelove", [["Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"]]),
        ("a new hope", [["Star Wars: Episode IV - A New Hope (1977)"]]),
        ("star wars", [["Star Wars: Episode IV - A New Hope (1977)", "Star Wars: Episode V - The Empire Strikes Back (1980)", "Star Wars: Episode VI - Return of the Jedi (1983)"]]),
        ("star wars 5", [["Star Wars: Episode V - The Empire Strikes Back (1980)"]]),
        ("the empire strikes back", [["Star Wars: Episode V - The Empire Strikes Back (1980)"]]),
        ("return of the jedi", [["Star Wars: Episode VI - Return of the Jedi (1983)"]]),
        ("amelie", [["Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)"]]),
        ("le fabuleux destin d'amélie poulain", [["Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)"]]),
        ("spirited away", [["Spirited Away (Sen to Chihiro no kamikakushi) (2001)"]]),
        ("kill bill 2", [["Kill Bill: Vol. 2 (2004)"]]),
        ("kill bill vol 1", [["Kill Bill: Vol. 1 (2003)"]]),
        ("i loved kill bill", [["Kill Bill: Vol. 1 (2003)", "Kill Bill: Vol. 2 (2004)"]]),
        ("se7en", [["Seven (a.k.a. Se7en) (1995)"]]),
    ] as [(String, [[String]])])
    func movieLensLatest(text: String, expected: [[String]]) {
        #expect(Self.found(text, in: Fixtures.movieLensLatest) == expected, "\(text)")
    }

    @Test(arguments: [
        ("the fellowship of the ring", [["The Lord of the Rings: The Fellowship of the Ring (2001)"]]),
        ("mission impossible fallout", [["Mission: Impossible - Fallout (2018)"]]),
        ("mission impossible", [["Mission: Impossible - Fallout (2018)"]]),
        ("into the spider verse", [["Spider-Man: Into the Spider-Verse (2018)"]]),
        ("monsters inc", [["Monsters, Inc. (2001)"]]),
        ("terminator 2 and the terminator", [["Terminator 2: Judgment Day (1991)"], ["The Terminator (1984)"]]),
        ("terminator 1", [["The Terminator (1984)"]]),
        ("I loved Alien and The Thing", [["Alien (1979)"], ["The Thing (1982)"]]),
        ("500 days of summer", [["(500) Days of Summer (2009)"]]),
        ("wall-e", [["WALL·E (2008)"]]),
        ("walle", [["WALL·E (2008)"]]),
        ("twelve angry men", [["12 Angry Men (1957)"]]),
        ("the good the bad and the ugly", [["The Good, the Bad and the Ugly (1966)"]]),
        ("scarface", [["Scarface (1983)"]]),
        ("scarface 1932", [["Scarface (1932)"]]),
    ] as [(String, [[String]])])
    func curatorTitles(text: String, expected: [[String]]) {
        #expect(Self.found(text, in: Fixtures.curator) == expected, "\(text)")
    }

    @Test(arguments: [
        ("the fugitve", [["Fugitive, The (1993)"]]),
        ("independance day", [["Independence Day (ID4) (1996)"]]),
        ("leaving las vegs", [["Leaving Las Vegas (1995)"]]),
        ("schindlers lsit", [["Schindler's List (1993)"]]),
        ("twelve monkees", [["Twelve Monkeys (1995)"]]),
        ("the englsih patient", [["English Patient, The (1996)"]]),
        ("terminater 2", [["Terminator 2: Judgment Day (1991)"]]),
    ] as [(String, [[String]])])
    func typosInLongWords(text: String, expected: [[String]]) {
        #expect(Self.found(text, in: Fixtures.movieLens100K) == expected, "\(text)")
    }

    @Test(arguments: [
        "I watched something with my mother", "my mother loves a good crash course", "can you take the heat",
        "at some speed", "the game last night", "a big night out", "something for my family", "I have a mask",
        "a dark city at night", "she is the rock of the family", "a film about the war", "a true story maybe",
        "a classic black and white film",
    ])
    func everydayWordsAreNotFilms(text: String) {
        #expect(Self.found(text, in: Fixtures.movieLens100K).isEmpty, "\(text)")
    }

    @Test(arguments: [
        ("speed", [["Speed (1994)"]]),
        ("I loved speed and heat", [["Speed (1994)"], ["Heat (1995)"]]),
        ("Speed was great", [["Speed (1994)"]]),
        ("heat bored me", [["Heat (1995)"]]),
        ("I watched Crash yesterday", [["Crash (1996)"]]),
        ("mother", [["Mother (1996)"]]),
        ("something like the game", [["Game, The (1997)"]]),
        ("big night was lovely", [["Big Night (1996)"]]),
        ("the crow, the mask and speed", [["Crow, The (1994)"], ["Mask, The (1994)"], ["Speed (1994)"]]),
        ("\"Mother\" is underrated", [["Mother (1996)"]]),
    ] as [(String, [[String]])])
    func everydayWordsAreFilmsWhereTheSentenceSaysSo(text: String, expected: [[String]]) {
        #expect(Self.found(text, in: Fixtures.movieLens100K) == expected, "\(text)")
    }

    @Test(arguments: [
        "I loved inception", "toy story 3 was great", "the lord of the rings", "the dark knight", "alien 5",
        "scream 4", "die hard 5", "The Matrix Resurrections", "speed racer was fun",
    ])
    func aFilmNotInTheCatalogIsNeverReplaced(text: String) {
        #expect(Self.found(text, in: Fixtures.movieLens100K).isEmpty, "\(text)")
    }

    @Test func aSharedTitleMeansTheWellKnownOneAndAsksOnlyWhenClose() {
        // Crash 2004 has four times Crash 1996's interactions: no question.
        #expect(Self.found("I loved crash", in: Fixtures.movieLensLatest) == [["Crash (2004)"]])
        #expect(Self.found("crash 1996", in: Fixtures.movieLensLatest) == [["Crash (1996)"]], "a year settles it")
        // Hamlet 1996 and 1990 are about as well known: ask.
        #expect(Self.found("I loved Hamlet", in: Fixtures.movieLens100K) == [["Hamlet (1996)", "Hamlet (1990)"]])
        // Without popularity, a shared title always asks.
        #expect(Self.found("scarface", in: Fixtures.curator, popularity: false) == [["Scarface (1983)", "Scarface (1932)"]])
    }

    @Test func aFullTitleBeatsTheMainTitleOfASequel() {
        #expect(Self.found("the crow", in: Fixtures.movieLens100K) == [["Crow, The (1994)"]])
        #expect(Self.found("crow city of angels", in: Fixtures.movieLens100K) == [["Crow: City of Angels, The (1996)"]])
        #expect(Self.found("I loved alien", in: Fixtures.movieLens100K) == [["Alien (1979)"]])
        #expect(Self.found("speed 2", in: Fixtures.movieLens100K) == [["Speed 2: Cruise Control (1997)"]])
    }

    @Test func theFastASCIITokensAreTheGeneralOnes() {
        let texts = (Fixtures.movieLens100K.items + Fixtures.movieLensLatest.items + Fixtures.curator.items).map(\.title) + [
            "E.T. the Extra-Terrestrial", "L.A. Confidential", "don't stop & go", "Se7en, 12 Monkeys; Heat!", "'quoted' words...",
        ]
        for text in texts { #expect(TextNormalizer.tokens(text) == TextNormalizer.words(text).map(\.text), "\(text)") }
    }

    @Test func aliasesOfEachTitleFormat() {
        let matcher = TitleMatcher(catalog: [Item(id: "1", title: "City of Lost Children, The (Cité des enfants perdus, La) (1995)")])
        #expect(matcher.mentions(in: "the city of lost children").map(\.items) == [[0]], "a year left in the title is read too")
        #expect(matcher.mentions(in: "cite des enfants perdus").map(\.items) == [[0]])
    }
}
