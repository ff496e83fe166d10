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

    public init(model: (any RecallModel)? = nil, recentLimit: Int = 50) {
        self.model = model
        self.recentLimit = recentLimit
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
    public func signalAnchors(history: [Int32], candidates: [Int32]) -> [Int32?] {
        let recent = Array(history.suffix(recentLimit))
        var best = [(anchor: Int32?, score: Float)](repeating: (nil, 0), count: candidates.count)
        guard let model else { return best.map(\.anchor) }
        // Oldest first, `>=` on ties: the more recent item wins.
        for item in recent {
            let scores = model.scores(for: UserContext(history: [item]))
            for (slot, candidate) in candidates.enumerated() where Int(candidate) < scores.count {
                let score = scores[Int(candidate)]
                if score.isFinite, score > 0, score >= best[slot].score { best[slot] = (item, score) }
            }
        }
        return best.map(\.anchor)
    }

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
