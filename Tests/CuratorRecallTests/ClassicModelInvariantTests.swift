import CuratorCore
import CuratorTestSupport
import Foundation
import Testing
@testable import CuratorRecall

/// Oracles and invariants of EASE, ALS and BPR.
@Suite struct ClassicModelInvariantTests {
    @Test(arguments: [UInt64(11), 12, 13])
    func easeEqualsASlowReference(seed: UInt64) throws {
        let data = ClassicFixtures.random(users: 30, items: 12, density: 0.3, seed: seed)
        let reg: Float = 2
        let model = try EASEModel.fit(data, configuration: .init(regularization: reg), progress: SilentProgress())
        let reference = Self.slowEASE(data, regularization: Double(reg))
        let n = data.itemCount
        for index in 0..<(n * n) {
            #expect(abs(Double(model.weights[index]) - reference[index]) <= 1e-4 + 1e-3 * abs(reference[index]),
                    "B[\(index / n), \(index % n)]")
        }
    }

    /// Issue 19 §8: the memory check counts every dense buffer that a fit and its save hold
    /// at once (it counted two of the four the save then held: 16 bytes per item² measured).
    @Test func easesMemoryEstimateCountsWhatTheFitAndItsSaveHold() throws {
        let data = ClassicFixtures.random(users: 40, items: 30, density: 0.3, seed: 5)
        let model = try EASEModel.fit(data, configuration: .init(regularization: 2), progress: SilentProgress())
        let file = RecallModelRegistry.modelFile(for: model, datasetFingerprint: 1)
        let held = model.weights.count * MemoryLayout<Float>.size + file.payload.count + file.encoded().count
        #expect(EASEModel.estimatedBytes(itemCount: data.itemCount) >= Double(held))
    }

    @Test func easeRefusesWhatWouldNotFitInMemory() {
        #expect(throws: EASEError.self) {
            try EASEModel.checkMemory(itemCount: 200_000, physicalMemory: 16 << 30)
        }
        do {
            try EASEModel.checkMemory(itemCount: 200_000, physicalMemory: 16 << 30)
        } catch {
            let message = String(describing: error)
            #expect(message.contains("GiB") && message.contains("als") && message.contains("--min-item"))
        }
        #expect(throws: Never.self) { try EASEModel.checkMemory(itemCount: 5_000, physicalMemory: 16 << 30) }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4], ALSModel.Formulation.allCases)
    func alsLossNeverIncreases(seed: UInt64, formulation: ALSModel.Formulation) {
        let data = ClassicFixtures.random(users: 80, items: 40, density: 0.15, seed: seed)
        var trainer = ALSTrainer(data: data, configuration: .init(factors: 6, regularization: 0.05, alpha: 4, seed: seed, formulation: formulation))
        var previous = trainer.loss()
        for iteration in 0..<12 {
            trainer.iterate()
            let loss = trainer.loss()
            #expect(loss <= previous * (1 + 1e-5) + 1e-6, "iteration \(iteration): \(previous) → \(loss)")
            previous = loss
        }
    }

    /// Fitting and fold-in solve the same equation in each formulation.
    @Test(arguments: [UInt64(5), 6], ALSModel.Formulation.allCases)
    func alsFoldInOfATrainingUserGivesItsFittedVector(seed: UInt64, formulation: ALSModel.Formulation) throws {
        let data = ClassicFixtures.random(users: 60, items: 30, density: 0.2, seed: seed)
        let model = try ALSModel.fit(data, configuration: .init(
            factors: 5, regularization: 0.1, alpha: 2, iterations: 60, conjugateGradientSteps: 8, seed: seed, formulation: formulation),
            progress: SilentProgress())
        for u in 0..<data.userCount {
            let fitted = model.factors.userVector(u)
            let folded = model.foldIn(UserContext(history: Array(data.sequences.sequence(of: u))))
            let difference = zip(fitted, folded).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            let norm = fitted.map { $0 * $0 }.reduce(0, +).squareRoot()
            #expect(difference <= 0.02 * norm + 1e-4, "user \(u)")
        }
    }

    @Test func factorModelsUseTheFittedVectorOnlyForTheTrainingHistory() throws {
        let data = ClassicFixtures.blockTastes()
        let model = try ALSModel.fit(data, configuration: .init(factors: 4, iterations: 3), progress: SilentProgress())
        let history = Array(data.sequences.sequence(of: 0))
        #expect(model.userVector(for: UserContext(user: 0, history: history)) == model.factors.userVector(0))
        let shorter = Array(history.dropLast())
        #expect(model.userVector(for: UserContext(user: 0, history: shorter)) == model.foldIn(UserContext(history: shorter)))
    }

    /// `curator` without `--params` and the library's `Configuration()` must be the same model:
    /// the defaults are declared once, in the memberwise initialiser.
    @Test func parsedDefaultsAreTheConfigurationDefaults() throws {
        #expect(try ALSModel.Configuration(ModelParameters()).parameters == ALSModel.Configuration().parameters)
        #expect(try BPRModel.Configuration(ModelParameters()).parameters == BPRModel.Configuration().parameters)
        #expect(try ALSModel.Configuration(ModelParameters(["factors": "7"])).factors == 7)
    }

    @Test(arguments: ["ease", "als", "bpr"])
    func saveAndLoadGiveIdenticalScores(kind: String) throws {
        let data = ClassicFixtures.blockTastes()
        let parameters = ModelParameters(kind == "ease" ? ["reg": "5"] : ["factors": "6", kind == "als" ? "iterations" : "epochs": "5"])
        let model = try RecallModelRegistry.fit(kind: kind, parameters: parameters, data: data)
        let file = RecallModelRegistry.modelFile(for: model, datasetFingerprint: 7)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("curator-\(kind)-\(UUID()).model").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try file.write(to: path)
        let loaded = try RecallModelRegistry.load(try ModelFile.read(from: path), path: path, expectedKind: kind, datasetFingerprint: 7)
        let contexts = [UserContext(user: 3, history: Array(data.sequences.sequence(of: 3))),
                        UserContext(history: [1, 2, 30], weights: [1, 2, 0.5])]
        for context in contexts {
            #expect(model.scores(for: context) == loaded.scores(for: context))
        }
    }

    /// EASE in doubles: Gram by triple loop, inverse by Gauss–Jordan, then B.
    static func slowEASE(_ data: TrainingData, regularization: Double) -> [Double] {
        let n = data.itemCount
        var g = [Double](repeating: 0, count: n * n)
        for u in 0..<data.userCount {
            let items = data.sequences.sequence(of: u)
            for i in items { for j in items { g[Int(i) * n + Int(j)] += 1 } }
        }
        for i in 0..<n { g[i * n + i] += regularization }
        var inverse = [Double](repeating: 0, count: n * n)
        for i in 0..<n { inverse[i * n + i] = 1 }
        for column in 0..<n {
            let pivot = (column..<n).max { abs(g[$0 * n + column]) < abs(g[$1 * n + column]) }!
            for k in 0..<n {
                g.swapAt(column * n + k, pivot * n + k)
                inverse.swapAt(column * n + k, pivot * n + k)
            }
            let scale = g[column * n + column]
            for k in 0..<n { g[column * n + k] /= scale; inverse[column * n + k] /= scale }
            for row in 0..<n where row != column {
                let factor = g[row * n + column]
                for k in 0..<n {
                    g[row * n + k] -= factor * g[column * n + k]
                    inverse[row * n + k] -= factor * inverse[column * n + k]
                }
            }
        }
        var b = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n where i != j { b[i * n + j] = -inverse[i * n + j] / inverse[j * n + j] } }
        return b
    }
}
