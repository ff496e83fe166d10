import Foundation
import CuratorCore
import Testing
@testable import CuratorRecall

/// The shared-negative losses (gBCE, sampled softmax): gradients against finite differences,
/// the choice of loss by catalog size, and fits that depend on the seed only.
@Suite struct SequentialSASRecSampledLossTests {
    /// The whole network under a shared-negative loss, with the negatives gathered from (and
    /// their gradients scattered back into) the item embedding, as a fit does.
    @Test(arguments: [(SASRecLoss.Kind.gbce, UInt64(1)), (.gbce, 2), (.sampledSoftmax, 3), (.sampledSoftmax, 4)])
    func networkAndLossGradients(loss kind: SASRecLoss.Kind, seed: UInt64) {
        let layout = SASRecLayout(itemCount: 7, width: 4, headCount: 2, blockCount: 2, maxLength: 5)
        let items: [Int32] = [3, 0, 6, 2], targets: [Int32] = [0, 6, 2, 5]
        var negatives = SharedNegatives(count: 4, itemCount: 7, width: 4)
        var draws = SeededGenerator(seed: seed)
        negatives.draw(using: &draws)
        // Four of six other items: some positive is almost surely drawn too (an accidental hit).
        let hits = targets.filter { negatives.slot(of: $0) >= 0 }.count
        #expect(Set(negatives.items).count == 4 && hits > 0, "draws \(negatives.items)")
        let beta = SASRecLoss.gbceBeta(negatives: 4, itemCount: 7, t: 0.75)
        let network = SASRecNetwork(layout: layout, dropout: 0.2)
        let weights = zip(layout.initialWeights(seed: seed), SequentialSASRecTests.random(layout.count, seed: seed, scale: 0.1)).map { $0 + $1 }
        func run(_ w: [Float], gradients: UnsafeMutablePointer<Float>? = nil) -> Double {
            let a = SASRecActivations(layout: layout, capacity: 4)
            defer { a.deallocate() }
            var rng = SeededGeneratorRef(value: SeededGenerator(seed: seed))
            var scratch = [Float](repeating: 0, count: 4 * 5), dNegatives = [Float](repeating: 0, count: 4 * 4)
            var shared = negatives
            let g = gradients ?? UnsafeMutablePointer<Float>.allocate(capacity: layout.count)
            defer { if gradients == nil { g.deallocate() } }
            if gradients == nil { g.initialize(repeating: 0, count: layout.count) }
            return w.withUnsafeBufferPointer { wp in
                let w = wp.baseAddress!
                shared.gather(from: w + layout.itemEmbedding)
                network.forward(items, length: 4, weights: w, activations: a, training: true, rng: &rng)
                let value = SASRecLoss.sharedNegatives(
                    kind, output: a.output, length: 4, width: 4, positives: targets, negatives: shared, beta: beta,
                    embedding: w + layout.itemEmbedding, logits: &scratch, dOutput: a.dOutput, dEmbedding: g + layout.itemEmbedding,
                    dNegatives: &dNegatives, normalizer: 4)
                if gradients != nil {
                    shared.scatter(dNegatives, into: g + layout.itemEmbedding)
                    network.backward(items, length: 4, weights: w, activations: a, gradients: g, training: true)
                }
                return value / 4
            }
        }
        var g = [Float](repeating: 0, count: layout.count)
        _ = run(weights, gradients: &g)
        SequentialSASRecTests.expectGradient(weights, analytic: g, label: "network with \(kind) loss", epsilon: 5e-3) { run($0) }
    }

