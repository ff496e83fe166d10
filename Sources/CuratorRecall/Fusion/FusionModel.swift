import CuratorCore

/// Candidate fusion as a recall model (`--model fusion`): fits its members, chooses their
/// weights on held-out items of the data it is trained on, and scores the fused candidates
/// (every other item scores `-infinity`, so metrics measure exactly what the candidate stage brings).
///
/// Parameters: `models=markov+sknn+sasrec`, `method=rrf|blend` (default rrf), `depth=100` (items per member),
/// `constant` (RRF; 20 for the default members, else 60), `weights=0.5+0.3+0.2` (fixed weights),
/// `tune` (1 by default: without `weights`, choose them; 0: equal weights), and members' own
/// parameters prefixed with their name (`markov.decay=0.3`, `ease.reg=300`), and `stored=als`
/// (members taken as they are from the dataset's state folder, see below).
///
/// A stored member (`stored=als`, or `stored=als+ease`) is the model of that kind already
/// saved for this dataset: an ALS imported from Spark (`curator import spark-als`), or any model
/// trained earlier. `ModelStore.fit` loads it, refuses it when it was fitted on other data, and
/// fuses it as it is, never refitted; it takes no `MODEL.name` parameters (its file has them).
/// It was fitted on every training item, so held-out last items cannot choose weights fairly:
/// with a stored member the weights are the given `weights`, or equal. Every fit on a split
/// (`eval`, `tune`, `bench`) fits all members, so a stored member is refused there.
///
/// Weights chosen on one dataset do not carry over: the fixed 1+1+4 picked on ml-100k's
/// validation scored 12% below session-kNN alone on another MovieLens set. So by default the
/// weights are chosen by `FusionSweep.chooseWeights` on the last item of each training history
/// (members fitted once on the rest, every weight vector re-fuses the same lists), never below
/// the best member alone there; the members are then fitted on all the data. The chosen
/// weights are in `configuration` (and so in the model file) and the evidence in `choice`.
/// A small constant lets each member's first ranks count more against items the members
/// merely share (constant 20 against the paper's 60 on ml-100k's validation).
public struct FusionModel: RecallModel {
    public struct Configuration: RecallModelConfiguration {
        public var models: [String]
        public var memberParameters: [ModelParameters]
        public var method: CandidateFusion.Method
        public var depth: Int
        public var constant: Float
        /// Fixed weights, one per model; nil means chosen when fitting (`tune`) or equal.
        public var weights: [Float]?
        public var tune: Bool
        /// Members taken from the state folder as they are (`stored=als`), in `models` order.
        public var stored: [String]

        public init(_ parameters: ModelParameters) throws {
            let own = ["models", "method", "depth", "constant", "weights", "tune", "stored"]
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
            let stored = Set((parameters.values["stored"] ?? "").split(separator: "+").map(String.init))
            if let unknown = stored.first(where: { !models.contains($0) }) {
                throw ModelParameterError(message: "fusion: stored=\(parameters.values["stored"]!) names '\(unknown)', which is not one of models=\(models.joined(separator: "+"))")
            }
            for (kind, member) in zip(models, memberParameters) {
                if stored.contains(kind) {
                    if let name = member.values.keys.sorted().first {
                        throw ModelParameterError(message: "fusion: \(kind) is stored (stored=\(kind)): its parameters are the stored model's own, so \(kind).\(name) cannot be set; drop it, or drop \(kind) from stored to fit it here")
                    }
                } else {
                    try RecallModelRegistry.validate(kind: kind, parameters: member)
                }
            }
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
            // The default members' constant (see above), unless the caller names the members.
            let defaults = parameters.values["models"] == nil && method == .rrf
            self.constant = try parameters.float("constant", default: defaults ? 20 : 60, in: 0...1_000_000)
            self.weights = weights
            self.stored = models.filter(stored.contains)
            // A stored member has seen the held-out items a choice would be made on (see above).
            self.tune = try parameters.int("tune", default: stored.isEmpty ? 1 : 0, in: 0...1) == 1
            if tune && !stored.isEmpty && weights == nil {
                throw ModelParameterError(message: "fusion: weights cannot be chosen with a stored member (\(self.stored.joined(separator: "+")) was fitted on the items they would be chosen on): give weights=\(models.map { _ in "1" }.joined(separator: "+")) or leave tune out for equal weights")
            }
        }

