import CBLAS
import CuratorCore

/// Alternating least squares for implicit feedback (Hu, Koren & Volinsky 2008).
///
/// Every observed (user, item) has preference 1 and confidence `1 + alpha · r` (r = 1 for a
/// plain interaction, the weight for weighted histories); every other pair has preference 0
/// and confidence 1. Each half-step solves all user (then item) vectors with a few steps of
/// conjugate gradient warm-started at the previous vector (Takács et al. 2011, as in
/// implicit), rows split across threads.
///
/// Note: implicit's `alpha` scales the confidence itself (`c = alpha · r`), so implicit's
/// `alpha = a` is this model's `alpha = a - 1` on binary data.
///
/// `formulation` says how λ enters each solve: as it is (`curator`, implicit's), or scaled by
/// the row's count of positive interactions (`spark`, MLlib's implicit ALS, whose fold-in is
/// also solved in double precision as MLlib does). A model imported from Spark
/// (`SparkALSImport`) records `spark`, so new users and chat sessions fold in as Spark would.
public struct ALSModel: FactorModel {
    /// How the regularisation enters each user's (and item's) least-squares solve.
    public enum Formulation: String, Sendable, CaseIterable {
        /// `(YᵀY + λI + Σ α r y yᵀ) x = Σ (1 + α r) y` (implicit's and Curator's own).
        case curator
        /// `(YᵀY + Σ α|r| y yᵀ + λ·n·I) x = Σ_{r>0} (1 + α r) y`, n = the count of r > 0
        /// (Spark MLlib's `ALS` with `implicitPrefs`, its ALS-WR weighting of λ).
        case spark
    }

    public struct Configuration: RecallModelConfiguration {
        public var factors: Int
        /// L2 regularisation λ of both factor matrices.
        public var regularization: Float
        /// Confidence slope: an observed pair weighs `1 + alpha · r`.
        public var alpha: Float
        public var iterations: Int
        /// Conjugate-gradient steps per vector and half-iteration.
        public var conjugateGradientSteps: Int
        public var seed: UInt64
        public var formulation: Formulation

        /// The defaults reach implicit's own (`AlternatingLeastSquares()`: 100 factors, its confidence
        /// 1, which is α 0 here) on both ml-100k and a synthetic set of another shape (`loo` test
        /// NDCG@10, mean of seeds 1–3, `curator bench model` against `peers.py run --defaults`; see
        /// `Benchmarks/peers/README.md`): 64 factors with α 1 were ahead on
        /// ml-100k (0.0393 against 0.0387) but behind on the synthetic set (0.1870 against
        /// 0.1982); 128 factors with α 1 gave 0.0444 and 0.2043 (100 factors with α 1: 0.0432 and
        /// 0.1985, a tie there; α 0 was below α 1 on ml-100k with either count).
        public init(factors: Int = 128, regularization: Float = 0.01, alpha: Float = 1, iterations: Int = 15,
                    conjugateGradientSteps: Int = 3, seed: UInt64 = 42, formulation: Formulation = .curator) {
            self.formulation = formulation
            self.factors = factors
            self.regularization = regularization
            self.alpha = alpha
            self.iterations = iterations
            self.conjugateGradientSteps = conjugateGradientSteps
            self.seed = seed
        }

        public init(_ parameters: ModelParameters) throws {
            try parameters.requireKnown(["factors", "reg", "alpha", "iterations", "cg_steps", "seed", "formulation"], model: ALSModel.kind)
            let formulation = parameters.values["formulation"] ?? Formulation.curator.rawValue
            guard let parsed = Formulation(rawValue: formulation) else {
                throw ModelParameterError(message: "als: formulation must be \(Formulation.allCases.map(\.rawValue).joined(separator: " or ")), not '\(formulation)'")
            }
            let defaults = Configuration()
            self.init(
                factors: try parameters.int("factors", default: defaults.factors, in: 1...4096),
                regularization: try parameters.float("reg", default: defaults.regularization, in: 0...1_000_000),
                alpha: try parameters.float("alpha", default: defaults.alpha, in: 0...1_000_000),
                iterations: try parameters.int("iterations", default: defaults.iterations, in: 0...10_000),
                conjugateGradientSteps: try parameters.int("cg_steps", default: defaults.conjugateGradientSteps, in: 1...1_000),
                seed: UInt64(try parameters.int("seed", default: Int(defaults.seed), in: 0...Int.max)),
                formulation: parsed)
        }

