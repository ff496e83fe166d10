import CuratorCore

/// Merges several recall models' top lists into one candidate list that keeps provenance.
///
/// Each member proposes its `depth` best items (never an excluded one). Reciprocal-rank fusion
/// scores an item `Σ_m w_m / (constant + rank_m)`; the score blend min–max normalises each
/// member's list to [0, 1] (its first item 1, its last 0) and sums `w_m · score'_m`. An item a
/// member did not propose gets nothing from it.
public struct CandidateFusion: Sendable {
    /// How member lists are combined.
    public enum Method: String, Sendable, Equatable, CaseIterable {
        /// Reciprocal-rank fusion (Cormack et al. 2009), optionally weighted.
        case rrf
        /// A weighted sum of min–max normalised scores.
        case blend
    }

    /// One recall model taking part.
    public struct Member: Sendable {
        public var name: String
        public var model: any RecallModel
        public var weight: Float

        public init(name: String, model: any RecallModel, weight: Float = 1) {
            self.name = name
            self.model = model
            self.weight = weight
        }
    }

    public var members: [Member]
    public var method: Method
    /// Items each member proposes.
    public var depth: Int
    /// The RRF constant (60 in the original paper).
    public var constant: Float

    public init(members: [Member], method: Method = .rrf, depth: Int = 100, constant: Float = 60) {
        precondition(!members.isEmpty, "fusion needs at least one member")
        self.members = members
        self.method = method
        self.depth = depth
        self.constant = constant
    }

    public var itemCount: Int { members[0].model.itemCount }

    /// The fused top `count` candidates for `context`, best first, with provenance.
    /// - Parameters:
    ///   - context: the history to recommend for (any ordered history).
    ///   - count: how many candidates to return.
    ///   - excluded: items no member may propose (typically what the user already has).
    public func candidates(for context: UserContext, count: Int, excluding excluded: Set<Int32> = []) -> [FusedCandidate] {
        Self.fuse(memberLists(for: context, excluding: excluded), names: members.map(\.name),
                  weights: members.map(\.weight), method: method, constant: constant, count: count)
    }

    /// Each member's top `depth` items for `context`.
    public func memberLists(for context: UserContext, excluding excluded: Set<Int32>) -> [[ScoredItem]] {
        var scores = [Float](repeating: 0, count: itemCount)
        return members.map { member in
            scores.withUnsafeMutableBufferPointer { buffer in
                buffer.update(repeating: 0)
                member.model.score(context, into: buffer)
                for item in excluded where item >= 0 && Int(item) < buffer.count { buffer[Int(item)] = -.infinity }
                return TopK.select(depth, from: UnsafeBufferPointer(buffer))
            }
        }
    }

    /// Fuses ready member lists (what tuning calls for each weight candidate).
    /// - Returns: at most `count` candidates, best first; ties go to the lower item index.
    public static func fuse(
        _ lists: [[ScoredItem]], names: [String], weights: [Float], method: Method, constant: Float, count: Int
    ) -> [FusedCandidate] {
        var byItem: [Int32: FusedCandidate] = [:]
        for (m, list) in lists.enumerated() where !list.isEmpty {
            let top = list.first!.score, bottom = list.last!.score
            let span = top - bottom
            for (position, entry) in list.enumerated() {
                let contribution: Float
                switch method {
                case .rrf: contribution = weights[m] / (constant + Float(position + 1))
                case .blend: contribution = weights[m] * (span > 0 && span.isFinite ? (entry.score - bottom) / span : 1)
                }
                let source = CandidateSource(model: names[m], rank: position + 1, score: entry.score)
                byItem[entry.item, default: FusedCandidate(item: entry.item, score: 0, sources: [])].score += contribution
                byItem[entry.item]!.sources.append(source)
            }
        }
        let ranked = byItem.values.sorted {
            ScoredItem(item: $0.item, score: $0.score) > ScoredItem(item: $1.item, score: $1.score)
        }
        return Array(ranked.prefix(count))
    }
}
