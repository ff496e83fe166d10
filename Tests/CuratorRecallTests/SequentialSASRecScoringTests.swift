import CuratorCore
import Testing
@testable import CuratorRecall

/// SASRec scores the way it trains: the next item comes from the last position's output, the
/// window is the last `maxLength` items right-aligned as in training, and dropout is off.
@Suite struct SequentialSASRecScoringTests {
    static let layout = SASRecLayout(itemCount: 11, width: 8, headCount: 2, blockCount: 2, maxLength: 5)

    static func model(seed: UInt64, dropout: Float) throws -> SASRecModel {
        var configuration = try SASRecModel.Configuration(ModelParameters([
            "dim": "8", "heads": "2", "blocks": "2", "maxlen": "5", "dropout": String(dropout),
        ]))
        configuration.seed = seed
        var rng = SeededGenerator.stream(seed, 3)
        // Initial weights plus noise, so biases and layer-norm parameters are not trivial.
        let weights = layout.initialWeights(seed: seed).map { $0 + 0.1 * Float(rng.nextGaussian()) }
        return SASRecModel(configuration: configuration, layout: layout, weights: weights)
    }

    static func scores(_ model: SASRecModel, _ history: [Int32]) -> [Float] {
        var scores = [Float](repeating: 0, count: model.itemCount)
        scores.withUnsafeMutableBufferPointer { model.score(UserContext(history: history), into: $0) }
        return scores
    }

    /// The oracle: a training-mode forward without dropout over the window that training
    /// would feed to predict the item after `history`, then one plain dot product per item
    /// with the last row.
    static func trainingPathScores(_ model: SASRecModel, _ history: [Int32]) -> [Float] {
        let window = Array(history.suffix(layout.maxLength)), L = window.count, d = layout.width
        let activations = SASRecActivations(layout: layout, capacity: L)
        defer { activations.deallocate() }
        var rng = SeededGeneratorRef(value: SeededGenerator(seed: 9))
        return model.weights.withUnsafeBufferPointer { w in
            window.withUnsafeBufferPointer { x in
                SASRecNetwork(layout: layout, dropout: 0).forward(x.baseAddress!, length: L, weights: w.baseAddress!,
                                                                  activations: activations, training: true, rng: &rng)
            }
            return (0..<layout.itemCount).map { item in
                var sum: Float = 0
                for c in 0..<d { sum += activations.output[(L - 1) * d + c] * w[layout.itemEmbedding + item * d + c] }
                return sum
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func scoresComeFromTheLastPositionOfTheTrainingWindow(seed: UInt64) throws {
        let model = try Self.model(seed: seed, dropout: 0.5)
        for history: [Int32] in [[4], [4, 9, 1], [2, 7, 0, 10, 3], [6, 5, 2, 7, 0, 10, 3, 8]] {
            let scored = Self.scores(model, history), oracle = Self.trainingPathScores(model, history)
            for item in 0..<model.itemCount {
                #expect(abs(scored[item] - oracle[item]) <= 1e-4 * max(1, abs(oracle[item])), "history \(history), item \(item)")
            }
        }
    }

    @Test(arguments: [UInt64(1), 2])
    func onlyTheLastMaxLengthItemsCount(seed: UInt64) throws {
        let model = try Self.model(seed: seed, dropout: 0.2)
        let recent: [Int32] = [2, 7, 0, 10, 3]
        let alone = Self.scores(model, recent)
        for older: [Int32] in [[1], [6, 5], [9, 4, 8, 1]] {
            #expect(Self.scores(model, older + recent) == alone, "older items \(older)")
        }
        // Within the window, order matters (positions and causality are in use).
        #expect(Self.scores(model, [7, 2, 0, 10, 3]) != alone)
    }

    @Test func dropoutIsOffWhenScoring() throws {
        let noisy = try Self.model(seed: 4, dropout: 0.9), clean = try Self.model(seed: 4, dropout: 0)
        let history: [Int32] = [3, 1, 4, 1, 5, 9]
        let first = Self.scores(noisy, history)
        #expect(Self.scores(noisy, history) == first)
        #expect(Self.scores(clean, history) == first)
    }
}
