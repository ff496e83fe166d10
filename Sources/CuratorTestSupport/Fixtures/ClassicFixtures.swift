import CuratorCore

/// Small interaction matrices with known structure, for the classic recall models' tests.
public enum ClassicFixtures {
    /// Block-diagonal tastes: items fall into `blocks` equal blocks, and every user interacts
    /// only with `perUser` random items of one block (user `u` belongs to block `u % blocks`).
    /// A model that learned the structure recommends, for each user, items of their own block.
    public static func blockTastes(
        users: Int = 90, items: Int = 45, blocks: Int = 3, perUser: Int = 7, seed: UInt64 = 1
    ) -> TrainingData {
        precondition(items % blocks == 0 && perUser < items / blocks, "blocks must divide items and leave unseen items")
        let size = items / blocks
        var rng = SeededGenerator(seed: seed)
        var starts = [0], sequence: [Int32] = []
        for u in 0..<users {
            let block = u % blocks
            var pool = Array(0..<size)
            pool.shuffle(using: &rng)
            sequence.append(contentsOf: pool.prefix(perUser).map { Int32(block * size + $0) })
            starts.append(sequence.count)
        }
        return TrainingData(sequences: UserSequences(starts: starts, items: sequence), itemCount: items)
    }

    /// The block of item `item` in `blockTastes(items:blocks:)`.
    public static func block(ofItem item: Int32, items: Int = 45, blocks: Int = 3) -> Int {
        Int(item) / (items / blocks)
    }

    /// A small random binary matrix (each cell present with probability `density`), every
    /// user with at least one item.
    public static func random(users: Int, items: Int, density: Float, seed: UInt64) -> TrainingData {
        var rng = SeededGenerator(seed: seed)
        var starts = [0], sequence: [Int32] = []
        for _ in 0..<users {
            var row = (0..<items).filter { _ in rng.nextUnitFloat() < density }.map(Int32.init)
            if row.isEmpty { row = [Int32(rng.next() % UInt64(items))] }
            sequence.append(contentsOf: row)
            starts.append(sequence.count)
        }
        return TrainingData(sequences: UserSequences(starts: starts, items: sequence), itemCount: items)
    }
}
