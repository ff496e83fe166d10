import CuratorLLM
import CuratorLab
import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Testing

@Suite("Resuming a run and serving repeats from the cache (scripted server)")
struct ResumeTests {
    static func runner(_ server: LocalHTTPServer, folder: String, journal: String = "journal.jsonl") throws -> LabRunner {
        var configuration = LLMConfiguration()
        configuration.endpoint = server.baseURL
        configuration.maxAttempts = 1
        return LabRunner(
            grid: LabFixtures.grid(endpoint: server.baseURL), prompts: try LabFixtures.prompts(), catalog: LabFixtures.dataset.catalog,
            clients: ["local": LLMClient(configuration: configuration)],
            cache: try ResponseCache(path: folder + "/cache.sqlite"),
            journal: try ResultJournal(path: folder + "/" + journal), concurrency: 2)
    }

    static func chatRequests(_ server: LocalHTTPServer) -> Int { server.requests.count { $0.path.contains("chat/completions") } }

    @Test func anInterruptedRunContinuesWhereItStopped() async throws {
        let server = try LabFixtures.scriptedServer()
        defer { server.stop() }
        let folder = TemporaryDirectory()
        let cases = try LabFixtures.cases()
        try #require(cases.count == 3)
        // Interrupted after 2 of the 6 (cell, user) evaluations, each a recall-order, a shuffled
        // and a validation-phase pass.
        let first = try await Self.runner(server, folder: folder.path).run(cases, stopAfter: 2)
        #expect(first.reduce(0) { $0 + $1.results.count } == 2)
        #expect(Self.chatRequests(server) == 6)
        // A crash mid-write leaves a torn line: it is skipped.
        let journal = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.path + "/journal.jsonl"))
        journal.seekToEndOfFile()
        journal.write(Data(#"{"cell":"torn"#.utf8))
        try journal.close()
        // A new process: only the 4 missing evaluations are run.
        let resumed = try await Self.runner(server, folder: folder.path).run(cases)
        #expect(resumed.map(\.results.count) == [3, 3])
        #expect(Self.chatRequests(server) == 18)
        #expect(resumed.allSatisfy { cell in cell.results.map(\.user) == cases.map(\.user) })
        let lines = try String(contentsOfFile: folder.path + "/journal.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 7, "6 results and the torn line")
        // Done: running again asks nothing.
        _ = try await Self.runner(server, folder: folder.path).run(cases)
        #expect(Self.chatRequests(server) == 18)
    }

    @Test func aFreshJournalOverTheSameCacheSendsNoRequest() async throws {
        let server = try LabFixtures.scriptedServer()
        defer { server.stop() }
        let folder = TemporaryDirectory()
        let cases = try LabFixtures.cases()
        let live = try await Self.runner(server, folder: folder.path).run(cases)
        let sent = Self.chatRequests(server)
        #expect(sent == 18)
        let again = try await Self.runner(server, folder: folder.path, journal: "other.jsonl").run(cases)
        #expect(Self.chatRequests(server) == sent)
        for (a, b) in zip(live, again) {
            #expect(a.results.map(\.ndcg10) == b.results.map(\.ndcg10))
            #expect(a.results.map(\.latencySeconds) == b.results.map(\.latencySeconds), "cached passes report their original time")
            #expect(b.results.allSatisfy { $0.freshPasses == 0 && $0.cachedPasses == 3 })
        }
        // The scripted model always picks "A": the first-shown candidate, in either order.
        let summary = CellSummary(live[0], grid: LabFixtures.grid(endpoint: server.baseURL))
        #expect(summary.firstShownPickedFirstRate == 1 && summary.shuffledFirstShownPickedFirstRate == 1)
        #expect(summary.validOutputRate == 1)
    }
}