        public var parameters: [String: String] {
            var pairs = ["factors": String(factors), "reg": String(regularization), "alpha": String(alpha),
                         "iterations": String(iterations), "cg_steps": String(conjugateGradientSteps), "seed": String(seed)]
            // Recorded only when it differs from the default, so earlier files and reports read the same.
            if formulation != .curator { pairs["formulation"] = formulation.rawValue }
            return pairs
        }
    }

    public static let kind = "als"
    public let configuration: Configuration
    public let factors: FactorMatrices
    public let trainingFingerprints: [UInt64]
    /// `YᵀY + λI` (curator formulation) or `YᵀY` in double precision (spark), kept for fold-in.
    let itemGram: [Float]
    let itemGramDouble: [Double]

    init(configuration: Configuration, factors: FactorMatrices, trainingFingerprints: [UInt64]) {
        self.configuration = configuration
        self.factors = factors
        self.trainingFingerprints = trainingFingerprints
        switch configuration.formulation {
        case .curator:
            itemGram = FactorMatrices.gram(factors.items, rows: factors.itemCount, width: factors.width,
                                           ridge: configuration.regularization)
            itemGramDouble = []
        case .spark:
            itemGram = []
            itemGramDouble = FactorMatrices.gramDouble(factors.items, rows: factors.itemCount, width: factors.width)
        }
    }

    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> ALSModel {
        var trainer = ALSTrainer(data: data, configuration: configuration)
        let tracker = ProgressTracker(task: "als: iterations", total: configuration.iterations, reporter: progress)
        for _ in 0..<configuration.iterations {
            trainer.iterate()
            tracker.advance()
        }
        tracker.finish()
        return ALSModel(configuration: configuration, factors: trainer.factors,
                        trainingFingerprints: HistoryFingerprint.ofRows(data.userItems))
    }

    /// The exact least-squares user vector for the history in the model's formulation: for
    /// `curator` as implicit's `recalculate_user`, `(YᵀY + λI + Σ (c−1) y yᵀ) x = Σ c y`; for
    /// `spark` as MLlib's implicit update (see `Formulation.spark`). Solved by Cholesky.
    public func foldIn(_ context: UserContext) -> [Float] {
        if configuration.formulation == .spark { return foldInAsSpark(context) }
        let f = factors.width
        var a = itemGram
        var b = [Float](repeating: 0, count: f)
        factors.items.withUnsafeBufferPointer { y in
            a.withUnsafeMutableBufferPointer { a in
                b.withUnsafeMutableBufferPointer { b in
                    for (position, item) in context.history.enumerated() where item >= 0 && Int(item) < factors.itemCount {
                        let c = 1 + configuration.alpha * context.weight(at: position)
                        let row = y.baseAddress! + Int(item) * f
                        cblas_ssyr(CblasRowMajor, CblasUpper, Int32(f), c - 1, row, 1, a.baseAddress, Int32(f))
                        VectorMath.axpy(c, row, b.baseAddress!, f)
                    }
                }
            }
        }
        // Row-major upper is column-major lower.
        let info = a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { curator_sposv(UInt8(ascii: "L").asCChar, Int32(f), a.baseAddress, Int32(f), $0.baseAddress) }
        }
        return info == 0 ? b : [Float](repeating: 0, count: f)
    }

    public func encode(into writer: inout BinaryWriter) {
        factors.encode(into: &writer)
        writer.write(array: trainingFingerprints)
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        let factors = try FactorMatrices(decoding: &reader, kind: Self.kind)
        let fingerprints = try reader.readArray(of: UInt64.self)
        guard fingerprints.count == factors.userCount, factors.width == configuration.factors else {
            throw ModelFileError(.badPayload("factors disagree with the configuration"), path: Self.kind)
        }
        self.init(configuration: configuration, factors: factors, trainingFingerprints: fingerprints)
    }
}

extension UInt8 {
    /// The byte as a C `char`.
    var asCChar: CChar { CChar(bitPattern: self) }
}
