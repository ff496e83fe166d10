/// Turns external ids into provisional dense keys while reading, fast for the common case
/// of numeric ids (no String is built) and correct for any other.
struct IDInterner {
    private var numeric: [Int64: Int32] = [:]
    private var textual: [String: Int32] = [:]
    private(set) var ids: [String] = []

    /// The key of the id spelled by `range` of `buffer`, creating it on first sight; `nil`
    /// when the bytes are not valid UTF-8.
    mutating func intern(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
        if range.count <= 18, buffer[range.lowerBound] != 0x2B, buffer[range.lowerBound] != 0x30 || range.count == 1,
           let number = NumberParser.int64(buffer, range), number >= 0
        {
            if let key = numeric[number] { return key }
            let key = Int32(ids.count)
            numeric[number] = key
            ids.append(String(number))
            return key
        }
        guard let text = TextFile.decode(buffer, range: range, as: .utf8) else { return nil }
        return intern(text)
    }

    /// The key of an id given as text.
    mutating func intern(_ id: String) -> Int32 {
        if let number = Int64(id), number >= 0, String(number) == id {
            if let key = numeric[number] { return key }
            let key = Int32(ids.count)
            numeric[number] = key
            ids.append(id)
            return key
        }
        if let key = textual[id] { return key }
        let key = Int32(ids.count)
        textual[id] = key
        ids.append(id)
        return key
    }
}
