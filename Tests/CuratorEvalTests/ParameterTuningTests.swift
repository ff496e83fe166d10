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

    /// The defaults are a point of every search, fitted first, and kept on a tie or when no grid
    /// point beats them (a grid that never tried them had stored a worse point for eval).
    @Test func theDefaultsAreAPointAndWinWhenNothingBeatsThem() throws {
        let grid = try ParameterGrid(parsing: "decay=0.0,0.9")
        let points = ParameterTuner.points(grid, base: ModelParameters())
        #expect(points.first == ModelParameters() && points.count == 3)
        #expect(ParameterTuner.points(try ParameterGrid(parsing: "decay=0.5"), base: ModelParameters(["decay": "0.5"])).count == 1)

        var configuration = SyntheticDataset.Configuration()
        (configuration.users, configuration.items, configuration.interactions, configuration.clusters, configuration.seed) = (60, 40, 900, 3, 4)
        let dataset = SyntheticDataset.generate(configuration, name: "synth")
        let tuner = ParameterTuner(evaluation: LeaveLastOutProtocol(dataset: dataset))
        let result = try tuner.tune(kind: "itemknn", grid: try ParameterGrid(parsing: "neighbors=1,2"))
        #expect(result.points.count == 3 && result.points[1].parameters["neighbors"] == "1" && result.points[2].parameters["neighbors"] == "2")
        let ndcg = result.points.map { $0.metrics["ndcg@10"] ?? 0 }
        #expect(result.best.metrics["ndcg@10"] == ndcg.max(), "\(ndcg)")
        #expect(result.best == result.points[ndcg.firstIndex(of: ndcg.max()!)!], "the first of equals, the defaults first")
        #expect(ndcg[0] > ndcg[1], "one neighbour is worse than the default: \(ndcg)")
        #expect(result.best != result.points[1])
    }

    /// A metric where lower is better picks its lowest point.
    @Test func thePopularityLeanPicksItsLowest() throws {
        #expect(!MetricName(.popularityBias, 10).higherIsBetter && MetricName(.ndcg, 10).higherIsBetter)
        var configuration = SyntheticDataset.Configuration()
        (configuration.users, configuration.items, configuration.interactions, configuration.clusters, configuration.seed) = (60, 40, 900, 3, 4)
        let tuner = ParameterTuner(evaluation: LeaveLastOutProtocol(dataset: SyntheticDataset.generate(configuration, name: "synth")),
                                   metric: MetricName(.popularityBias, 10))
        let result = try tuner.tune(kind: "itemknn", grid: try ParameterGrid(parsing: "neighbors=1,2,5"))
        let lean = result.points.map { $0.metrics["popularity-bias@10"] ?? .nan }
        #expect(Set(lean).count > 1, "the points differ: \(lean)")
        #expect(result.best.metrics["popularity-bias@10"] == lean.min(), "\(lean)")
    }
}

