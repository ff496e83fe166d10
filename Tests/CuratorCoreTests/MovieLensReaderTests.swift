import CuratorCore
import CuratorTestSupport
import Testing

@Suite("MovieLens readers")
struct MovieLensReaderTests {
    @Test func reads100KWithLatin1TitlesGenresAndYears() throws {
        let dir = TemporaryDirectory()
        dir.write("ml/u.data", MovieLensFixtures.u100KData)
        dir.write("ml/u.item", bytes: MovieLensFixtures.u100KItem)
        let loaded = try DatasetLoader.load(path: dir.path + "/ml")
        let d = loaded.dataset
        #expect(loaded.format == .movieLens100K)
        #expect(d.userCount == 3 && d.itemCount == 4 && d.interactions.count == 8)
        #expect(d.items.externalIDs == ["10", "20", "30", "40"])
        let amelie = d.catalog[Int(d.items.index(of: "20")!)]
        #expect(amelie.title == "Amélie")
        #expect(amelie.year == 2001)
        #expect(amelie.genres == ["Comedy", "Romance"])
        let heat = d.catalog[Int(d.items.index(of: "10")!)]
        #expect(heat.genres == ["Action", "Crime", "Thriller"])
        #expect(d.catalog[3].genres.isEmpty, "the 'unknown' genre flag is not a genre")
        #expect(d.interactions.values.reduce(0, +) == 29)
    }

    @Test func reads1MWithDoubleColonSeparator() throws {
        let dir = TemporaryDirectory()
        dir.write("ml1m/ratings.dat", MovieLensFixtures.m1MRatings)
        dir.write("ml1m/movies.dat", MovieLensFixtures.m1MMovies)
        let loaded = try DatasetLoader.load(path: dir.path + "/ml1m")
        #expect(loaded.format == .movieLens1M)
        #expect(loaded.dataset.items.externalIDs == ["661", "1193"], "numeric ids sort numerically")
        let cuckoo = loaded.dataset.catalog[1]
        #expect(cuckoo.title == "One Flew Over the Cuckoo's Nest" && cuckoo.year == 1975)
        #expect(loaded.dataset.catalog[0].genres == ["Animation", "Children's", "Musical"])
    }

    @Test func readsCSVReleaseWithQuotedTitlesAndTags() throws {
        let dir = TemporaryDirectory()
        dir.write("latest/ratings.csv", MovieLensFixtures.latestRatings)
        dir.write("latest/movies.csv", MovieLensFixtures.latestMovies)
        dir.write("latest/tags.csv", MovieLensFixtures.latestTags)
        let loaded = try DatasetLoader.load(path: dir.path + "/latest")
        #expect(loaded.format == .movieLensCSV)
        let d = loaded.dataset
        #expect(d.interactions.count == 3)
        #expect(d.interactions.values.contains(4.5))
        let western = d.catalog[Int(d.items.index(of: "3")!)]
        #expect(western.title == "Good, the Bad and the Ugly, The")
        #expect(western.year == 1966)
        #expect(western.tags == ["spaghetti western"])
        #expect(d.catalog[Int(d.items.index(of: "1")!)].tags == ["pixar"], "tags are lower-cased and deduplicated")
    }

    @Test func unknownFolderSaysWhatItExpected() throws {
        let dir = TemporaryDirectory()
        dir.write("other/readme.txt", "hello")
        let error = try #require(throws: DataError.self) { try DatasetLoader.load(path: dir.path + "/other") }
        #expect(error.kind == .unknownFormat)
        #expect(error.description.contains("u.data"))
        let missing = try #require(throws: DataError.self) { try DatasetLoader.load(path: dir.path + "/nope") }
        #expect(missing.kind == .missingFile)
    }
}
