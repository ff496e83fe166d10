import CuratorCore

/// Candidate fusion as a recall model (`--model fusion`): fits its members, tunes their
/// weights on a held-out last item per user, and scores the fused candidates (every other
/// item scores `-infinity`, so metrics measure exactly what the candidate stage brings).
///
/// Parameters: `models=markov+sknn+sasrec`, `method=rrf|blend` (default rrf), `depth=100` (items per member),
/// `constant` (RRF; 20 for the default members, else 60), `weights=0.5+0.3+0.2` (fixed weights; without them weights are tuned
/// for `blend` and left equal for `rrf` unless `tune=1`), and members' own parameters
/// prefixed with their name (`markov.decay=0.3`, `ease.reg=300`).
///
/// The defaults were picked on validation alone (ml-100k loo, NDCG@10 + Recall@20 averaged over
/// SASRec seeds 42, 7 and 1, `curator bench fusion --seeds 42 7 1`): RRF of markov, sknn and sasrec
/// weighted 1, 1, 4 with constant 20 gives 0.1228 / 0.3648 (1, 1, 4 with 10: 0.1209 / 0.3620; 1, 1,
/// 2 with the paper's 60: 0.1256 / 0.3492; equal weights 0.1214 / 0.3355; sasrec alone 0.1161 /
/// 0.3429), against 0.1065 / 0.3181 for the tuned blend of markov, sknn and ease. One SASRec fit is
/// too noisy to choose by: from seed to seed its Recall@20 moves by two points, more than the
/// settings differ. A small constant lets each member's first ranks count more against items the
/// members merely share. RRF needs no tuning, so sasrec, the costly member, is fitted once.
public struct FusionModel: RecallModel {
    public struct Configuration: RecallModelConfiguration {
        public var models: [String]
        public var memberParameters: [ModelParameters]
        public var method: CandidateFusion.Method
        public var depth: Int
        public var constant: Float
        /// Fixed weights, one per model; nil means tune (blend) or equal (rrf without `tune`).
        public var weights: [Float]?
        public var tune: Bool

        public init(_ parameters: ModelParameters) throws {
            let own = ["models", "method", "depth", "constant", "weights", "tune"]
            let models = (parameters.values["models"] ?? "markov+sknn+sasrec").split(separator: "+").map(String.init)
            guard !models.isEmpty, Set(models).count == models.count, !models.contains(FusionModel.kind) else {
                throw ModelParameterError(message: "fusion: models must be distinct non-fusion models joined by '+', not '\(parameters.values["models"] ?? "")'")
            }
            var memberParameters = [ModelParameters](repeating: ModelParameters(), count: models.count)
            for (name, value) in parameters.values where !own.contains(name) {
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2, let m = models.firstIndex(of: parts[0]) else {
                    throw ModelParameterError(message: "fusion has no parameter '\(name)' (it has: \(own.joined(separator: ", ")), and MODEL.name for its models)")
                }
                memberParameters[m].values[parts[1]] = value
            }
            for (kind, member) in zip(models, memberParameters) { try RecallModelRegistry.validate(kind: kind, parameters: member) }
            let methodName = parameters.values["method"] ?? "rrf"
            guard let method = CandidateFusion.Method(rawValue: methodName) else {
                throw ModelParameterError(message: "fusion: method must be rrf or blend, not '\(methodName)'")
            }
            var weights: [Float]?
            if let raw = parameters.values["weights"] {
                let parsed = raw.split(separator: "+").map { Float($0) }
                guard parsed.count == models.count, parsed.allSatisfy({ $0 != nil && $0! >= 0 && $0!.isFinite }) else {
                    throw ModelParameterError(message: "fusion: weights must be \(models.count) non-negative numbers joined by '+', not '\(raw)'")
                }
                weights = parsed.map { $0! }
            }
            self.models = models
            self.memberParameters = memberParameters
            self.method = method
            self.depth = try parameters.int("depth", default: 100, in: 1...100_000)
            // The default members' weights and constant (see above), unless the caller names the members.
            let defaults = parameters.values["models"] == nil && method == .rrf && parameters.values["tune"] == nil
            self.constant = try parameters.float("constant", default: defaults ? 20 : 60, in: 0...1_000_000)
            self.weights = weights ?? (defaults ? [1, 1, 4] : nil)
            self.tune = try parameters.int("tune", default: method == .blend ? 1 : 0, in: 0...1) == 1
        }

        public var parameters: [String: String] {
            var values = ["models": models.joined(separator: "+"), "method": method.rawValue, "depth": String(depth),
                          "constant": String(constant), "tune": tune ? "1" : "0"]
            if let weights { values["weights"] = weights.map { String($0) }.joined(separator: "+") }
            for (kind, member) in zip(models, memberParameters) {
                for (name, value) in member.values { values["\(kind).\(name)"] = value }
            }
            return values
        }
    }

    public static let kind = "fusion"
    /// The configuration, with the weights in use filled in after tuning.
    public let configuration: Configuration
    /// The fused members, for provenance-keeping candidate lists.
    public let fusion: CandidateFusion

    public var itemCount: Int { fusion.itemCount }

    init(configuration: Configuration, members: [any RecallModel]) {
        let weights = configuration.weights ?? [Float](repeating: 1, count: members.count)
        self.configuration = configuration
        self.fusion = CandidateFusion(
            members: zip(configuration.models, zip(members, weights)).map { .init(name: $0, model: $1.0, weight: $1.1) },
            method: configuration.method, depth: configuration.depth, constant: configuration.constant)
    }

    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> FusionModel {
        var configuration = configuration
        if configuration.weights == nil {
            configuration.weights = configuration.tune && configuration.models.count > 1
                ? try FusionWeightTuner(configuration: configuration).tune(on: data, progress: progress)
                : [Float](repeating: 1, count: configuration.models.count)
        }
        return FusionModel(configuration: configuration, members: try fitMembers(configuration, data: data, progress: progress))
    }

    public static func fitMembers(_ configuration: Configuration, data: TrainingData, progress: any ProgressReporter) throws -> [any RecallModel] {
        try zip(configuration.models, configuration.memberParameters).map {
            try RecallModelRegistry.fit(kind: $0, parameters: $1, data: data, progress: progress)
        }
    }

    /// The fused candidates for `context`, with provenance; the history is never proposed.
    public func candidates(for context: UserContext, count: Int) -> [FusedCandidate] {
        fusion.candidates(for: context, count: count, excluding: Set(context.history))
    }

    public func score(_ context: UserContext, into scores: UnsafeMutableBufferPointer<Float>) {
        scores.update(repeating: -.infinity)
        let depth = fusion.depth * fusion.members.count
        for candidate in candidates(for: context, count: depth) { scores[Int(candidate.item)] = candidate.score }
    }

    public func encode(into writer: inout BinaryWriter) {
        for member in fusion.members {
            writer.write(array: RecallModelRegistry.modelFile(for: member.model, datasetFingerprint: 0).encoded())
        }
    }

    public init(decoding reader: inout BinaryReader, configuration: Configuration) throws {
        var members: [any RecallModel] = []
        for kind in configuration.models {
            let file = try ModelFile.decode(try reader.readArray(of: UInt8.self), path: "fusion member \(kind)")
            members.append(try RecallModelRegistry.load(file, path: "fusion member \(kind)", expectedKind: kind, datasetFingerprint: 0))
        }
        self.init(configuration: configuration, members: members)
    }
}
