import CuratorCore
@testable import CuratorLLMStage
import CuratorRecall
import CuratorTestSupport
import Testing

@Suite("Explanations are grounded: anchors come from the user's history")
struct AnchorTests {
    @Test func genreAnchorsShareGenresAndComeFromTheHistory() {
        let catalog = PipelineFixtures.catalog
        let history = PipelineFixtures.history
        let candidates: [Int32] = [1, 2, 3, 4, 7, 9]
        let anchors = AnchorSelector().anchors(history: history, candidates: candidates, catalog: catalog)
        #expect(anchors.allSatisfy { history.contains($0) })
        for (candidate, anchor) in zip(candidates, anchors) {
            let shared = Set(catalog[Int(candidate)].genres).intersection(catalog[Int(anchor)].genres)
            let anyShares = history.contains { !Set(catalog[Int($0)].genres).intersection(catalog[Int(candidate)].genres).isEmpty }
            #expect(!anyShares || !shared.isEmpty, "candidate \(candidate) → anchor \(anchor)")
        }
    }

    /// The bit-mask Jaccard against the set-of-strings one, on random catalogs.
    @Test(arguments: [1, 2, 3, 4, 5])
    func genreMasksAgreeWithTheSetOracle(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let names = ["Action", "Comedy", "Drama", "Horror", "Sci-Fi", "Western", "War", "Noir"]
        let catalog = (0..<200).map { i in
            Item(id: "m\(i)", title: "m\(i)", genres: (0..<Int.random(in: 0...4, using: &random)).map { _ in names.randomElement(using: &random)! })
        }
        let recent = (0..<Int.random(in: 1...50, using: &random)).map { _ in Int32.random(in: 0..<200, using: &random) }
        let masks = try! #require(GenreMasks(recent: recent, catalog: catalog))
        for candidate in Int32(0)..<200 {
            #expect(masks.anchor(for: candidate) == AnchorSelector.byGenre(recent: recent, candidate: candidate, catalog: catalog))
        }
    }

    @Test func modelAnchorsFollowTheItemItemSignal() throws {
        // Users who see item 0 then see item 20; users who see item 5 then see item 21.
        var events: [(user: String, item: String, time: Int64)] = []
        for u in 0..<20 {
            let (a, b) = u % 2 == 0 ? ("m01", "m21") : ("m06", "m22")
            events += [(user: "u\(u)", item: a, time: 1), (user: "u\(u)", item: b, time: 2), (user: "u\(u)", item: "m30", time: 3)]
        }
        let dataset = DatasetFixtures.dataset(events)
        let model = try ItemKNNModel.fit(TrainingData(dataset: dataset), parameters: ModelParameters())
        let index = { (id: String) in dataset.items.index(of: id)! }
        let catalog = (0..<dataset.itemCount).map { Item(id: dataset.items.externalIDs[$0], title: dataset.items.externalIDs[$0]) }
        let history = [index("m01"), index("m06"), index("m30")]
        let anchors = AnchorSelector(model: model).anchors(history: history, candidates: [index("m21"), index("m22")], catalog: catalog)
        #expect(anchors == [index("m01"), index("m06")])
    }

    @Test func keptSingleItemScoresAreTheModelsOwnAndGiveTheSameAnchors() throws {
        var events: [(user: String, item: String, time: Int64)] = []
        var random = SeededGenerator(seed: 9)
        for u in 0..<60 {
            for t in 0..<6 { events.append((user: "u\(u)", item: "m\(Int.random(in: 0..<40, using: &random))", time: Int64(t))) }
        }
        let dataset = DatasetFixtures.dataset(events)
        let model = try ItemKNNModel.fit(TrainingData(dataset: dataset), parameters: ModelParameters())
        let memo = SingleItemScores(itemCount: dataset.itemCount, byteBudget: 0)
        #expect(memo.capacity == 16, "a budget too small for one entry still keeps a few")
        for item in Int32(0)..<Int32(dataset.itemCount) {
            #expect(memo.scores(for: item, model: model) == model.scores(for: UserContext(history: [item])))
            #expect(memo.scores(for: item, model: model) == model.scores(for: UserContext(history: [item])), "and again, kept")
        }
        let history: [Int32] = [3, 7, 11, 19], candidates = Array(Int32(0)..<Int32(dataset.itemCount))
        let plain = AnchorSelector(model: model).signalAnchors(history: history, candidates: candidates, weights: [1, 1, 2, 1])
        let kept = AnchorSelector(model: model, memo: memo).signalAnchors(history: history, candidates: candidates, weights: [1, 1, 2, 1])
        #expect(kept == plain)
    }

    /// Two liked films pull a candidate about equally: the one it shares genres with is named,
    /// the closer film to a reader; a clearly stronger pull still wins.
    @Test(arguments: [(11, 10, "b"), (30, 5, "a")])
    func aNearTieGoesToTheFilmSharingGenres(withA: Int, withB: Int, expected: String) throws {
        var events: [(user: String, item: String, time: Int64)] = []
        for u in 0..<withA { events += [(user: "a\(u)", item: "a", time: 1), (user: "a\(u)", item: "c", time: 2)] }
        for u in 0..<withB { events += [(user: "b\(u)", item: "b", time: 1), (user: "b\(u)", item: "c", time: 2)] }
        let dataset = DatasetFixtures.dataset(events)
        let model = try ItemKNNModel.fit(TrainingData(dataset: dataset), parameters: ModelParameters())
        let genres = ["a": ["Animation", "Children"], "b": ["Crime", "Thriller"], "c": ["Crime", "Drama"]]
        let catalog = dataset.items.externalIDs.map { Item(id: $0, title: $0, genres: genres[$0] ?? []) }
        let index = { (id: String) in dataset.items.index(of: id)! }
        let selector = AnchorSelector(model: model)
        let anchor = selector.signalAnchors(history: [index("a"), index("b")], candidates: [index("c")], catalog: catalog)[0]
        #expect(anchor == index(expected))
        // Weighed as a ranking weighs them: pulled three times as hard through b, b is named.
        let weighed = selector.signalAnchors(history: [index("a"), index("b")], candidates: [index("c")], weights: [1, 3])[0]
        #expect(weighed == index("b"))
    }
}
