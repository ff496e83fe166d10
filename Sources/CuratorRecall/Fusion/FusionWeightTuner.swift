import CuratorCore
import Foundation

/// Tunes fusion weights without touching the caller's validation data: each user's last
/// training item is held out, members are fitted on the rest, and a grid of weights on the
/// simplex is scored by NDCG@10 + Recall@20 of the fused lists (the first page, and what an
/// LLM reranker of the top 20 can work with).
struct FusionWeightTuner {
    let configuration: FusionModel.Configuration

    /// - Returns: the best weights, one per member.
    /// - Throws: the members' fitting errors.
    func tune(on data: TrainingData, progress: any ProgressReporter) throws -> [Float] {
        let (inner, targets) = Self.holdOutLast(data.sequences)
        let training = TrainingData(sequences: inner, itemCount: data.itemCount)
        let members = try FusionModel.fitMembers(configuration, data: training, progress: progress)
        let fusion = CandidateFusion(
            members: zip(configuration.models, members).map { .init(name: $0, model: $1) },
            method: configuration.method, depth: configuration.depth, constant: configuration.constant)
        let users = targets.indices.filter { targets[$0] >= 0 }
        // Per user, the union of member lists as rows of per-member contributions (weight 1):
        // a weight vector's fused scores are then one dot product per row.
        var tables = [ContributionTable](repeating: ContributionTable(), count: users.count)
        let tracker = ProgressTracker(task: "fusion: member lists for tuning", total: users.count, reporter: progress)
        tables.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out)
            Parallel.forEachChunk(users.count, minimumChunk: 16) { range, _ in
                for index in range {
                    let user = users[index], history = Array(inner.sequence(of: user))
                    let lists = fusion.memberLists(for: UserContext(user: Int32(user), history: history), excluding: Set(history))
                    out[index] = ContributionTable(lists: lists, target: targets[user], fusion: fusion)
                }
                tracker.advance(by: range.count)
            }
        }
        tracker.finish()
        let grid = Self.simplex(members: members.count, steps: members.count <= 4 ? 10 : 5), ready = tables
        var values = [Double](repeating: 0, count: grid.count)
        values.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out)
            Parallel.forEachChunk(grid.count) { range, _ in
                for g in range { out[g] = ready.reduce(0) { $0 + $1.value(weights: grid[g]) } }
            }
        }
        let best = values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) }!
        return grid[best]
    }

    /// Every sequence of three or more items without its last item, and that item (-1 for
    /// shorter sequences, which stay whole).
    static func holdOutLast(_ sequences: UserSequences) -> (UserSequences, [Int32]) {
        var starts = [0], items: [Int32] = [], targets = [Int32](repeating: -1, count: sequences.userCount)
        items.reserveCapacity(sequences.items.count)
        for user in 0..<sequences.userCount {
            let sequence = sequences.sequence(of: user)
            if sequence.count >= 3 {
                items.append(contentsOf: sequence.dropLast())
                targets[user] = sequence.last!
            } else {
                items.append(contentsOf: sequence)
            }
            starts.append(items.count)
        }
        return (UserSequences(starts: starts, items: items), targets)
    }

    /// Weight vectors with entries in multiples of `1/steps` summing to 1.
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
}

/// One user's fused candidates before weighting: a row per candidate item, a column per member.
struct ContributionTable: Sendable {
    var items: [Int32] = []
    var contributions: [Float] = []
    var members = 0
    /// Row of the held-out item, when some member proposed it.
    var targetRow: Int?

    init() {}

    init(lists: [[ScoredItem]], target: Int32, fusion: CandidateFusion) {
        members = lists.count
        var rows: [Int32: Int] = [:]
        for (m, list) in lists.enumerated() {
            let unit = CandidateFusion.fuse([list], names: [""], weights: [1], method: fusion.method, constant: fusion.constant, count: list.count)
            for candidate in unit {
                let row = rows[candidate.item] ?? {
                    rows[candidate.item] = items.count
                    items.append(candidate.item)
                    contributions.append(contentsOf: repeatElement(0, count: members))
                    return items.count - 1
                }()
                contributions[row * members + m] = candidate.score
            }
        }
        targetRow = rows[target]
    }

    /// NDCG@10 + Recall@20 of the held-out item under `weights` (ties go to the lower item).
    func value(weights: [Float]) -> Double {
        guard let targetRow else { return 0 }
        func fused(_ row: Int) -> Float {
            var sum: Float = 0
            for m in 0..<members { sum += weights[m] * contributions[row * members + m] }
            return sum
        }
        let score = fused(targetRow), item = items[targetRow]
        var rank = 0
        for row in items.indices where row != targetRow {
            let other = fused(row)
            if other > score || (other == score && items[row] < item) { rank += 1 }
            if rank >= 20 { return 0 }
        }
        return 1 + (rank < 10 ? 1 / log2(Double(rank) + 2) : 0)
    }
}