    /// One call of `SASRecLoss.sharedNegatives` on outputs `f` (`L × d`) and item embedding
    /// `e`, as a fit makes it: the negatives' rows gathered from `e`, their gradients scattered
    /// back. Returns the loss divided by `L`, `∂/∂f`, `∂/∂e` and the negatives' own gradient rows.
    static func sharedLoss(
        _ kind: SASRecLoss.Kind, f: [Float], e: [Float], targets: [Int32], negatives chosen: [Int32], width d: Int, beta: Float = 0.4
    ) -> (loss: Double, dF: [Float], dE: [Float], dNegatives: [Float]) {
        let L = targets.count, k = chosen.count
        var negatives = SharedNegatives(count: k, itemCount: e.count / d, width: d)
        negatives.use(chosen)
        e.withUnsafeBufferPointer { negatives.gather(from: $0.baseAddress!) }
        var logits = [Float](repeating: 0, count: L * (k + 1)), dF = [Float](repeating: 0, count: L * d)
        var dE = [Float](repeating: 0, count: e.count), dNegatives = [Float](repeating: 0, count: k * d)
        let loss = SASRecLoss.sharedNegatives(
            kind, output: f, length: L, width: d, positives: targets, negatives: negatives, beta: beta, embedding: e,
            logits: &logits, dOutput: &dF, dEmbedding: &dE, dNegatives: &dNegatives, normalizer: Float(L))
        negatives.scatter(dNegatives, into: &dE)
        return (loss / Double(L), dF, dE, dNegatives)
    }

    /// The slow, obviously correct loss of one position, in Double: an accidental hit (the
    /// target among the negatives) is no negative; the sampled softmax weights each negative's
    /// term by 1/q, q = negatives / items.
    static func oracle(_ kind: SASRecLoss.Kind, f: ArraySlice<Float>, e: [Float], target: Int32, negatives: [Int32], beta: Float) -> Double {
        let d = f.count, n = e.count / d
        func logit(_ item: Int32) -> Double { (0..<d).reduce(0.0) { $0 + Double(f[f.startIndex + $1]) * Double(e[Int(item) * d + $1]) } }
        let s = logit(target), others = negatives.filter { $0 != target }.map(logit)
        if kind == .gbce { return Double(beta) * log1p(exp(-s)) + others.reduce(0) { $0 + log1p(exp($1)) } }
        let q = Double(negatives.count) / Double(n)
        return log(exp(s) + others.reduce(0) { $0 + exp($1) / q }) - s
    }

    @Test(arguments: [(SASRecLoss.Kind.gbce, UInt64(1)), (.gbce, 2), (.sampledSoftmax, 3), (.sampledSoftmax, 4)])
    func lossesMatchTheOracleAndMaskAccidentalHits(loss kind: SASRecLoss.Kind, seed: UInt64) {
        let d = 3, n = 9
        let f = SequentialSASRecTests.random(3 * d, seed: seed), e = SequentialSASRecTests.random(n * d, seed: seed + 1)
        // Position 1's target, item 5, is also drawn (slot 2): an accidental hit.
        let targets: [Int32] = [2, 5, 0], chosen: [Int32] = [7, 1, 5, 3]
        let result = Self.sharedLoss(kind, f: f, e: e, targets: targets, negatives: chosen, width: d)
        let expected = (0..<3).reduce(0.0) { $0 + Self.oracle(kind, f: f[($1 * d)..<($1 * d + d)], e: e, target: targets[$1], negatives: chosen, beta: 0.4) } / 3
        #expect(abs(result.loss - expected) < 1e-5 * max(1, abs(expected)), "\(kind): \(result.loss) against the oracle's \(expected)")
        // The hit position alone: no gradient reaches the drawn copy of its own target.
        let alone = Self.sharedLoss(kind, f: Array(f[d..<(2 * d)]), e: e, targets: [5], negatives: chosen, width: d)
        #expect(alone.dNegatives[(2 * d)..<(3 * d)].allSatisfy { $0 == 0 }, "\(kind): \(alone.dNegatives)")
        #expect(alone.dNegatives[0..<d].contains { $0 != 0 })
    }

    /// ∂loss/∂F and ∂loss/∂E (through the gathered negatives, scattered back) against central
    /// differences, with an accidental hit among the positions.
    @Test(arguments: [(SASRecLoss.Kind.gbce, UInt64(1)), (.gbce, 2), (.sampledSoftmax, 3), (.sampledSoftmax, 4)])
    func lossGradientsMatchFiniteDifferences(loss kind: SASRecLoss.Kind, seed: UInt64) {
        let d = 4, n = 8, L = 3
        let x = SequentialSASRecTests.random(L * d + n * d, seed: seed, scale: 0.7)
        let targets: [Int32] = [6, 1, 4], chosen: [Int32] = [0, 4, 2]
        func run(_ x: [Float]) -> (loss: Double, dF: [Float], dE: [Float], dNegatives: [Float]) {
            Self.sharedLoss(kind, f: Array(x[..<(L * d)]), e: Array(x[(L * d)...]), targets: targets, negatives: chosen, width: d)
        }
        let analytic = run(x)
        SequentialSASRecTests.expectGradient(x, analytic: analytic.dF + analytic.dE, label: "\(kind) loss", epsilon: 1e-3) { run($0).loss }
    }

