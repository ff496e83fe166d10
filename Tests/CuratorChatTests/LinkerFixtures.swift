import CuratorCore

/// Small catalogs in each title format the linker reads, with interaction counts for the
/// popularity prior. Titles are as the loaders leave them (the year moved to `year`).
enum LinkerFixtures {
    struct Catalog {
        var items: [Item]
        var counts: [Float]

        init(_ rows: [(String, Int, Float)]) {
            items = rows.enumerated().map { Item(id: "\($0.offset)", title: $0.element.0, year: $0.element.1) }
            counts = rows.map(\.2)
        }

        /// The dense index of the item titled `title` (and from `year`, when given).
        func index(_ title: String, _ year: Int? = nil) -> Int32 {
            Int32(items.firstIndex { $0.title == title && (year == nil || $0.year == year) }!)
        }
    }

    /// MovieLens 100K / 1M: inverted articles, alternative and foreign titles in brackets.
    static let movieLens100K = Catalog([
        ("Fugitive, The", 1993, 336), ("Rock, The", 1996, 378), ("English Patient, The", 1996, 481),
        ("Full Monty, The", 1997, 315), ("Sting, The", 1973, 241), ("Birdcage, The", 1996, 293), ("Mother", 1996, 169),
        ("Crow, The", 1994, 218), ("Crow: City of Angels, The", 1996, 39), ("Mask, The", 1994, 129),
        ("Willy Wonka and the Chocolate Factory", 1971, 326), ("Die Hard", 1988, 243), ("Die Hard 2", 1990, 166),
        ("Die Hard: With a Vengeance", 1995, 151), ("Leaving Las Vegas", 1995, 297), ("Independence Day (ID4)", 1996, 429),
        ("City of Lost Children, The (Cité des enfants perdus, La)", 1995, 80), ("Speed", 1994, 230),
        ("Speed 2: Cruise Control", 1997, 63), ("Crash", 1996, 128), ("Heat", 1995, 223), ("Alien", 1979, 291),
        ("Aliens", 1986, 284), ("Alien 3", 1992, 100), ("Alien: Resurrection", 1997, 124), ("Godfather, The", 1972, 413),
        ("Godfather: Part II, The", 1974, 209), ("Seven (Se7en)", 1995, 236), ("Toy Story", 1995, 452), ("Hamlet", 1996, 90),
        ("Hamlet", 1990, 80), ("Star Wars", 1977, 583), ("Empire Strikes Back, The", 1980, 367), ("Schindler's List", 1993, 298),
        ("Twelve Monkeys", 1995, 392), ("Sunset Blvd.", 1950, 65), ("Game, The", 1997, 251), ("Thing, The", 1982, 148),
        ("Shining, The", 1980, 206), ("Scream", 1996, 478), ("Scream 2", 1997, 106), ("Terminator, The", 1984, 301),
        ("Terminator 2: Judgment Day", 1991, 295), ("Big Night", 1996, 171), ("My Family", 1995, 27),
        ("Lord of Illusions", 1995, 25), ("Dark City", 1998, 16),
    ])

    /// MovieLens latest / 25M: a.k.a. titles, foreign titles, subtitles.
    static let movieLensLatest = Catalog([
        ("Lord of the Rings: The Return of the King, The", 2003, 3900), ("Lord of the Rings: The Fellowship of the Ring, The", 2001, 4100),
        ("Lord of the Rings: The Two Towers, The", 2002, 3800), ("Sunset Blvd. (a.k.a. Sunset Boulevard)", 1950, 700),
        ("Pan's Labyrinth (Laberinto del fauno, El)", 2006, 1600), ("Jungle2Jungle (a.k.a. Jungle 2 Jungle)", 1997, 200),
        ("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", 1964, 1800),
        ("Star Wars: Episode IV - A New Hope", 1977, 5100), ("Star Wars: Episode V - The Empire Strikes Back", 1980, 4400),
        ("Star Wars: Episode VI - Return of the Jedi", 1983, 4300), ("Amélie (Fabuleux destin d'Amélie Poulain, Le)", 2001, 2000),
        ("Spirited Away (Sen to Chihiro no kamikakushi)", 2001, 1900), ("Kill Bill: Vol. 1", 2003, 2500), ("Kill Bill: Vol. 2", 2004, 2200),
        ("Seven (a.k.a. Se7en)", 1995, 4000), ("Mother", 2009, 300), ("Crash", 2004, 1300), ("Crash", 1996, 300),
    ])

    /// Curator's own (`items.jsonl`): titles as people write them, with subtitles.
    static let curator = Catalog([
        ("The Lord of the Rings: The Fellowship of the Ring", 2001, 90), ("Mission: Impossible - Fallout", 2018, 40),
        ("Spider-Man: Into the Spider-Verse", 2018, 50), ("Monsters, Inc.", 2001, 60), ("Terminator 2: Judgment Day", 1991, 70),
        ("The Terminator", 1984, 65), ("Alien", 1979, 80), ("The Thing", 1982, 45), ("(500) Days of Summer", 2009, 30),
        ("WALL·E", 2008, 75), ("Se7en", 1995, 85), ("12 Angry Men", 1957, 40), ("Scarface", 1983, 60), ("Scarface", 1932, 8),
        ("Amélie", 2001, 50), ("Up", 2009, 70), ("The Good, the Bad and the Ugly", 1966, 55),
    ])
}
