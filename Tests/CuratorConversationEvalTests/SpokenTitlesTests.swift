@testable import CuratorConversationEval
import CuratorCore
import Testing

/// How the simulator types catalog titles: the transformations of the issue, one by one.
@Suite("Spoken titles")
struct SpokenTitlesTests {
    static let catalog: [Item] = LatestFormatFixture.movies.map { movie in
        let anatomy = movie.title.replacingOccurrences(of: #" \(\d{4}\)$"#, with: "", options: .regularExpression)
        return Item(id: String(movie.id), title: anatomy, year: Int(movie.title.suffix(5).prefix(4)), genres: movie.genres.split(separator: "|").map(String.init))
    }
    static let book = SpokenTitleBook(catalog: catalog, popularity: catalog.indices.map { 100 - $0 })

    private func forms(_ title: String) -> [String] {
        let index = Self.catalog.firstIndex { $0.title == title }!
        return Self.book.forms[index].map(\.text)
    }

    @Test func articlesMoveToTheFrontOrAreDropped() {
        #expect(forms("Fugitive, The").contains("the fugitive"))
        #expect(forms("Fugitive, The").contains("fugitive"))
        #expect(forms("Rock, The") == ["the rock"], "a short single word keeps its article")
        #expect(forms("Birdcage, The").contains("birdcage"))
        #expect(TitleAnatomy("Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il)").main == "The Good, the Bad and the Ugly")
    }

    @Test func shortTitlesSubtitlesAndSequelNumbers() {
        let terminator = forms("Terminator 2: Judgment Day")
        #expect(terminator.contains("terminator 2"))
        #expect(terminator.contains("judgment day"))
        #expect(terminator.contains("terminator two"))
        let godfather = forms("Godfather: Part II, The")
        #expect(godfather.contains("godfather 2"))
        #expect(godfather.contains("the godfather part two"))
        #expect(!godfather.contains("part ii"), "a part number is not a subtitle")
        #expect(forms("Die Hard 2").contains("die hard two"))
        #expect(forms("Evil Dead II (Dead by Dawn)").contains("evil dead 2"))
        #expect(!forms("Richard III").contains("richard 3"), "a king's numeral is not a sequel")
        #expect(forms("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb").contains("dr strangelove"))
    }

    @Test func aliasesButNotForeignOriginals() {
        #expect(forms("Sunset Blvd. (a.k.a. Sunset Boulevard)").contains("sunset boulevard"))
        #expect(forms("Seven (a.k.a. Se7en)").contains("se7en"))
        #expect(forms("Jungle2Jungle (a.k.a. Jungle 2 Jungle)").contains("jungle 2 jungle"))
        let pans = forms("Pan's Labyrinth (Laberinto del fauno, El)")
        #expect(pans.contains("pan's labyrinth"))
        #expect(!pans.contains { $0.contains("laberinto") })
        #expect(forms("City of Lost Children, The (Cité des enfants perdus, La)").contains("the city of lost children"))
        #expect(forms("Willy Wonka & the Chocolate Factory").contains("willy wonka and the chocolate factory"))
    }

    @Test func aSeriesNameMeansNoOneFilm() {
        let rings = forms("Lord of the Rings: The Return of the King, The")
        #expect(rings.contains("the return of the king"))
        #expect(rings.contains("return of the king"))
        #expect(!rings.contains("the lord of the rings"), "three films share it, none twice as watched as the next")
        #expect(!forms("Star Wars: Episode IV - A New Hope").contains("star wars"))
        #expect(forms("Star Wars: Episode IV - A New Hope").contains("a new hope"))
    }

    @Test func aSharedTitleBelongsToTheWellKnownFilmOnly() {
        let catalog = [Item(id: "1", title: "Scarface", year: 1983), Item(id: "2", title: "Scarface", year: 1932)]
        let book = SpokenTitleBook(catalog: catalog, popularity: [50, 5])
        #expect(book.forms[0].map(\.text) == ["scarface"])
        #expect(book.forms[1].isEmpty)
        let even = SpokenTitleBook(catalog: catalog, popularity: [50, 40])
        #expect(even.forms[0].isEmpty && even.forms[1].isEmpty)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func aTypoIsOneEditAwayAndKeepsTheFirstLetter(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let typed = try #require(SimulatedUser.typo("the fugitive", &rng))
        #expect(typed != "the fugitive")
        #expect(typed.hasPrefix("the f"))
        #expect(Typing.editDistance(typed, "the fugitive", limit: 2) <= 2, "a swap is two single edits")
        #expect(SimulatedUser.typo("the net", &rng) == nil, "no word long enough")
    }
}

extension SpokenTitlesTests {
    @Test func initialsAreTypedAsOneWord() {
        #expect(Typing.spoken("E.T. the Extra-Terrestrial") == "et the extra terrestrial")
        #expect(Typing.spoken("L.A. Confidential") == "la confidential")
        #expect(Typing.spoken("Robert A. Heinlein's The Puppet Masters") == "robert a heinlein's the puppet masters")
        #expect(Typing.spoken("Dr. Strangelove") == "dr strangelove")
    }
}
