import CuratorCore
import CuratorRecall
import Foundation
import Testing
@testable import CuratorEval

@Suite struct ParameterTuningTests {
    @Test func aGridIsEveryCombination() throws {
        let grid = try ParameterGrid(parsing: "factors=32,64;reg=0.01,0.1,1")
        let points = grid.points(base: ModelParameters(["iterations": "5"]))
        #expect(points.count == 6)
        #expect(Set(points.map { $0.values["factors"]! + "/" + $0.values["reg"]! }).count == 6)
        #expect(points.allSatisfy { $0.values["iterations"] == "5" })
    }

    @Test(arguments: ["factors", "factors=", "=1", "a=1;a=2"])
    func badGridsAreRefused(spec: String) {
        #expect(throws: ModelParameterError.self) { try ParameterGrid(parsing: spec) }
    }

    @Test func theStoreKeepsTheBestPointForEval() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("curator-tune-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = TuningStore(state: StateDirectory(root: root), datasetPath: "/data/x", filter: InteractionFilter())
        #expect(try store.bestParameters(for: "als") == nil)
        let worse = TuningPoint(parameters: ["factors": "8"], metrics: ["ndcg@10": 0.1], fitSeconds: 1)
        let better = TuningPoint(parameters: ["factors": "16"], metrics: ["ndcg@10": 0.2], fitSeconds: 1)
        try store.save(TuningResult(model: "als", dataset: "x", metric: "ndcg@10", points: [worse, better], best: better))
        #expect(try store.bestParameters(for: "als") == ModelParameters(["factors": "16"]))
    }
}
