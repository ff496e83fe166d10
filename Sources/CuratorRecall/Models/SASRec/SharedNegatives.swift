import CuratorCore

/// One sequence's negatives for the sampled losses: `count` distinct items drawn uniformly,
/// shared by every position of the sequence, with their embedding rows gathered into one
/// `count × d` matrix so the sequence's logits are one matrix product.
///
/// A position whose positive was drawn as a negative (an accidental hit) ignores that
/// negative. Draws depend on the seed, the epoch and the user only (not the thread count).
struct SharedNegatives {
    let count: Int, width: Int
    /// The drawn items, in draw order.
    private(set) var items: [Int32]
    /// `slot[item]` is the item's index in `items`, or −1.
    private var slot: [Int32]
    /// `items`' embedding rows (`count × width`), refreshed by `gather`.
    private(set) var embedding: [Float]

    init(count: Int, itemCount: Int, width: Int) {
        precondition(count >= 1 && count < itemCount, "between 1 and itemCount − 1 negatives")
        self.count = count
        self.width = width
        items = [Int32](repeating: 0, count: count)
        slot = [Int32](repeating: -1, count: itemCount)
        embedding = [Float](repeating: 0, count: count * width)
    }

    /// Draws a new set without replacement (rejection: `count` is well under the catalog).
    mutating func draw(using rng: inout SeededGenerator) {
        for item in items { slot[Int(item)] = -1 }
        let n = UInt64(slot.count)
        for j in 0..<count {
            var item: Int
            repeat { item = Int(rng.next() % n) } while slot[item] >= 0
            slot[item] = Int32(j)
            items[j] = Int32(item)
        }
    }

    /// Takes `chosen` (`count` distinct items) as the set, as if drawn (for tests: every
    /// subset of a small catalog, or one with a chosen accidental hit).
    mutating func use(_ chosen: [Int32]) {
        precondition(chosen.count == count && Set(chosen).count == count, "\(count) distinct items")
        for item in items { slot[Int(item)] = -1 }
        for (j, item) in chosen.enumerated() {
            slot[Int(item)] = Int32(j)
            items[j] = item
        }
    }

    /// Copies the drawn items' rows out of the item embedding `e`.
    mutating func gather(from e: UnsafePointer<Float>) {
        let d = width
        embedding.withUnsafeMutableBufferPointer { out in
            for (j, item) in items.enumerated() { (out.baseAddress! + j * d).update(from: e + Int(item) * d, count: d) }
        }
    }

    /// The chance that a given item is among the draws, `count / itemCount` (the sampled
    /// softmax's q: every item alike, as the draws are uniform).
    var inclusionProbability: Float { Float(count) / Float(slot.count) }

    /// The index of `item` among the negatives, or −1.
    @inline(__always)
    func slot(of item: Int32) -> Int { Int(slot[Int(item)]) }

    /// Adds row `j` of `dNegatives` (`count × width`) into the drawn item's row of `dEmbedding`.
    func scatter(_ dNegatives: UnsafePointer<Float>, into dEmbedding: UnsafeMutablePointer<Float>) {
        for (j, item) in items.enumerated() { Dense.axpy(width, 1, dNegatives + j * width, dEmbedding + Int(item) * width) }
    }
}
