import CuratorCore
import Foundation

/// Bayesian personalised ranking (Rendle et al. 2009) on matrix factorisation: SGD on
/// `ln σ(x_u · (y_i − y_j))` for a seen item `i` and a sampled unseen item `j`, with L2
/// regularisation, plus an item bias (the last column; users hold a constant 1 there).
///
/// Threads update shared factors without locks (Hogwild, Niu et al. 2011), so a fit is
/// reproducible exactly only with one thread (`CURATOR_THREADS=1`); with more, the seed fixes
/// the initial factors and every sample, not the interleaving of updates.
public struct BPRModel: FactorModel {
    /// How a negative item is drawn.
    public enum Sampling: String, Sendable, CaseIterable {
        /// Uniformly over all items.
        case uniform
        /// In proportion to item popularity (an interaction drawn at random), as implicit does.
        case popularity
    }

    public struct Configuration: RecallModelConfiguration {
        public var factors: Int
        public var learningRate: Float
        public var regularization: Float
        public var epochs: Int
        public var sampling: Sampling
        /// SGD passes over a history when folding in a user.
        public var foldInEpochs: Int
        public var seed: UInt64

        /// The defaults are implicit's own (100 factors, lr 0.01, 100 epochs, negatives drawn by
        /// popularity) but for λ 0.001 (implicit's 0.01). On ml-100k `loo`, uniform negatives with
        /// 64 factors gave NDCG@10 0.0335 against implicit's 0.045–0.048 (seeds 1, 2); popularity
        /// negatives closed most of the gap. With implicit's λ 0.01 the fit is implicit's update
        /// for update, and its mean over seeds 1–3 was at or just below implicit's (ml-100k 0.0449
        /// against 0.0463, the synthetic set of `Benchmarks/peers/run-defaults.sh` 0.1471 against
        /// 0.1467); λ 0.001 gave 0.0479 and 0.1534, above on both (lr 0.02: 0.0493 but 0.1472;
        /// 200 epochs: 0.0475 and 0.1504 at twice the time; λ 0.0001: 0.0474 and 0.1547).
        public init(factors: Int = 100, learningRate: Float = 0.01, regularization: Float = 0.001, epochs: Int = 100,
                    sampling: Sampling = .popularity, foldInEpochs: Int = 200, seed: UInt64 = 42) {
            self.factors = factors
            self.learningRate = learningRate
            self.regularization = regularization
            self.epochs = epochs
            self.sampling = sampling
            self.foldInEpochs = foldInEpochs
            self.seed = seed
        }

        public init(_ parameters: ModelParameters) throws {
            try parameters.requireKnown(["factors", "lr", "reg", "epochs", "sampling", "fold_in_epochs", "seed"], model: BPRModel.kind)
            let defaults = Configuration()
            let samplingName = parameters.values["sampling"] ?? defaults.sampling.rawValue
            guard let sampling = Sampling(rawValue: samplingName) else {
                throw ModelParameterError(message: "sampling must be uniform or popularity, not '\(samplingName)'")
            }
            self.init(
                factors: try parameters.int("factors", default: defaults.factors, in: 1...4096),
                learningRate: try parameters.float("lr", default: defaults.learningRate, in: 0.000_001...10),
                regularization: try parameters.float("reg", default: defaults.regularization, in: 0...1_000),
                epochs: try parameters.int("epochs", default: defaults.epochs, in: 0...100_000),
                sampling: sampling,
                foldInEpochs: try parameters.int("fold_in_epochs", default: defaults.foldInEpochs, in: 1...100_000),
                seed: UInt64(try parameters.int("seed", default: Int(defaults.seed), in: 0...Int.max)))
        }

        public var parameters: [String: String] {
            ["factors": String(factors), "lr": String(learningRate), "reg": String(regularization), "epochs": String(epochs),
             "sampling": sampling.rawValue, "fold_in_epochs": String(foldInEpochs), "seed": String(seed)]
        }
    }

    public static let kind = "bpr"
    public let configuration: Configuration
    public let factors: FactorMatrices
    public let trainingFingerprints: [UInt64]

    init(configuration: Configuration, factors: FactorMatrices, trainingFingerprints: [UInt64]) {
        self.configuration = configuration
        self.factors = factors
        self.trainingFingerprints = trainingFingerprints
    }

    /// SGD on the user's vector alone (item vectors fixed), seeded by the history, with
    /// uniformly drawn negatives outside the history.
    public func foldIn(_ context: UserContext) -> [Float] {
        let f = factors.width, k = f - 1, n = factors.itemCount
        var x = [Float](repeating: 0, count: f)
        x[k] = 1
        let positives = context.history.indices.filter { Int(context.history[$0]) < n && context.history[$0] >= 0 }
        guard !positives.isEmpty, n > positives.count else { return x }
        let seen = Set(context.history)
        var rng = SeededGenerator(seed: configuration.seed ^ HistoryFingerprint.of(context.history))
        let lr = configuration.learningRate, reg = configuration.regularization
        factors.items.withUnsafeBufferPointer { y in
            x.withUnsafeMutableBufferPointer { x in
                let x = x.baseAddress!
                for _ in 0..<(configuration.foldInEpochs * positives.count) {
                    let position = positives[Int(rng.next() % UInt64(positives.count))]
                    let j = Int32(rng.next() % UInt64(n))
                    guard !seen.contains(j) else { continue }
                    let yi = y.baseAddress! + Int(context.history[position]) * f, yj = y.baseAddress! + Int(j) * f
                    let margin = VectorMath.dot(x, yi, f) - VectorMath.dot(x, yj, f)
                    let z = context.weight(at: position) / (1 + expf(margin))
                    for d in 0..<k { x[d] += lr * (z * (yi[d] - yj[d]) - reg * x[d]) }
                }
            }
        }
        return x
    }

    public func encode(into writer: inout BinaryWriter) {
        factors.encode(into: &writer)
        writer.write(array: trainingFingerprints)
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        let factors = try FactorMatrices(decoding: &reader, kind: Self.kind)
        let fingerprints = try reader.readArray(of: UInt64.self)
        guard fingerprints.count == factors.userCount, factors.width == configuration.factors + 1 else {
            throw ModelFileError(.badPayload("factors disagree with the configuration"), path: Self.kind)
        }
        self.init(configuration: configuration, factors: factors, trainingFingerprints: fingerprints)
    }
}
