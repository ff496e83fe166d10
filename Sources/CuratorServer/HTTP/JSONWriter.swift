import NIOCore

/// JSON written straight into a buffer, for the responses every request makes (a list of
/// recommendations): the same bytes `JSONBody.encoder` writes (sorted keys, slashes as they
/// are), without its boxing of every value (it was a tenth of a served request's time).
struct JSONWriter {
    var buffer: ByteBuffer

    init(capacity: Int = 2048) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    mutating func raw(_ text: StaticString) {
        buffer.writeStaticString(text)
    }

    mutating func string(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var start = value.utf8.startIndex
        for index in value.utf8.indices {
            let byte = value.utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            buffer.writeBytes(value.utf8[start..<index])
            switch byte {
            case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x08: buffer.writeStaticString("\\b")
            case 0x0C: buffer.writeStaticString("\\f")
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                buffer.writeStaticString("\\u00")
                buffer.writeInteger(hex[Int(byte >> 4)])
                buffer.writeInteger(hex[Int(byte & 0xF)])
            }
            start = value.utf8.index(after: index)
        }
        buffer.writeBytes(value.utf8[start...])
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: Int) {
        buffer.writeString(String(value))
    }

    /// A string, or `null`.
    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// As JSONEncoder writes a finite number: its shortest form, without a trailing ".0".
    mutating func number(_ value: some BinaryFloatingPoint & CustomStringConvertible) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.writeString(text)
    }

    mutating func array<T>(_ values: [T], _ element: (inout JSONWriter, T) -> Void) {
        raw("[")
        for (i, value) in values.enumerated() {
            if i > 0 { raw(",") }
            element(&self, value)
        }
        raw("]")
    }
}

/// A response body `JSONBody.response` writes with `JSONWriter`.
protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

extension Recommendation: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"items":"#)
        writer.array(items) { writer, item in item.write(to: &writer) }
        writer.raw(#","model":"#)
        writer.string(model)
        writer.raw(#","model_version":"#)
        writer.string(modelVersion)
        writer.raw(#","recommendation_id":"#)
        writer.string(recommendationID)
        writer.raw("}")
    }
}

extension RecommendedItem: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.raw(#"{"genres":"#)
        writer.array(genres) { writer, genre in writer.string(genre) }
        writer.raw(#","id":"#)
        writer.string(id)
        writer.raw(#","reason":"#)
        writer.string(reason)
        writer.raw(#","recall_rank":"#)
        writer.integer(recallRank)
        writer.raw(#","score":"#)
        writer.number(score)
        writer.raw(#","title":"#)
        writer.string(title)
        if let year {
            writer.raw(#","year":"#)
            writer.integer(year)
        }
        writer.raw("}")
    }
}
