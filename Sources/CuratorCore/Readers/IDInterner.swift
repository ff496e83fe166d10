/// Turns external ids into provisional dense keys while reading, without building a String
/// per row: numeric ids go through an integer table, others through a table keyed by their
/// bytes. A String is made once per distinct id.
///
/// Keys come from one sequence whatever the spelling, so "1" beside "bob", or "7" beside
/// "007", are simply different ids.
struct IDInterner {
    private var numeric: [Int64: Int32] = [:]
    private var textual = ByteKeyTable()
    private(set) var ids: [String] = []

    /// The key of the id spelled by `range` of `buffer`, creating it on first sight.
    /// - Throws: `DataError.Kind` when the bytes break `ExternalID`'s rules (not UTF-8, too
    ///   long, a control character).
    mutating func intern(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(DataError.Kind) -> Int32 {
        if let number = Self.canonicalNumber(buffer, range) {
            if let key = numeric[number] { return key }
            let key = Int32(ids.count)
            numeric[number] = key
            ids.append(String(number))
            return key
        }
        let bytes = UnsafeBufferPointer(rebasing: buffer[range])
        if let key = textual.find(bytes) { return key }
        if let problem = ExternalID.problem(bytes) { throw problem }
        let key = Int32(ids.count)
        textual.insert(bytes, key: key)
        ids.append(String(decoding: bytes, as: UTF8.self))
        return key
    }

    /// The key of an id given as text.
    /// - Throws: `DataError.Kind` when the id breaks `ExternalID`'s rules.
    mutating func intern(_ id: String) throws(DataError.Kind) -> Int32 {
        var id = id
        let result = id.withUTF8 { buffer in Result { () throws(DataError.Kind) -> Int32 in try intern(buffer, 0..<buffer.count) } }
        return try result.get()
    }

    /// How many ids are interned.
    var count: Int { ids.count }

    /// Forgets the ids interned after the first `count` (a line that failed halfway must not
    /// leave its user behind).
    mutating func truncate(to count: Int) {
        while ids.count > count {
            let key = Int32(ids.count - 1)
            if let number = Int64(ids.last!), numeric[number] == key {
                numeric[number] = nil
            } else {
                textual.removeLast()
            }
            ids.removeLast()
        }
    }

    /// A non-negative integer spelled without sign, leading zeros or spaces ("7", not "007"),
    /// so that its decimal spelling gives the id back exactly.
    private static func canonicalNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard !range.isEmpty, range.count <= 18, buffer[range.lowerBound] != 0x30 || range.count == 1 else { return nil }
        var value: Int64 = 0
        for i in range {
            let digit = buffer[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }
}

/// An open-addressing hash table from byte strings to keys, storing the bytes in one arena.
/// Entries are numbered in insertion order; each carries the key it was given, which need
/// not be dense (an interner gives numeric ids keys from the same sequence).
struct ByteKeyTable {
    /// Entry numbers, -1 for an empty slot.
    private var slots = [Int32](repeating: -1, count: 1024)
    private var hashes: [UInt64] = []
    private var keys: [Int32] = []
    private var starts: [Int] = [0]
    private var arena: [UInt8] = []

    /// The key stored for `bytes`, if any.
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return nil }
            if hashes[Int(entry)] == hash && equals(Int(entry), bytes) { return keys[Int(entry)] }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `key` for `bytes`, which must not be stored yet.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, key: Int32) {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(hashes.count)
        hashes.append(hash)
        keys.append(key)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        if hashes.count * 2 > slots.count { grow() }
    }

    /// Forgets the most recent entry, closing the gap it leaves in its probe run (backward
    /// shift), so later lookups still find every other entry.
    mutating func removeLast() {
        guard let hash = hashes.last else { return }
        let entry = Int32(hashes.count - 1)
        let mask = slots.count - 1
        var hole = Int(truncatingIfNeeded: hash) & mask
        while slots[hole] != entry { hole = (hole + 1) & mask }
        slots[hole] = -1
        var next = (hole + 1) & mask
        while slots[next] >= 0 {
            let home = Int(truncatingIfNeeded: hashes[Int(slots[next])]) & mask
            // Move the entry back when its home is not cyclically within (hole, next].
            let distanceToNext = (next - home) & mask, distanceToHole = (hole - home) & mask
            if distanceToHole < distanceToNext {
                slots[hole] = slots[next]
                slots[next] = -1
                hole = next
            }
            next = (next + 1) & mask
        }
        hashes.removeLast()
        keys.removeLast()
        starts.removeLast()
        arena.removeSubrange(starts.last!...)
    }

    private func equals(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[entry], end = starts[entry + 1]
        guard end - start == bytes.count else { return false }
        for i in 0..<bytes.count where arena[start + i] != bytes[i] { return false }
        return true
    }

    private mutating func grow() { rehash(capacity: slots.count * 2) }

    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }

    /// FNV-1a with a final avalanche, so ids that differ only at the end spread well.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