    /// The logQ correction: over every equally likely pair of negatives, the sampled softmax's
    /// denominator (e^loss · e^positive) averages to the full softmax's, Σ over all items of e^logit.
    @Test(arguments: [UInt64(1), 2, 3])
    func sampledSoftmaxDenominatorIsUnbiased(seed: UInt64) {
        let d = 3, n = 6
        let f = SequentialSASRecTests.random(d, seed: seed), e = SequentialSASRecTests.random(n * d, seed: seed + 1)
        let logits = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + Double(f[$1]) * Double(e[i * d + $1]) } }
        let full = logits.reduce(0) { $0 + exp($1) }
        for target in 0..<n {
            var sum = 0.0, sets = 0
            for a in 0..<n {
                for b in (a + 1)..<n {
                    let loss = Self.sharedLoss(.sampledSoftmax, f: f, e: e, targets: [Int32(target)], negatives: [Int32(a), Int32(b)], width: d).loss
                    sum += exp(loss + logits[target])
                    sets += 1
                }
            }
            #expect(sets == 15)
            #expect(abs(sum / Double(sets) - full) < 1e-4 * full, "target \(target): \(sum / Double(sets)) against \(full)")
        }
    }

    /// Draws uniformly or by popularity (with replacement), with or without the sequence's own
    /// items (always in, correction 0): over many sets, Σ over the set of e^(logit + correction)
    /// averages to Σ over all items of e^logit, and the loss's denominator (the positive plus the
    /// rest of the set) to the full softmax's; every entry of the positive, repeats included,
    /// gets no gradient.
    @Test(arguments: [(false, [Int32]()), (true, []), (false, [0, 3, 3]), (true, [0, 3])])
    func drawsAreCorrectedAndMasked(byPopularity: Bool, sequence: [Int32]) {
        let d = 3, n = 6, k = 3, seed = UInt64(sequence.count + (byPopularity ? 10 : 0))
        let f = SequentialSASRecTests.random(d, seed: seed), e = SequentialSASRecTests.random(n * d, seed: seed + 1)
        let logits = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + Double(f[$1]) * Double(e[i * d + $1]) } }
        let full = logits.reduce(0) { $0 + exp($1) }
        let popularity: [Double] = [40, 1, 9, 3, 20, 2]
        let own = Array(Set(sequence)), outside = (0..<n).filter { !own.contains(Int32($0)) }
        let outsideWeight = outside.reduce(0.0) { $0 + popularity[$1] }
        var negatives = SharedNegatives(count: k, itemCount: n, width: d, sequenceItems: 4, popularity: byPopularity ? popularity : nil)
        var rng = SeededGenerator(seed: seed), estimate = 0.0, denominator = 0.0, repeatedHits = 0
        let sets = 40_000, target: Int32 = 0
        for _ in 0..<sets {
            negatives.draw(using: &rng, including: sequence)
            #expect(negatives.count == own.count + min(k, outside.count))
            for (j, item) in negatives.items.enumerated() {
                let expected = j < own.count ? 0
                    : byPopularity ? -log(Double(k) * popularity[Int(item)] / outsideWeight) : -log(Double(k) / Double(outside.count))
                #expect(abs(Double(negatives.corrections[j]) - expected) < 1e-5, "entry \(j), item \(item)")
                #expect((j < own.count) == own.contains(item))
                estimate += exp(logits[Int(item)] + Double(negatives.corrections[j]))
            }
            e.withUnsafeBufferPointer { negatives.gather(from: $0.baseAddress!) }
            var row = [Float](repeating: 0, count: negatives.count + 1), dF = [Float](repeating: 0, count: d)
            var dE = [Float](repeating: 0, count: n * d), dNegatives = [Float](repeating: 0, count: negatives.count * d)
            let loss = SASRecLoss.sharedNegatives(
                .sampledSoftmax, output: f, length: 1, width: d, positives: [target], negatives: negatives, beta: 1, embedding: e,
                logits: &row, dOutput: &dF, dEmbedding: &dE, dNegatives: &dNegatives, normalizer: 1)
            denominator += exp(loss + logits[Int(target)])
            let hits = negatives.items.indices.filter { negatives.items[$0] == target }
            if hits.count > 1 { repeatedHits += 1 }
            for j in hits { #expect(dNegatives[(j * d)..<(j * d + d)].allSatisfy { $0 == 0 }) }
        }
        if byPopularity && own.isEmpty { #expect(repeatedHits > 100, "the popular target is drawn twice in some sets") }
        #expect(abs(estimate / Double(sets) - full) < 0.02 * full, "\(estimate / Double(sets)) against \(full)")
        #expect(abs(denominator / Double(sets) - full) < 0.02 * full, "\(denominator / Double(sets)) against \(full)")
    }

    @Test func gbceBetaMatchesThePaper() {
        // β = α(t(1 − 1/α) + 1/α): t = 0 is BCE (β = 1), t = 1 scales the positive by α.
        #expect(abs(SASRecLoss.gbceBeta(negatives: 256, itemCount: 20001, t: 0) - 1) < 1e-6)
        #expect(abs(SASRecLoss.gbceBeta(negatives: 256, itemCount: 20001, t: 1) - 256 / 20000) < 1e-6)
        #expect(abs(SASRecLoss.gbceBeta(negatives: 256, itemCount: 20001, t: 0.75) - (0.25 + 0.75 * 256 / 20000)) < 1e-6)
    }

    @Test func lossFollowsTheCatalogSizeUnlessSet() throws {
        let automatic = try SASRecModel.Configuration(ModelParameters(["softmax-items": "10"]))
        #expect(automatic.loss == nil && automatic.parameters["loss"] == "auto")
        #expect(automatic.loss(itemCount: 10) == .ce)
        #expect(automatic.loss(itemCount: 11) == SASRecModel.Configuration.sampledLoss)
        #expect(automatic.lossChoice(itemCount: 11).contains("11 items > softmax-items 10"))
        #expect(automatic.lossChoice(itemCount: 11).contains("lr \(SASRecModel.Configuration.sampledLearningRate)"))
        #expect(automatic.lossChoice(itemCount: 10).contains("ce loss, lr \(SASRecModel.Configuration.defaultLearningRate)"))
        #expect(SASRecModel.Configuration().loss(itemCount: 1682) == .ce)
        #expect(SASRecModel.Configuration().loss(itemCount: 20000) == SASRecModel.Configuration.sampledLoss)
        let fixed = try SASRecModel.Configuration(ModelParameters(["loss": "ce", "softmax-items": "10"]))
        #expect(fixed.loss(itemCount: 1_000_000) == .ce)
        #expect(throws: ModelParameterError.self) { try SASRecModel.Configuration(ModelParameters(["loss": "softmax"])) }
        #expect(throws: ModelParameterError.self) { try SASRecModel.Configuration(ModelParameters(["gbce-t": "2"])) }
    }

    @Test func learningRateFollowsTheLossUnlessSet() throws {
        let automatic = SASRecModel.Configuration()
        #expect(automatic.learningRate == nil && automatic.parameters["lr"] == "auto")
        #expect(automatic.learningRate(for: .ce) == 0.001 && automatic.learningRate(for: .bce) == 0.001)
        #expect(automatic.learningRate(for: .sampledSoftmax) == SASRecModel.Configuration.sampledLearningRate)
        #expect(automatic.learningRate(for: .gbce) == SASRecModel.Configuration.sampledLearningRate)
        #expect(try SASRecModel.Configuration(ModelParameters(["lr": "auto"])).learningRate == nil)
        let fixed = try SASRecModel.Configuration(ModelParameters(["lr": "0.005"]))
        #expect(fixed.learningRate(for: .sampledSoftmax) == 0.005 && fixed.parameters["lr"] == "0.005")
        #expect(throws: ModelParameterError.self) { try SASRecModel.Configuration(ModelParameters(["lr": "fast"])) }
    }

    static func walks(items: Int, steps: Int) -> TrainingData {
        let walks = (0..<items).map { start in (0..<steps).map { Int32((start * 5 + $0) % items) } }
        var starts = [0]
        for walk in walks { starts.append(starts.last! + walk.count) }
        return TrainingData(sequences: UserSequences(starts: starts, items: walks.flatMap { $0 }), itemCount: items)
    }

    static func fit(_ data: TrainingData, _ extra: [String: String]) throws -> SASRecModel {
        try SASRecModel.fit(data, parameters: ModelParameters([
            "dim": "8", "blocks": "1", "maxlen": "6", "epochs": "6", "batch": "5", "validate-every": "2", "seed": "3",
        ].merging(extra) { $1 }))
    }

    /// A fit stores the loss it chose, so the saved model's parameters say what was trained.
    @Test func fitRecordsTheChosenLoss() throws {
        let data = Self.walks(items: 14, steps: 5)
        let small = try Self.fit(data, [:]), large = try Self.fit(data, ["softmax-items": "13", "shared-negatives": "40"])
        #expect(small.configuration.parameters["loss"] == "ce")
        #expect(large.configuration.parameters["loss"] == SASRecModel.Configuration.sampledLoss.rawValue)
        // And the step size its loss chose.
        #expect(small.configuration.parameters["lr"] == String(SASRecModel.Configuration.defaultLearningRate))
        #expect(large.configuration.parameters["lr"] == String(SASRecModel.Configuration.sampledLearningRate))
        // More negatives than other items: every other item, once.
        #expect(large.configuration.parameters["shared-negatives"] == "13")
    }

    @Test(arguments: [(SASRecLoss.Kind.gbce, "0", "0"), (.sampledSoftmax, "0", "0"), (.sampledSoftmax, "0.75", "0"), (.sampledSoftmax, "0", "1"),
                      (.sampledSoftmax, "1", "1")])
    func fitsDependOnTheSeedOnly(loss: SASRecLoss.Kind, popularity: String, own: String) throws {
        let data = Self.walks(items: 30, steps: 6)
        let parameters = ["loss": loss.rawValue, "shared-negatives": "8", "negative-popularity": popularity, "own-negatives": own]
        let first = try Self.fit(data, parameters), again = try Self.fit(data, parameters)
        let other = try Self.fit(data, parameters.merging(["seed": "4"]) { $1 })
        #expect(first.weights == again.weights)
        #expect(first.training.epochs.map(\.loss) == again.training.epochs.map(\.loss))
        #expect(first.weights != other.weights)
        #expect(first.training.epochs.allSatisfy { $0.loss.isFinite })
    }

    @Test func sampledSoftmaxLearnsTheWalks() throws {
        // Twelve users walk the cycle 0 → 1 → … from different starts; with 8 of the 11 other
        // items as each batch's negatives, the next item comes first.
        let items = 12
        let walks = (0..<items).map { start in (0..<6).map { Int32((start + $0) % items) } }
        var starts = [0]
        for walk in walks { starts.append(starts.last! + walk.count) }
        let data = TrainingData(sequences: UserSequences(starts: starts, items: walks.flatMap { $0 }), itemCount: items)
        let model = try SASRecModel.fit(data, parameters: ModelParameters([
            "dim": "16", "blocks": "1", "maxlen": "8", "dropout": "0", "lr": "0.01", "epochs": "200", "batch": "4",
            "holdout": "0", "loss": "sampled-ce", "shared-negatives": "8", "seed": "5",
        ]))
        for walk in walks {
            for cut in 1..<walk.count {
                let history = Array(walk[..<cut])
                let top = model.recommend(UserContext(history: history), count: 1, excluding: Set(history))
                #expect(top.first?.item == walk[cut], "after \(walk[..<cut])")
            }
        }
    }
}
