import CuratorCore

/// The weights a fusion chose on held-out items of its own training data, with the evidence.
public struct FusionWeightChoice: Sendable, Equatable {
    /// The chosen weights, one per member.
    public var weights: [Float]
    /// The chosen setting's figures on the held-out items.
    public var figures: FusionSweep.Figures
    /// The member with the best NDCG@10 alone, and its figures.
    public var bestMember: String
    public var bestMemberFigures: FusionSweep.Figures
    /// True when the best fused setting had a lower NDCG@10 than the best member alone, so the
    /// fusion keeps that member's weights alone.
    public var fellBack: Bool
    /// Users whose last training item was held out.
    public var users: Int

    /// One line for a progress display or a log.
    public var summary: String {
        let weights = self.weights.map { String(format: "%.2f", $0) }.joined(separator: "+")
        let own = String(format: "NDCG@10 %.4f, Recall@20 %.4f", figures.ndcg10, figures.recall20)
        let member = String(format: "%@ alone %.4f, %.4f", bestMember, bestMemberFigures.ndcg10, bestMemberFigures.recall20)
        return "weights \(weights) on \(users) held-out last items: \(own) (\(member))\(fellBack ? "; kept the best member alone" : "")"
    }
}

extension FusionSweep {
    /// Weight vectors with entries in multiples of `1/steps` summing to 1 (the corners are the
    /// members alone).
    static func simplex(members: Int, steps: Int) -> [[Float]] {
        guard members > 1 else { return [[1]] }
        var result: [[Float]] = []
        func extend(_ prefix: [Int], remaining: Int) {
            if prefix.count == members - 1 {
                result.append((prefix + [remaining]).map { Float($0) / Float(steps) })
                return
            }
            for share in 0...remaining { extend(prefix + [share], remaining: remaining - share) }
        }
        extend([], remaining: steps)
        return result
    }

    /// Chooses fusion weights without touching the caller's held-out data: each history's last
    /// item (of three or more) is held out as `LeaveLastOutSplit` holds out a test item, the
    /// members are fitted once on the rest, and every weight vector of a grid on the simplex is
    /// scored by NDCG@10 + Recall@20 of the fused lists. The fusion is never below its best
    /// member on these items: when the best fused setting has a lower NDCG@10 than the best
    /// member alone, the choice is that member alone.
    /// - Throws: the members' fitting errors.
    public static func chooseWeights(
        for configuration: FusionModel.Configuration, data: TrainingData, progress: any ProgressReporter
    ) throws -> FusionWeightChoice {
        let split = LeaveLastOutSplit(sequences: data.sequences, itemCount: data.itemCount)
        let inner = TrainingData(sequences: split.trainingWithValidation, itemCount: data.itemCount)
        let fitted = try FusionModel.fitMembers(configuration, data: inner, progress: progress)
        let cases = split.evaluatedUsers.map { user in
            let history = Array(inner.sequences.sequence(of: user))
            return Case(context: UserContext(user: Int32(user), history: history), excluded: Set(history), relevant: [split.test[user]])
        }
        let sweep = FusionSweep(
            members: zip(configuration.models, fitted).map { .init(name: $0, model: $1) }, depth: configuration.depth,
            cases: cases, task: "fusion: member lists of held-out last items", progress: progress)
        let grid = simplex(members: fitted.count, steps: fitted.count <= 4 ? 10 : 5).map {
            Setting(method: configuration.method, weights: $0, constant: configuration.constant)
        }
        let tracker = ProgressTracker(task: "fusion: choosing weights", total: grid.count, reporter: progress)
        let figures = sweep.figures(grid, progress: tracker)
        // The first best on ties: the grid runs from the last member alone towards the first.
        let best = figures.indices.max { figures[$0].objective < figures[$1].objective || (figures[$0].objective == figures[$1].objective && $0 > $1) }!
        let corners = grid.indices.filter { grid[$0].weights.contains(1) }
        let bestCorner = corners.max { figures[$0].ndcg10 < figures[$1].ndcg10 || (figures[$0].ndcg10 == figures[$1].ndcg10 && $0 > $1) }!
        let fellBack = figures[best].ndcg10 < figures[bestCorner].ndcg10
        let chosen = fellBack ? bestCorner : best
        let choice = FusionWeightChoice(
            weights: grid[chosen].weights, figures: figures[chosen],
            bestMember: configuration.models[grid[bestCorner].weights.firstIndex(of: 1)!],
            bestMemberFigures: figures[bestCorner], fellBack: fellBack, users: cases.count)
        tracker.finish(detail: choice.summary)
        return choice
    }
}
