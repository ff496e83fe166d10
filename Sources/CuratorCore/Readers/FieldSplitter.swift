/// Splits a line into fields on a separator of one or more bytes ("\t", ",", "::", "|"),
/// without allocating per field: the ranges go into a reused buffer.
///
/// With a one-byte separator a field that starts with `"` is quoted (RFC 4180): `split` notes
/// it, and `splitQuoted` then reads the line's fields, unquoted, into `unquoted`.
struct FieldSplitter {
    let separator: [UInt8]
    private(set) var ranges: [Range<Int>] = []
    /// Whether the last `split` met a field that starts with a quote (one-byte separators only).
    private(set) var sawQuotedField = false
    /// The fields of the last `splitQuoted`, without their quotes; `ranges` index into it.
    private(set) var unquoted: [UInt8] = []

    init(separator: String) {
        self.separator = Array(separator.utf8)
        ranges.reserveCapacity(32)
    }

    /// Splits `line` of `buffer`; afterwards `ranges` holds one range per field.
    mutating func split(_ buffer: UnsafeBufferPointer<UInt8>, line: Range<Int>) {
        ranges.removeAll(keepingCapacity: true)
        var fieldStart = line.lowerBound
        var i = line.lowerBound
        let first = separator[0], width = separator.count
        var quoted = width == 1 && i < line.upperBound && buffer[i] == 0x22
        while i < line.upperBound {
            if buffer[i] == first && (width == 1 || matches(buffer, at: i, end: line.upperBound)) {
                ranges.append(fieldStart..<i)
                i += width
                fieldStart = i
                if width == 1 && i < line.upperBound && buffer[i] == 0x22 { quoted = true }
            } else {
                i += 1
            }
        }
        ranges.append(fieldStart..<line.upperBound)
        sawQuotedField = quoted
    }

    /// Splits `line` as RFC 4180 does: a field that starts with `"` runs to the next lone
    /// `"`, may hold separators, and `""` inside stands for one quote. The fields go, without
    /// their quotes, into `unquoted`, and `ranges` index into it.
    /// - Returns: the index of a field whose quote is never closed (`nil` when all are).
    mutating func splitQuoted(_ buffer: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> Int? {
        ranges.removeAll(keepingCapacity: true)
        unquoted.removeAll(keepingCapacity: true)
        let separator = self.separator[0]
        var i = line.lowerBound
        while true {
            let start = unquoted.count
            if i < line.upperBound && buffer[i] == 0x22 {
                i += 1
                var closed = false
                while i < line.upperBound {
                    if buffer[i] == 0x22 {
                        if i + 1 < line.upperBound && buffer[i + 1] == 0x22 { unquoted.append(0x22); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    unquoted.append(buffer[i])
                    i += 1
                }
                if !closed { return ranges.count }
            }
            // Unquoted text, or what follows a closing quote, up to the separator.
            while i < line.upperBound && buffer[i] != separator {
                unquoted.append(buffer[i])
                i += 1
            }
            ranges.append(start..<unquoted.count)
            guard i < line.upperBound else { return nil }
            i += 1  // the separator
        }
    }

    private func matches(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Bool {
        guard i + separator.count <= end else { return false }
        for k in 1..<separator.count where buffer[i + k] != separator[k] { return false }
        return true
    }

    /// Guesses which common separator a line uses, to explain a wrong-separator error.
    static func guessSeparator(_ buffer: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> String? {
        let candidates: [(UInt8, String)] = [(0x09, "\t"), (0x2C, ","), (0x3B, ";"), (0x7C, "|")]
        var best: (count: Int, name: String)?
        for (byte, name) in candidates {
            let count = buffer[line].reduce(0) { $0 + ($1 == byte ? 1 : 0) }
            if count > 0 && count > (best?.count ?? 0) { best = (count, name) }
        }
        if best == nil && buffer[line].contains(0x3A) { return "::" }
        return best?.name
    }
}

/// Number parsing straight from bytes: the hot path of loading millions of rows.
enum NumberParser {
    /// Parses an optionally signed decimal integer; `nil` on anything else.
    static func int64(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end && buffer[i] == 0x20 { i += 1 }
        var last = end
        while last > i && buffer[last - 1] == 0x20 { last -= 1 }
        guard i < last else { return nil }
        var negative = false
        if buffer[i] == 0x2D || buffer[i] == 0x2B { negative = buffer[i] == 0x2D; i += 1 }
        guard i < last, last - i <= 18 else { return nil }
        var value: Int64 = 0
        while i < last {
            let d = buffer[i] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int64(d)
            i += 1
        }
        return negative ? -value : value
    }

    /// Parses a decimal number such as `4`, `-3.5` or `1e3`; `nil` on anything else.
    static func float(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Float? {
        if let whole = int64(buffer, range) { return Float(whole) }
        guard let text = TextFile.decode(buffer, range: range, as: .latin1) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Float(trimmed), value.isFinite else { return nil }
        return value
    }
}
