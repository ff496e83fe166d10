/// JSON written straight into bytes, for what is written at every request or turn (a list of
/// recommendations, a turn's reply, a chat session's state): the bytes JSONEncoder writes with
/// sorted keys and slashes as they are, when the caller writes the keys in order, without its
/// boxing of every value (a tenth of a served request's time, a twentieth of a chat turn's).
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 2048) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        // Over the contiguous UTF-8 bytes (a stored session is tens of kilobytes of text).
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default:
                    raw("\\u00")
                    for nibble in [byte >> 4, byte & 0xF] { bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10) }
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `key` (`,"name":`) and the value, only when there is one (JSONEncoder leaves an absent
    /// optional out).
    public mutating func ifPresent<V>(_ key: StaticString, _ value: V?, _ write: (inout JSONWriter, V) -> Void) {
        guard let value else { return }
        raw(key)
        write(&self, value)
    }

    /// A string, or `null`.
    public mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// As JSONEncoder writes a finite number: its shortest form, without a trailing ".0". JSON
    /// has no NaN or infinity (JSONEncoder throws on them): callers make their numbers finite.
    public mutating func number(_ value: some BinaryFloatingPoint & CustomStringConvertible) {
        precondition(value.isFinite, "JSON has no \(value)")
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// The values in their order (a set's: the order JSONEncoder writes it in).
    public mutating func array<S: Sequence>(_ values: S, _ element: (inout JSONWriter, S.Element) -> Void) {
        raw("[")
        var first = true
        for value in values {
            if !first { raw(",") }
            first = false
            element(&self, value)
        }
        raw("]")
    }
}

