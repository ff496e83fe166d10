/// Turns external ids into provisional dense keys while reading, without building a String
/// per row: numeric ids go through an integer table, others through a table keyed by their
/// bytes. A String is made once per distinct id.
struct IDInterner {
    private var numeric: [Int64: Int32] = [:]
    private var textual = ByteKeyTable()
    private(set) var ids: [String] = []

    /// The key of the id spelled by `range` of `buffer`, creating it on first sight; `nil`
    /// when the bytes are not valid UTF-8.
    mutating func intern(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
        if let number = Self.canonicalNumber(buffer, range) {
            if let key = numeric[number] { return key }
            let key = Int32(ids.count)
            numeric[number] = key
            ids.append(String(number))
            return key
        }
        let bytes = UnsafeBufferPointer(rebasing: buffer[range])
        let (key, inserted) = textual.findOrInsert(bytes, newKey: Int32(ids.count))
        if inserted {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                textual.removeLast()
                return nil
            }
            ids.append(text)
        }
        return key
    }

    /// The key of an id given as text.
    mutating func intern(_ id: String) -> Int32 {
        var id = id
        return id.withUTF8 { intern($0, 0..<$0.count)! }
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
struct ByteKeyTable {
    private var slots = [Int32](repeating: -1, count: 1024)
    private var hashes: [UInt64] = []
    private var starts: [Int] = [0]
    private var arena: [UInt8] = []

    /// The key stored for `bytes`, or `newKey` after storing it (`inserted` tells which).
    mutating func findOrInsert(_ bytes: UnsafeBufferPointer<UInt8>, newKey: Int32) -> (key: Int32, inserted: Bool) {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let key = slots[slot]
            if key < 0 { break }
            if hashes[Int(key)] == hash && equals(Int(key), bytes) { return (key, false) }
            slot = (slot + 1) & mask
        }
        precondition(Int(newKey) == hashes.count, "keys are dense and assigned in order")
        slots[slot] = newKey
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        if hashes.count * 2 > slots.count { grow() }
        return (newKey, true)
    }

    /// Forgets the most recent key (an id that turned out not to be valid text).
    mutating func removeLast() {
        let key = Int32(hashes.count - 1)
        if let slot = slots.firstIndex(of: key) { slots[slot] = -1 }
        hashes.removeLast()
        starts.removeLast()
        arena.removeSubrange(starts.last!...)
        rehash(capacity: slots.count)
    }

    private func equals(_ key: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[key], end = starts[key + 1]
        guard end - start == bytes.count else { return false }
        for i in 0..<bytes.count where arena[start + i] != bytes[i] { return false }
        return true
    }

    private mutating func grow() { rehash(capacity: slots.count * 2) }

    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (key, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(key)
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
