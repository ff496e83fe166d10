import CuratorCore
import CuratorRecall

/// Picks, for each recommended item, the history item that best explains it: the anchor an
/// explanation is grounded in. Anchors always come from the user's real history.
///
/// With a recall model, the anchor is the recent history item whose single-item history scores
/// the candidate highest: the item–item weight for ItemKNN and EASE, the fold-in similarity for
/// factor models. Without one (or when no history item gives the candidate a positive score),
/// it is the history item sharing the most genres (Jaccard), the more recent on ties.
public struct AnchorSelector: Sendable {
    /// The model whose signal picks anchors, if any.
    public var model: (any RecallModel)?
    /// How many of the most recent history items are considered.
    public var recentLimit: Int
    /// Where the model's single-item scores are kept between calls (nil: computed each time).
    public var memo: SingleItemScores?

    public init(model: (any RecallModel)? = nil, recentLimit: Int = 50, memo: SingleItemScores? = nil) {
        self.model = model
        self.recentLimit = recentLimit
        self.memo = memo
    }

    /// The anchor (a history item index) of every candidate.
    /// - Parameters:
    ///   - history: the user's items, oldest first (must not be empty).
    ///   - candidates: the items to explain.
    ///   - catalog: item metadata by index.
    /// - Returns: the anchor per candidate, parallel to `candidates`.
    public func anchors(history: [Int32], candidates: [Int32], catalog: [Item]) -> [Int32] {
        precondition(!history.isEmpty, "an anchor needs a history")
        let recent = Array(history.suffix(recentLimit))
        let signal = signalAnchors(history: history, candidates: candidates)
        guard signal.contains(nil) else { return signal.map { $0! } }
        guard let genres = GenreMasks(recent: recent, catalog: catalog) else {
            return zip(signal, candidates).map { $0 ?? Self.byGenre(recent: recent, candidate: $1, catalog: catalog) }
        }
        return zip(signal, candidates).map { $0 ?? genres.anchor(for: $1) }
    }

    /// The anchor the recall signal gives each candidate: the recent history item whose
    /// single-item history scores it highest, `nil` when none scores it above zero (or there is
    /// no model). This is the one anchor rule of the project (the chat's "because you liked"
    /// too): on ties the more recent item wins, since the latest taste says the most about
    /// what someone wants next (and in a chat it is the film just mentioned).
    ///
    /// - Parameters:
    ///   - weights: how much each history item's signal counts in the ranking being explained,
    ///     parallel to `history` (nil: the same for all). A ranking that pulls harder from one
    ///     item (the chat's film just named) names that item where its pull is the larger.
    ///   - catalog: when given, a near tie (signals within `nearTie` of the best) goes to the
    ///     item sharing the most genres with the candidate: the film a reader finds closer.
    public func signalAnchors(history: [Int32], candidates: [Int32], weights: [Float]? = nil, catalog: [Item]? = nil) -> [Int32?] {
        let recent = Array(history.suffix(recentLimit))
        let recentWeights = weights.map { Array($0.suffix(recent.count)) }
        var signals = [[Float]](repeating: [], count: candidates.count)
        guard let model else { return candidates.map { _ in nil } }
        for (position, item) in recent.enumerated() {
            let scores = memo?.scores(for: item, model: model) ?? model.scores(for: UserContext(history: [item]))
            let weight = recentWeights?[position] ?? 1
            for (slot, candidate) in candidates.enumerated() {
                let score = Int(candidate) < scores.count ? scores[Int(candidate)] * weight : 0
                signals[slot].append(score.isFinite ? score : 0)
            }
        }
        return candidates.indices.map { slot in
            // Oldest first, `>=` on ties: the more recent item wins.
            var best: (anchor: Int?, score: Float) = (nil, 0)
            for (position, score) in signals[slot].enumerated() where score > 0 && score >= best.score { best = (position, score) }
            guard let winner = best.anchor else { return nil }
            guard let catalog else { return recent[winner] }
            let genres = Set(catalog[Int(candidates[slot])].genres)
            func shared(_ position: Int) -> Double {
                let other = Set(catalog[Int(recent[position])].genres), union = genres.union(other).count
                return union == 0 ? 0 : Double(genres.intersection(other).count) / Double(union)
            }
            // Each position's genre overlap is computed once (the chosen one's is kept).
            var chosen = (position: winner, shared: shared(winner))
            for position in signals[slot].indices where signals[slot][position] >= best.score * (1 - nearTie) {
                let overlap = shared(position)
                if overlap > chosen.shared { chosen = (position, overlap) }
            }
            return recent[chosen.position]
        }
    }

    /// How close two signals are to count as a tie that shared genres decide (a fifth of the best).
    public static let nearTie: Float = 0.2
    private var nearTie: Float { Self.nearTie }

    /// The recent item sharing the most genres with `candidate` (Jaccard), the more recent on ties.
    /// (`GenreMasks` gives the same answer with bits; this is its oracle and its fallback.)
    static func byGenre(recent: [Int32], candidate: Int32, catalog: [Item]) -> Int32 {
        let genres = Set(catalog[Int(candidate)].genres)
        var best = (item: recent.last!, score: -1.0)
        for item in recent {
            let other = Set(catalog[Int(item)].genres)
            let union = genres.union(other).count
            let score = union == 0 ? 0 : Double(genres.intersection(other).count) / Double(union)
            if score >= best.score { best = (item, score) }
        }
        return best.item
    }
}

/// `AnchorSelector.byGenre` for many candidates at once: the recent items' genres numbered once
/// as bits, so each Jaccard score is two popcounts instead of two sets of strings (which were
/// most of a served request's time).
struct GenreMasks {
    let recent: [Int32]
    let masks: [UInt64]
    let bits: [String: Int]
    let catalog: [Item]

    /// Nil when the recent items have more than 64 distinct genres.
    init?(recent: [Int32], catalog: [Item]) {
        var bits: [String: Int] = [:]
        var masks: [UInt64] = []
        masks.reserveCapacity(recent.count)
        for item in recent {
            var mask: UInt64 = 0
            for genre in catalog[Int(item)].genres {
                let bit: Int
                if let known = bits[genre] { bit = known } else {
                    guard bits.count < 64 else { return nil }
                    bit = bits.count
                    bits[genre] = bit
                }
                mask |= 1 << UInt64(bit)
            }
            masks.append(mask)
        }
        self.recent = recent
        self.masks = masks
        self.bits = bits
        self.catalog = catalog
    }

    func anchor(for candidate: Int32) -> Int32 {
        var mask: UInt64 = 0
        var others = Set<String>()  // the candidate's genres no recent item has: in every union
        for genre in catalog[Int(candidate)].genres {
            if let bit = bits[genre] { mask |= 1 << UInt64(bit) } else { others.insert(genre) }
        }
        var best = (item: recent.last!, score: -1.0)
        for (item, other) in zip(recent, masks) {
            let union = (mask | other).nonzeroBitCount + others.count
            let score = union == 0 ? 0 : Double((mask & other).nonzeroBitCount) / Double(union)
            if score >= best.score { best = (item, score) }
        }
        return best.item
    }
}
