import CuratorCore
import Testing

/// Catalog titles read in sentences as people say them.
@Suite("Spoken titles")
struct SpokenTitleTests {
    @Test(arguments: [
        ("Fugitive, The", "The Fugitive"),
        ("City of Lost Children, The (Cité des enfants perdus, La)", "The City of Lost Children (Cité des enfants perdus, La)"),
        ("Lord of the Rings: The Return of the King, The", "The Lord of the Rings: The Return of the King"),
        ("Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il)", "The Good, the Bad and the Ugly (Buono, il brutto, il cattivo, Il)"),
        ("Fish Called Wanda, A", "A Fish Called Wanda"),
        ("Independence Day (ID4)", "Independence Day (ID4)"),
        ("Heat", "Heat"),
        ("Sense and Sensibility", "Sense and Sensibility"),
    ])
    func aSortingArticleMovesToTheFront(catalog: String, spoken: String) {
        #expect(Item.spoken(catalog) == spoken)
    }

    @Test func theYearFollowsOnceWhetherOrNotTheTitleHoldsIt() {
        #expect(Item(id: "1", title: "Fugitive, The", year: 1993).spokenDisplayTitle == "The Fugitive (1993)")
        #expect(Item(id: "2", title: "Fugitive, The (1993)", year: 1993).spokenDisplayTitle == "The Fugitive (1993)")
        #expect(Item(id: "3", title: "Heat").spokenDisplayTitle == "Heat")
    }

    /// MovieLens 100K's item 267 is titled "unknown": a stand-in, never a recommendation.
    @Test func aStandInTitleIsAPlaceholder() {
        #expect(Item(id: "267", title: "unknown").isPlaceholder)
        #expect(Item(id: "x", title: "  ").isPlaceholder)
        #expect(!Item(id: "1", title: "The Unknown Known", year: 2013).isPlaceholder)
    }
}

