import CuratorCore
import Testing

@Suite("Synthetic data")
struct SyntheticDatasetTests {
    private func configuration(seed: UInt64) -> SyntheticDataset.Configuration {
        var c = SyntheticDataset.Configuration()
        c.users = 300
        c.items = 200
        c.interactions = 6_000
        c.clusters = 5
        c.seed = seed
        return c
    }

    @Test func sameSeedSameData() {
        let a = SyntheticDataset.generate(configuration(seed: 9)), b = SyntheticDataset.generate(configuration(seed: 9))
        #expect(a.interactions == b.interactions)
        #expect(SyntheticDataset.generate(configuration(seed: 10)).interactions != a.interactions)
    }

    @Test func sizeAndPopularitySkew() {
        let d = SyntheticDataset.generate(configuration(seed: 1))
        #expect(d.userCount == 300 && d.itemCount == 200)
        #expect(abs(d.interactions.count - 6_000) < 1_500)
        let counts = d.itemInteractionCounts().sorted(by: >)
        let topTenth = counts.prefix(20).reduce(0, +)
        #expect(Double(topTenth) > 0.2 * Double(d.interactions.count), "a tenth of the items draws twice its uniform share")
        let sequences = UserSequences(d.interactions, userCount: d.userCount)
        #expect(sequences.items.count == d.interactions.count, "no user sees an item twice")
    }

    @Test func catalogModeKeepsTheCatalogAndItsClusters() {
        let catalog = (0..<40).map { Item(id: "m\($0)", title: "Movie \($0)", genres: [$0 < 20 ? "Horror" : "Comedy"]) }
        var c = configuration(seed: 3)
        c.users = 200
        c.interactions = 2_000
        let d = SyntheticDataset.generate(c, catalog: catalog)
        #expect(d.itemCount == 40)
        #expect(Set(d.catalog.map(\.title)) == Set(catalog.map(\.title)))
        // Taste: most users' histories stay mostly inside one genre.
        let sequences = UserSequences(d.interactions, userCount: d.userCount)
        var focused = 0
        for u in 0..<d.userCount {
            let genres = sequences.sequence(of: u).map { d.catalog[Int($0)].genres[0] }
            let horror = genres.count { $0 == "Horror" }
            if Double(max(horror, genres.count - horror)) >= 0.7 * Double(genres.count) { focused += 1 }
        }
        #expect(focused > d.userCount / 2)
    }
}