        public var parameters: [String: String] {
            var values = ["models": models.joined(separator: "+"), "method": method.rawValue, "depth": String(depth),
                          "constant": String(constant), "tune": tune ? "1" : "0"]
            if let weights { values["weights"] = weights.map { String($0) }.joined(separator: "+") }
            if !stored.isEmpty { values["stored"] = stored.joined(separator: "+") }
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
    /// How the weights were chosen, when this fit chose them (nil when given or loaded).
    public var choice: FusionWeightChoice?

    public var itemCount: Int { fusion.itemCount }

    init(configuration: Configuration, members: [any RecallModel]) {
        let weights = configuration.weights ?? [Float](repeating: 1, count: members.count)
        self.configuration = configuration
        self.fusion = CandidateFusion(
            members: zip(configuration.models, zip(members, weights)).map { .init(name: $0, model: $1.0, weight: $1.1) },
            method: configuration.method, depth: configuration.depth, constant: configuration.constant)
    }

    public static func fit(_ data: TrainingData, configuration: Configuration, progress: any ProgressReporter) throws -> FusionModel {
        try fit(data, configuration: configuration, stored: [:], progress: progress)
    }

    /// Fits the members, except the stored ones, which are used as they are.
    /// - Parameter stored: the models `configuration.stored` names, by kind, loaded by the
    ///   caller (`ModelStore.fit`, which checks they belong to this dataset).
    /// - Throws: `ModelParameterError` when a stored member is not given or does not fit the
    ///   data; the members' fitting errors.
    public static func fit(
        _ data: TrainingData, configuration: Configuration, stored: [String: any RecallModel], progress: any ProgressReporter
    ) throws -> FusionModel {
        var configuration = configuration
        var choice: FusionWeightChoice?
        if configuration.weights == nil {
            if configuration.tune && configuration.models.count > 1 {
                choice = try FusionSweep.chooseWeights(for: configuration, data: data, progress: progress)
            }
            configuration.weights = choice?.weights ?? [Float](repeating: 1, count: configuration.models.count)
        }
        let members = try fitMembers(configuration, data: data, stored: stored, progress: progress)
        var model = FusionModel(configuration: configuration, members: members)
        model.choice = choice
        return model
    }

    /// The members: the stored ones as given, the others fitted on `data`.
    /// - Throws: `ModelParameterError` when a stored member is missing from `stored`, of another
    ///   kind, or scores another number of items than `data` has.
    public static func fitMembers(
        _ configuration: Configuration, data: TrainingData, stored: [String: any RecallModel] = [:], progress: any ProgressReporter
    ) throws -> [any RecallModel] {
        try zip(configuration.models, configuration.memberParameters).map { kind, parameters in
            guard configuration.stored.contains(kind) else {
                return try RecallModelRegistry.fit(kind: kind, parameters: parameters, data: data, progress: progress)
            }
            guard let model = stored[kind] else {
                throw ModelParameterError(message: "fusion: \(kind) is a stored member (stored=\(configuration.stored.joined(separator: "+"))), taken from the dataset's state folder by `curator train`; a fusion fitted here fits every member (eval, tune and bench refit on their split, which a stored model has seen): drop stored=")
            }
            guard Swift.type(of: model).kind == kind, model.itemCount == data.itemCount else {
                throw ModelParameterError(message: "fusion: the stored \(kind) member is a \(Swift.type(of: model).kind) model of \(model.itemCount) items, not a \(kind) model of this data's \(data.itemCount)")
            }
            return model
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
