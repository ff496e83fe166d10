import CBLAS
import CuratorCore

/// SASRec (Kang & McAuley 2018): causal self-attention over the last `maxLength` items,
/// scoring every item by the dot product of the last position's output with its embedding.
///
/// Written on OpenBLAS with hand-written forward and backward passes (see `SASRecNetwork`),
/// trained with Adam, seeded, batched across sequences on all threads, with early stopping on
/// each user's held-out last training item. Any ordered history (a chat session) is scored
/// without refitting.
public struct SASRecModel: RecallModel {
    public struct Configuration: RecallModelConfiguration {
        public var width = 50, blocks = 2, heads = 1, maxLength = 200
        public var dropout: Float = 0.2
        /// Adam's step size, or nil to choose by the loss (`learningRate(for:)`).
        public var learningRate: Float?
        /// The step size when `learningRate` is nil: 0.001 for the full softmax and BCE (the
        /// paper's), `sampledLearningRate` for gBCE and the sampled softmax.
        public static let defaultLearningRate: Float = 0.001
        /// The sampled softmax's gradients are noisier (each item is pushed down only in the
        /// sequences that drew it, 1/q times as hard), which shrinks Adam's steps; twice the
        /// rate brought it closest to the full softmax on ml-100k (Benchmarks/peers/README.md).
        public static let sampledLearningRate: Float = 0.002
        /// 100 epochs of the softmax loss: on ml-100k loo its validation NDCG@10 flattens by
        /// 85 to 100 epochs (0.1135, 0.1171, 0.1155), and a fit stays under 10 minutes on 2 cores.
        public var batchSize = 128, epochs = 100, negatives = 1
        /// The loss, or nil to choose by catalog size (`loss(itemCount:)`): the full softmax
        /// (validation NDCG@10 0.1171 against 0.089 for the paper's BCE with one negative, ml-100k
        /// loo) up to `softmaxItems` items, `sampledLoss` above. `negatives` only matters for `.bce`.
        public var loss: SASRecLoss.Kind?
        /// The largest catalog trained with the full softmax when `loss` is nil.
        public var softmaxItems = 5000
        /// Negatives drawn per sequence and shared by its positions (`.gbce`, `.sampledSoftmax`).
        /// 512: on ml-100k loo (seeds 42, 7, 1, 100 epochs, lr 0.002) test NDCG@10 1.3% below the
        /// full softmax's (256: 3.3%), and one 5M-synthetic epoch on two idle cores takes 24.1 s
        /// (256: 13.0 s), on the AVX-512 kernels: within both of issue 18's bounds, 3% and 40 s.
        /// (256 was the default while OpenBLAS's AVX2 kernels made a 512 epoch 47.4 s; see
        /// Benchmarks/peers/README.md.)
        public static let defaultSharedNegatives = 512
        public var sharedNegatives = Configuration.defaultSharedNegatives
        /// Whether a sequence's own items are always among its shared negatives (besides the
        /// `sharedNegatives` drawn from the other items).
        public var ownNegatives = false
        /// How the shared negatives are drawn: in proportion to (training count + 1)^this, with
        /// replacement (0: uniformly without replacement).
        public var negativePopularity: Double = 0
        /// gBCE's calibration t (0 is plain BCE, 1 fully calibrated).
        public var gbceCalibration: Float = 0.75
        /// The loss chosen above `softmaxItems` items. Sampled softmax rather than gBCE: on
        /// ml-100k loo (seed 7, 100 epochs, negatives drawn per sequence) gBCE's test NDCG@10 was
        /// 0.0226 against 0.1021 for the sampled softmax with 256 negatives and 0.1111 for the
        /// full softmax (gBCE first spends its steps pushing every score down; a softmax is
        /// shift-invariant). The sampled softmax's gap shrinks with more negatives (1024: 0.1087).
        public static let sampledLoss = SASRecLoss.Kind.sampledSoftmax
        /// Validate every this many epochs; stop after `patience` validations without progress.
        public var validateEvery = 5, patience = 4
        /// Hold each user's last training item out for validation (and early stopping).
        public var holdout = true
        public var seed: UInt64 = 42

        public init() {}

        public init(_ p: ModelParameters) throws {
            try p.requireKnown(["dim", "blocks", "heads", "maxlen", "dropout", "lr", "batch", "epochs", "negatives",
                                "loss", "softmax-items", "shared-negatives", "own-negatives", "negative-popularity", "gbce-t", "validate-every", "patience", "holdout", "seed"], model: SASRecModel.kind)
            width = try p.int("dim", default: 50, in: 1...4096)
            blocks = try p.int("blocks", default: 2, in: 1...64)
            heads = try p.int("heads", default: 1, in: 1...64)
            guard width % heads == 0 else { throw ModelParameterError(message: "sasrec: dim (\(width)) must be a multiple of heads (\(heads))") }
            maxLength = try p.int("maxlen", default: 200, in: 1...100_000)
            dropout = try p.float("dropout", default: 0.2, in: 0...0.95)
            if let rate = p.values["lr"], rate != "auto" { learningRate = try p.float("lr", default: Self.defaultLearningRate, in: 1e-7...10) }
            batchSize = try p.int("batch", default: 128, in: 1...1_000_000)
            epochs = try p.int("epochs", default: 100, in: 1...1_000_000)
            negatives = try p.int("negatives", default: 1, in: 1...10_000)
            let lossName = p.values["loss"] ?? "auto"
            if lossName != "auto" {
                guard let kind = SASRecLoss.Kind(rawValue: lossName) else {
                    let names = ["auto"] + SASRecLoss.Kind.allCases.map(\.rawValue)
                    throw ModelParameterError(message: "sasrec: loss must be \(names.joined(separator: ", ")), not '\(lossName)'")
                }
                loss = kind
            }
            softmaxItems = try p.int("softmax-items", default: 5000, in: 1...Int(Int32.max))
            sharedNegatives = try p.int("shared-negatives", default: Self.defaultSharedNegatives, in: 1...1_000_000)
            ownNegatives = try p.int("own-negatives", default: 0, in: 0...1) == 1
            negativePopularity = Double(try p.float("negative-popularity", default: 0, in: 0...1))
            gbceCalibration = try p.float("gbce-t", default: 0.75, in: 0...1)
            validateEvery = try p.int("validate-every", default: 5, in: 1...1_000_000)
            patience = try p.int("patience", default: 4, in: 1...1_000_000)
            holdout = try p.int("holdout", default: 1, in: 0...1) == 1
            seed = UInt64(try p.int("seed", default: 42, in: 0...Int.max))
        }

