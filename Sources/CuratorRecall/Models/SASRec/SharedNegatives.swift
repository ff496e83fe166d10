import CuratorCore
import Foundation

/// One sequence's negatives for the sampled losses, shared by every position of the sequence,
/// with their embedding rows gathered into one `count × d` matrix so the sequence's logits are
/// one matrix product.
///
/// First, when given, the sequence's own items, each once and always (their correction is 0):
/// they are the likeliest hard negatives of its positions, as the softmax has them. Then
/// `drawn` items from the rest, uniformly without replacement, or (with `popularity` weights)
/// with replacement in proportion to the weights. Each draw carries the sampled softmax's logQ
/// correction, −log of how many times the draw's item is expected among the draws: then
/// Σ over the set of e^(logit + correction) estimates Σ over all items of e^logit without bias.
/// A position whose positive is in the set (an accidental hit) ignores those entries. Draws
/// depend on the seed, the epoch and the user only (not the thread count).
struct SharedNegatives {
    /// Items drawn from outside the sequence, and the most the set can hold.
    let drawn: Int, capacity: Int, width: Int
    /// The set's size: the sequence's distinct items, then the draws.
    private(set) var count: Int
    /// The set's items (the first `count`), in draw order (an item may repeat when drawn by popularity).
    private var buffer: [Int32]
    var items: [Int32] { Array(buffer[..<count]) }
    /// `slot[item]` is the item's first index in `items`, or −1; `next[j]` the next index
    /// holding the same item as index j, or −1.
    private var slot: [Int32], next: [Int32]
    /// Each draw's logQ correction, added to its logit by the sampled softmax.
    private(set) var corrections: [Float]
    /// `items`' embedding rows (`count × width`), refreshed by `gather`.
    private(set) var embedding: [Float]
    /// Draws by weight, and each item's correction −log(count · weight / Σ weights); nil: uniform.
    private let weighted: (sampler: Sampler, corrections: [Float])?

    /// - Parameters:
    ///   - count: items drawn from outside the sequence.
    ///   - sequenceItems: the most distinct items a sequence brings (0: none).
    ///   - popularity: one weight per item (all positive) to draw in proportion to, with
    ///     replacement; nil draws uniformly without replacement.
    init(count: Int, itemCount: Int, width: Int, sequenceItems: Int = 0, popularity: [Double]? = nil) {
        precondition(count >= 1 && count < itemCount, "between 1 and itemCount − 1 negatives")
        drawn = count
        capacity = count + sequenceItems
        self.count = count
        self.width = width
        buffer = [Int32](repeating: 0, count: capacity)
        slot = [Int32](repeating: -1, count: itemCount)
        next = [Int32](repeating: -1, count: capacity)
        embedding = [Float](repeating: 0, count: capacity * width)
        corrections = [Float](repeating: -logf(Float(count) / Float(itemCount)), count: capacity)
        if let popularity {
            precondition(popularity.count == itemCount && popularity.allSatisfy { $0 > 0 }, "a positive weight per item")
            let total = popularity.reduce(0, +)
            weighted = (Sampler(weights: popularity), popularity.map { Float(-Foundation.log(Double(count) * $0 / total)) })
        } else {
            weighted = nil
        }
    }

    /// Draws a new set: `sequence`'s distinct items (at most the capacity's share), then
    /// `drawn` others uniformly without replacement (rejection: the set is well under the
    /// catalog; fewer when the catalog has fewer others) or by popularity with replacement
    /// (rejecting the sequence's items, so each draw's chance is its weight's share of the rest).
    mutating func draw(using rng: inout SeededGenerator, including sequence: [Int32] = []) {
        for item in buffer[..<count] { slot[Int(item)] = -1 }
        var own = 0
        for item in sequence where slot[Int(item)] < 0 && own < capacity - drawn {
            slot[Int(item)] = Int32(own)
            buffer[own] = item
            corrections[own] = 0
            own += 1
        }
        let n = slot.count, others = min(drawn, n - own)
        count = own + others
        guard others > 0 else { return link() }
        if let weighted {
            // The weights' share of the items outside the sequence renormalises the chances.
            let total = weighted.sampler.total, outside = total - buffer[..<own].reduce(0.0) { $0 + weighted.sampler.weight(Int($1)) }
            let shift = Foundation.logf(Float(drawn) / Float(others)) - Float(Foundation.log(total / outside))
            for j in own..<count {
                var item: Int
                repeat { item = weighted.sampler.sample(&rng) } while slot[item] >= 0 && slot[item] < Int32(own)
                buffer[j] = Int32(item)
                corrections[j] = weighted.corrections[item] + shift
            }
            return link()
        }
        let correction = -logf(Float(others) / Float(n - own))
        for j in own..<count {
            var item: Int
            repeat { item = Int(rng.next() % UInt64(n)) } while slot[item] >= 0
            slot[item] = Int32(j)
            buffer[j] = Int32(item)
            corrections[j] = correction
        }
        link()
    }

    /// Takes `chosen` (distinct items, `drawn` of them) as the set, as if drawn uniformly from
    /// the whole catalog (for tests: every subset of a small catalog, or one with a chosen
    /// accidental hit).
    mutating func use(_ chosen: [Int32]) {
        precondition(chosen.count == drawn && Set(chosen).count == drawn, "\(drawn) distinct items")
        for item in buffer[..<count] { slot[Int(item)] = -1 }
        count = drawn
        for (j, item) in chosen.enumerated() {
            buffer[j] = item
            corrections[j] = -logf(Float(drawn) / Float(slot.count))
        }
        link()
    }

    /// Rebuilds `slot` and `next` for the set.
    private mutating func link() {
        for item in buffer[..<count] { slot[Int(item)] = -1 }
        for j in stride(from: count - 1, through: 0, by: -1) {
            let item = Int(buffer[j])
            next[j] = slot[item]
            slot[item] = Int32(j)
        }
    }

    /// Copies the drawn items' rows out of the item embedding `e`.
    mutating func gather(from e: UnsafePointer<Float>) {
        let d = width
        embedding.withUnsafeMutableBufferPointer { out in
            for (j, item) in buffer[..<count].enumerated() { (out.baseAddress! + j * d).update(from: e + Int(item) * d, count: d) }
        }
    }

    /// The first index of `item` among the draws, or −1.
    @inline(__always)
    func slot(of item: Int32) -> Int { Int(slot[Int(item)]) }

    /// Sets `row[j]` to −∞ for every draw j of `item` (an accidental hit: the position's positive).
    @inline(__always)
    func mask(_ item: Int32, in row: UnsafeMutablePointer<Float>) {
        var j = slot(of: item)
        while j >= 0 {
            row[j] = -.infinity
            j = Int(next[j])
        }
    }

    /// Adds row `j` of `dNegatives` (`count × width`) into the drawn item's row of `dEmbedding`.
    func scatter(_ dNegatives: UnsafePointer<Float>, into dEmbedding: UnsafeMutablePointer<Float>) {
        for (j, item) in buffer[..<count].enumerated() { Dense.axpy(width, 1, dNegatives + j * width, dEmbedding + Int(item) * width) }
    }
}
