import CuratorCore
import Foundation

/// One sequence's negatives for the sampled losses: `count` items shared by every position of
/// the sequence, with their embedding rows gathered into one `count × d` matrix so the
/// sequence's logits are one matrix product.
///
/// Drawn either uniformly without replacement, or (with `popularity` weights) with
/// replacement in proportion to the weights. Each draw carries the sampled softmax's logQ
/// correction, −log of how many times the draw's item is expected among the draws: then
/// Σ over draws of e^(logit + correction) estimates Σ over all items of e^logit without bias.
/// A position whose positive was drawn (an accidental hit) ignores those draws. Draws depend
/// on the seed, the epoch and the user only (not the thread count).
struct SharedNegatives {
    let count: Int, width: Int
    /// The drawn items, in draw order (an item may repeat when drawn by popularity).
    private(set) var items: [Int32]
    /// `slot[item]` is the item's first index in `items`, or −1; `next[j]` the next index
    /// holding the same item as index j, or −1.
    private var slot: [Int32], next: [Int32]
    /// Each draw's logQ correction, added to its logit by the sampled softmax.
    private(set) var corrections: [Float]
    /// `items`' embedding rows (`count × width`), refreshed by `gather`.
    private(set) var embedding: [Float]
    /// Draws by weight, and each item's correction −log(count · weight / Σ weights); nil: uniform.
    private let weighted: (sampler: Sampler, corrections: [Float])?

    /// - Parameter popularity: one weight per item (all positive) to draw in proportion to,
    ///   with replacement; nil draws uniformly without replacement.
    init(count: Int, itemCount: Int, width: Int, popularity: [Double]? = nil) {
        precondition(count >= 1 && count < itemCount, "between 1 and itemCount − 1 negatives")
        self.count = count
        self.width = width
        items = [Int32](repeating: 0, count: count)
        slot = [Int32](repeating: -1, count: itemCount)
        next = [Int32](repeating: -1, count: count)
        embedding = [Float](repeating: 0, count: count * width)
        if let popularity {
            precondition(popularity.count == itemCount && popularity.allSatisfy { $0 > 0 }, "a positive weight per item")
            let total = popularity.reduce(0, +)
            weighted = (Sampler(weights: popularity), popularity.map { Float(-Foundation.log(Double(count) * $0 / total)) })
        } else {
            weighted = nil
        }
        corrections = []
        corrections = uniformCorrections
    }

    /// Uniform draws: every item is among them with probability q = count / items.
    private var uniformCorrections: [Float] { [Float](repeating: -logf(Float(count) / Float(slot.count)), count: count) }

    /// Draws a new set: uniformly without replacement (rejection: `count` is well under the
    /// catalog), or by popularity with replacement.
    mutating func draw(using rng: inout SeededGenerator) {
        for item in items { slot[Int(item)] = -1 }
        if let weighted {
            for j in 0..<count { items[j] = Int32(weighted.sampler.sample(&rng)) }
            link()
            for j in 0..<count { corrections[j] = weighted.corrections[Int(items[j])] }
            return
        }
        let n = UInt64(slot.count)
        for j in 0..<count {
            var item: Int
            repeat { item = Int(rng.next() % n) } while slot[item] >= 0
            slot[item] = Int32(j)
            next[j] = -1
            items[j] = Int32(item)
        }
    }

    /// Takes `chosen` (`count` distinct items) as the set, as if drawn uniformly (for tests:
    /// every subset of a small catalog, or one with a chosen accidental hit).
    mutating func use(_ chosen: [Int32]) {
        precondition(chosen.count == count && Set(chosen).count == count, "\(count) distinct items")
        for item in items { slot[Int(item)] = -1 }
        items = chosen
        link()
        corrections = uniformCorrections
    }

    /// Rebuilds `slot` and `next` for `items` (cleared `slot` expected).
    private mutating func link() {
        for j in stride(from: count - 1, through: 0, by: -1) {
            let item = Int(items[j])
            next[j] = slot[item]
            slot[item] = Int32(j)
        }
    }

    /// Copies the drawn items' rows out of the item embedding `e`.
    mutating func gather(from e: UnsafePointer<Float>) {
        let d = width
        embedding.withUnsafeMutableBufferPointer { out in
            for (j, item) in items.enumerated() { (out.baseAddress! + j * d).update(from: e + Int(item) * d, count: d) }
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
        for (j, item) in items.enumerated() { Dense.axpy(width, 1, dNegatives + j * width, dEmbedding + Int(item) * width) }
    }
}
