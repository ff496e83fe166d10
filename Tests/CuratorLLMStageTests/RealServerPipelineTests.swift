import CuratorCore
import CuratorLLM
import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Synchronization
import Testing

/// Against the real llama.cpp server with Gemma 3 270M (one shared server per test process).
/// These never skip: without the server and model they fail, saying how to install them.
@Suite("Real llama.cpp server: rerank strategies, enhance cache, explanations", .serialized)
struct RealServerPipelineTests {
    static func stage(_ strategy: RerankStrategy, base: RerankStrategy = .verbalizer) async throws -> LLMStage {
        var configuration = LLMStageConfiguration()
        configuration.strategy = strategy
        configuration.bootstrapBase = base
        configuration.bootstrapRounds = 2
        configuration.deadline = .seconds(600)  // a shared, loaded machine: the deadline is not what is tested here
        return LLMStage(client: try await SharedLlamaServer.client(), prompts: try PipelineFixtures.prompts(), configuration: configuration)
    }

    @Test(arguments: [(RerankStrategy.verbalizer, RerankStrategy.verbalizer), (.listwise, .verbalizer), (.bootstrap, .verbalizer), (.bootstrap, .listwise)])
    func everyStrategyReturnsAPermutationOfTheCandidates(strategy: RerankStrategy, base: RerankStrategy) async throws {
        let request = PipelineFixtures.request(count: 12)
        let outcome = try await Self.stage(strategy, base: base).reranker().rerank(request)
        #expect(outcome.isPermutation(of: request))
        #expect(outcome.items.map(\.finalRank) == Array(1...request.candidates.count))
        #expect(!outcome.fellBackToRecall, "\(outcome.warnings)")
        #expect(outcome.promptTokens > 0 && outcome.requests >= 1)
        #expect(!outcome.templateHash.isEmpty)
    }

    @Test func theVerbalizerSeesItsLettersAsSingleTokens() async throws {
        let client = try await SharedLlamaServer.client()
        try await LabelCheck(client: client).verify()
        let request = PipelineFixtures.request(count: 20)
        let outcome = try await Self.stage(.verbalizer).reranker().rerank(request)
        #expect(outcome.requests == 1 && outcome.completionTokens <= 1)
        #expect(abs(outcome.items.compactMap(\.llmScore).reduce(0, +) - 1) < 1e-6)
    }

    @Test func enhanceCachesSoARepeatNeedsNoServer() async throws {
        let folder = TemporaryDirectory()
        let cache = try ResponseCache(path: folder.path + "/llm.sqlite")
        let prompts = try PipelineFixtures.prompts()
        let live = Enhancer(client: try await SharedLlamaServer.client(), prompts: prompts, cache: cache, modelName: "gemma-3-270m")
        let item = PipelineFixtures.catalog[7]
        let first = try await live.itemProfile(item)
        #expect(!first.fromCache)
        // The same model, template and input through a client that cannot reach any server.
        var dead = LLMConfiguration()
        dead.endpoint = URL(string: "http://127.0.0.1:9")!
        dead.maxAttempts = 1
        let offline = Enhancer(client: LLMClient(configuration: dead), prompts: prompts,
                               cache: try ResponseCache(path: folder.path + "/llm.sqlite"), modelName: "gemma-3-270m")
        let again = try await offline.itemProfile(item)
        #expect(again.fromCache && again.value == first.value)
    }

    @Test func explanationsAreCheckedThenShownAndNameAHistoryItem() async throws {
        let stage = try await Self.stage(.verbalizer)
        let catalog = PipelineFixtures.catalog
        let shown = Mutex<[Int: String]>([:])
        let result = await stage.run(
            history: PipelineFixtures.history, recall: PipelineFixtures.recall(), catalog: catalog, count: 2,
            onText: { position, text in shown.withLock { $0[position, default: ""] += text } })
        #expect(result.explanations.count == 2)
        let historyTitles = PipelineFixtures.history.map { catalog[Int($0)].displayTitle }
        for (position, explanation) in result.explanations.enumerated() {
            #expect(historyTitles.contains(explanation.anchorTitle))
            #expect(explanation.text.hasPrefix("Because you liked \(explanation.anchorTitle)"))
            #expect(!explanation.sentence.isEmpty)
            // The model wrote a sentence, and it was checked: shown when it passed, else replaced.
            let verdict = try #require(explanation.verdict, "\(explanation.warning ?? "")")
            #expect(verdict.passed == (explanation.source == .llm))
            #expect(verdict.passed || explanation.rejectedSentence != nil)
            #expect(shown.withLock { $0[position] } == explanation.text, "released once, whole, after the check")
        }
    }
}

/// `curator items enhance` with the real model: what Gemma 3 270M writes is stored only when
/// it survives cleaning, and a rerun asks nothing.
@Suite("Real llama.cpp server: item enhancement", .serialized)
struct RealServerEnhancementTests {
    @Test func theRealModelDescribesItemsWithoutTextAndARerunIsFree() async throws {
        let folder = TemporaryDirectory()
        let store = EnhancedItemStore(datasetFolder: folder.path)
        let catalog = [Item(id: "1", title: "Toy Story", year: 1995, genres: ["Animation", "Children's", "Comedy"]),
                       Item(id: "2", title: "GoldenEye", year: 1995, genres: ["Action", "Adventure", "Thriller"]),
                       Item(id: "3", title: "Heat", year: 1995, genres: ["Crime"], text: "Its own text."),
                       // Its answer ran past 200 tokens of indentation (measured): the budget now covers any answer.
                       Item(id: "4", title: "Net, The", year: 1995, genres: ["Sci-Fi", "Thriller"])]
        let enhancer = Enhancer(client: try await SharedLlamaServer.client(), prompts: try PipelineFixtures.prompts(),
                                cache: try ResponseCache(path: folder.path + "/llm.sqlite"), modelName: "gemma-3-270m")
        let first = try await ItemEnhancement(enhancer: enhancer, store: store).run(catalog: catalog, progress: SilentProgress())
        // The token budget covers the longest answer the schema allows, so none is cut short:
        // every item ends written or refused with its reason, never stored half-made.
        #expect(first.considered == 3)
        #expect(first.failed == 0, "\(first.examples)")
        #expect(first.written + first.refused == 3)
        #expect(first.refusals.values.reduce(0, +) == first.refused)
        let entries = try store.load()
        #expect(entries["3"] == nil, "an item with its own text is not described")
        for (id, entry) in entries {
            let item = try #require(catalog.first { $0.id == id })
            #expect(EnhancedTextCheck().refusal(entry.description, of: item) == nil, "\(entry.description)")
            #expect(!entry.description.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
        let again = try await ItemEnhancement(enhancer: enhancer, store: store).run(catalog: catalog, redo: true, progress: SilentProgress())
        #expect(again.fromCache == again.written && again.written == first.written)
    }
}
