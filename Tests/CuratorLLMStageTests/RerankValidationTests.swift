import CuratorCore
import CuratorLLM
import Foundation
@testable import CuratorLLMStage
import Testing

@Suite("Rerank: validation, scores and the blend")
struct RerankValidationTests {
    @Test func listwiseValidationDropsUnknownsRemovesDuplicatesAndAppendsMissingInRecallOrder() {
        let keys = ["a", "b", "c", "d", "e"]
        let result = ListwiseReranker.validate(["c", "x", "a", "c", "zz"], keys: keys, recallOrder: [0, 1, 2, 3, 4])
        #expect(result.order == [2, 0, 1, 3, 4])
        #expect(result.named == 2)
        #expect(result.warnings.count == 3)
        let clean = ListwiseReranker.validate(["e", "d", "c", "b", "a"], keys: keys, recallOrder: [0, 1, 2, 3, 4])
        #expect(clean.order == [4, 3, 2, 1, 0] && clean.warnings.isEmpty)
    }

    @Test func listwiseKeysArePlainAndUnique() {
        var request = PipelineFixtures.request(count: 4)
        request.candidates[1].item.id = "bad id\"}]"
        request.candidates[2].item.id = request.candidates[0].item.id
        let keys = ListwiseReranker.keys(for: request)
        #expect(Set(keys).count == keys.count)
        #expect(keys[1] == "c2")
    }

    @Test func verbalizerScoresOnlyLettersAndRenormalisesOverThem() throws {
        let alternatives: [(token: String, logprob: Double)] = [
            ("B", -0.5), ("The", -1.0), (" A", -1.5), ("A", -2.0), ("Z", -0.1), ("C", -3.0),
        ]
        let p = try VerbalizerReranker.letterProbabilities(alternatives, letters: 4, strategy: "verbalizer")
        #expect(p.count == 4)
        #expect(abs(p.reduce(0, +) - 1) < 1e-9)
        #expect(p[1] > p[0] && p[0] > p[2] && p[2] > p[3], "B > A (two spellings) > C > D (unlisted)")
        // D is unlisted: floor = least likely listed (-3) minus the margin.
        let expectedRatio = exp(-3.0 - VerbalizerReranker.floorMargin) / exp(-3.0)
        #expect(abs(p[3] / p[2] - expectedRatio) < 1e-9)
        #expect(throws: RerankError.self) {
            try VerbalizerReranker.letterProbabilities([("Z", -0.1), ("hi", -1)], letters: 4, strategy: "v")
        }
    }

    /// A log-probability is at most 0: a server that says otherwise answers nonsense (issue 19 §11).
    @Test func positiveLogProbabilitiesAreInvalidOutput() {
        #expect(throws: RerankError.self) {
            try VerbalizerReranker.letterProbabilities([("A", 2.5), ("B", -1.0)], letters: 2, strategy: "verbalizer")
        }
        #expect(throws: RerankError.self) {
            try VerbalizerReranker.letterProbabilities([("A", -0.5), ("B", 0.75)], letters: 2, strategy: "verbalizer")
        }
    }

    @Test(arguments: [0.0, 0.5, 1.0])
    func theOutcomeIsAlwaysAPermutationAndWeightZeroKeepsRecall(weight: Double) {
        let request = PipelineFixtures.request()
        var judgement = Judgement(scores: request.candidates.indices.map { $0 % 3 == 0 ? nil : Double($0) }, templateHash: "h")
        judgement.requests = 1
        let outcome = RerankOutcome.assemble(strategy: "t", candidates: request.candidates, judgement: judgement, llmWeight: weight)
        #expect(outcome.isPermutation(of: request))
        #expect(outcome.items.map(\.finalRank) == Array(1...request.candidates.count))
        #expect(Set(outcome.items.map(\.recallRank)) == Set(1...request.candidates.count))
        if weight == 0 { #expect(outcome.keepsRecallOrder(of: request)) }
        if weight == 1 {
            // Scored by descending score first, then the unscored in recall order.
            let scored = request.candidates.indices.filter { $0 % 3 != 0 }.reversed()
            let unscored = request.candidates.indices.filter { $0 % 3 == 0 }
            #expect(outcome.order == (Array(scored) + unscored).map { request.candidates[$0].index })
            #expect(outcome.items.map(\.llmRank) == outcome.items.map(\.finalRank).map { Optional($0) })
        }
    }

    @Test func bootstrapOrdersAreSeededPermutationsStartingWithRecall() {
        let a = BootstrapReranker(base: ListwiseRerankerStub(), rounds: 4, seed: 7).orders(count: 10)
        let b = BootstrapReranker(base: ListwiseRerankerStub(), rounds: 4, seed: 7).orders(count: 10)
        #expect(a == b)
        #expect(a[0] == Array(0..<10))
        #expect(a.allSatisfy { $0.sorted() == Array(0..<10) })
        #expect(Set(a).count > 1)
    }

    @Test func bootstrapAveragesRoundsThatSeeShuffledOrders() async {
        // A stub that always prefers whatever is listed first: position bias in its purest form.
        let request = PipelineFixtures.request()
        let biased = BootstrapReranker(base: ListwiseRerankerStub(), rounds: 1)
        let debiased = BootstrapReranker(base: ListwiseRerankerStub(), rounds: 8, seed: 3)
        let one = await biased.rerank(request)
        let many = await debiased.rerank(request)
        #expect(one.keepsRecallOrder(of: request), "one round in recall order: the biased judge repeats it")
        #expect(many.isPermutation(of: request) && many.requests == 8)
        let spread = many.items.compactMap(\.llmScore)
        #expect((spread.max()! - spread.min()!) < 1, "averaging shuffled rounds flattens the position bias")
    }
}

/// A judge that scores by listing position only (first listed = best).
struct ListwiseRerankerStub: Reranker {
    let name = "stub"
    func judge(_ request: RerankRequest, order: [Int]) async throws -> Judgement {
        var judgement = Judgement(scores: Array(repeating: nil, count: request.candidates.count), templateHash: "stub")
        judgement.requests = 1
        for (position, index) in order.enumerated() { judgement.scores[index] = Double(order.count - position) / Double(order.count) }
        return judgement
    }
}
