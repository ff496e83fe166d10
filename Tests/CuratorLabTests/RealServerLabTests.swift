import CuratorLLM
import CuratorLab
import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Testing

/// A tiny grid against the real llama.cpp server (Gemma 3 270M, shared per test process):
/// 3 users × 2 templates × verbalizer × 5 candidates, recall order and shuffled.
@Suite("Real llama.cpp server: a tiny prompt-lab grid", .serialized)
struct RealServerLabTests {
    @Test func aTinyGridRunsAndItsRepeatComesFromTheCache() async throws {
        let client = try await SharedLlamaServer.client()
        let folder = TemporaryDirectory()
        let cases = try LabFixtures.cases()
        var grid = LabFixtures.grid(endpoint: client.configuration.endpoint)
        grid.endpoints[0].model = nil  // asked of the server
        func runner(_ journal: String) throws -> LabRunner {
            LabRunner(grid: grid, prompts: try LabFixtures.prompts(), catalog: LabFixtures.dataset.catalog, clients: ["local": client],
                      cache: try ResponseCache(path: folder.path + "/cache.sqlite"),
                      journal: try ResultJournal(path: folder.path + "/" + journal))
        }
        let results = try await runner("journal.jsonl").run(cases)
        #expect(results.map(\.results.count) == [3, 3])
        let report = LabReport(dataset: "fixture", grid: grid, results: results, wallSeconds: 0)
        for cell in report.cells {
            #expect(cell.fallBackRate == 0, "\(cell.cell.label)")
            #expect((0...1).contains(cell.ndcg10) && (0...1).contains(cell.mrr) && (0...1).contains(cell.hitRate10))
            #expect(cell.uplift.low <= cell.uplift.mean && cell.uplift.mean <= cell.uplift.high)
            #expect(cell.promptTokensPerUser > 0 && cell.freshPasses == 9, "recall order, shuffled and validation, per user")
            #expect(cell.firstShownPickedFirstRate != nil && cell.shuffledNDCG10 != nil)
        }
        #expect(report.cells[0].promptTokensPerUser > report.cells[1].promptTokensPerUser, "the terse variant is shorter")
        let again = try await runner("again.jsonl").run(cases)
        #expect(again.allSatisfy { $0.results.allSatisfy { $0.freshPasses == 0 } })
        #expect(again.map { $0.results.map(\.ndcg10) } == results.map { $0.results.map(\.ndcg10) })
    }
}
