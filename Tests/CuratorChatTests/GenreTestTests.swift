@testable import CuratorChat
import CuratorCore
import CuratorRecall
import Testing

/// The ranking's genre filter by bits agrees with the filter by genre names on every item,
/// for constraints drawn at random (genre groups, exclusions, years, a genre the catalog lacks).
@Suite("constraints tested by genre bits")
struct GenreTestTests {
    @Test(arguments: 1...40)
    func bitsAndNamesAgree(seed: UInt64) throws {
        let recommender = ConversationEngineTests.recommender
        let catalog = recommender.catalog
        var random = SeededGenerator(seed: seed)
        let genres = Array(Set(catalog.flatMap(\.genres))).sorted() + ["Western Noir"]
        let some = { (random: inout SeededGenerator) in
            Set((0..<Int.random(in: 0...2, using: &random)).map { _ in genres.randomElement(using: &random)! })
        }
        var constraints = Constraints()
        constraints.includeGenres = some(&random)
        constraints.heldGenres = [some(&random)].filter { !$0.isEmpty }
        constraints.excludeGenres = some(&random)
        constraints.minYear = Bool.random(using: &random) ? Int.random(in: 1950...2000, using: &random) : nil
        constraints.maxYear = Bool.random(using: &random) ? Int.random(in: 1990...2020, using: &random) : nil
        let test = SessionRecommender.GenreTest(constraints, bits: recommender.genreBits)
        let named = constraints.genreGroups.flatMap { $0 } + constraints.excludeGenres
        #expect((test == nil) == named.contains("Western Noir"), "bits for every genre the catalog has")
        for index in catalog.indices {
            #expect(recommender.passes(index, constraints, genreTest: test) == SessionRecommender.passes(catalog[index], constraints),
                    "\(catalog[index].title) under \(constraints.summary)")
        }
    }
}