        public var parameters: [String: String] {
            ["dim": String(width), "blocks": String(blocks), "heads": String(heads), "maxlen": String(maxLength),
             "dropout": String(dropout), "lr": learningRate.map { String($0) } ?? "auto", "batch": String(batchSize), "epochs": String(epochs),
             "negatives": String(negatives), "loss": loss?.rawValue ?? "auto", "softmax-items": String(softmaxItems),
             "shared-negatives": String(sharedNegatives), "own-negatives": ownNegatives ? "1" : "0", "negative-popularity": String(negativePopularity), "gbce-t": String(gbceCalibration), "validate-every": String(validateEvery),
             "patience": String(patience), "holdout": holdout ? "1" : "0", "seed": String(seed)]
        }

        /// The loss a fit on `itemCount` items uses: `loss`, or the full softmax up to
        /// `softmaxItems` items and `sampledLoss` above.
        public func loss(itemCount: Int) -> SASRecLoss.Kind {
            loss ?? (itemCount <= softmaxItems ? .ce : Self.sampledLoss)
        }

        /// The step size a fit with `loss` uses: `learningRate`, or by the loss (see `sampledLearningRate`).
        public func learningRate(for loss: SASRecLoss.Kind) -> Float {
            learningRate ?? (loss.usesSharedNegatives ? Self.sampledLearningRate : Self.defaultLearningRate)
        }

        /// Why `loss(itemCount:)` chose what it did, for a progress line.
        public func lossChoice(itemCount: Int) -> String {
            let kind = loss(itemCount: itemCount)
            let what = (kind.usesSharedNegatives ? "\(kind.rawValue) with \(min(sharedNegatives, itemCount - 1)) shared negatives" : "\(kind.rawValue) loss")
                + ", lr \(learningRate(for: kind))"
            guard loss == nil else { return what }
            return what + (kind == .ce ? " (\(itemCount) items ≤ softmax-items \(softmaxItems))" : " (\(itemCount) items > softmax-items \(softmaxItems))")
        }

        func layout(itemCount: Int) -> SASRecLayout {
            SASRecLayout(itemCount: itemCount, width: width, headCount: heads, blockCount: blocks, maxLength: maxLength)
        }
    }

    /// What happened during a fit (empty for a model read from a file).
    public struct TrainingRecord: Sendable {
        public var epochs: [(epoch: Int, loss: Double, seconds: Double, validationNDCG: Double?)] = []
        public var bestEpoch: Int?
    }

    public static let kind = "sasrec"
    public let configuration: Configuration
    let layout: SASRecLayout
    /// Every parameter, flat (see `SASRecLayout`).
    public let weights: [Float]
    public var training = TrainingRecord()

    public var itemCount: Int { layout.itemCount }

    init(configuration: Configuration, layout: SASRecLayout, weights: [Float]) {
        precondition(weights.count == layout.count, "weights for the layout")
        self.configuration = configuration
        self.layout = layout
        self.weights = weights
    }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        let items = context.history.suffix(layout.maxLength).filter { $0 >= 0 && Int($0) < itemCount }
        guard !items.isEmpty else { return scores.update(repeating: 0) }
        // One history's products are tiny: OpenBLAS's threads only add latency (bench scoring,
        // 50 items on 2 busy cores: p50 8.0 ms with them, 0.18 ms without).
        BLASThreads.singleThreaded {
            weights.withUnsafeBufferPointer { w in
                Self.score(items, weights: w.baseAddress!, layout: layout, into: scores)
            }
        }
    }

    /// Scores with any weights of the layout (what validation during training uses).
    static func score(_ items: [Int32], weights w: UnsafePointer<Float>, layout: SASRecLayout, into scores: UnsafeMutableBufferPointer<Float>) {
        let L = items.count, d = layout.width
        let activations = SASRecActivations(layout: layout, capacity: L)
        defer { activations.deallocate() }
        var rng = SeededGeneratorRef(value: SeededGenerator(seed: 0))
        items.withUnsafeBufferPointer { sequence in
            SASRecNetwork(layout: layout, dropout: 0).forward(sequence.baseAddress!, length: L, weights: w,
                                                              activations: activations, training: false, rng: &rng)
        }
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(layout.itemCount), Int32(d), 1, w + layout.itemEmbedding, Int32(d),
                    activations.output + (L - 1) * d, 1, 0, scores.baseAddress, 1)
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(UInt64(layout.itemCount))
        writer.write(array: weights)
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        let items = Int(try reader.read(UInt64.self))
        let weights = try reader.readArray(of: Float.self)
        let layout = configuration.layout(itemCount: items)
        guard weights.count == layout.count else {
            throw ModelFileError(.badPayload("\(weights.count) weights, the configuration needs \(layout.count)"), path: Self.kind)
        }
        self.init(configuration: configuration, layout: layout, weights: weights)
    }
}
