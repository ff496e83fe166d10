import Foundation

/// Splits a server-sent-event byte stream into the `data` payloads of its events.
///
/// Events end with a blank line (`\n\n` or `\r\n\r\n`); the `data:` lines of an event are
/// joined with `\n`; comments (`:`) and other fields are skipped.
struct ServerSentEventParser {
    private var buffer = Data()

    /// Appends bytes and returns the payloads of the events they completed.
    mutating func feed(_ bytes: Data) -> [String] {
        buffer.append(bytes)
        var payloads: [String] = []
        while let end = Self.eventEnd(in: buffer) {
            let event = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex..<end.upperBound)
            let data = event.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                .compactMap { line -> Substring? in
                    guard line.hasPrefix("data:") else { return nil }
                    let value = line.dropFirst(5)
                    return value.first == " " ? value.dropFirst() : value
                }
            if !data.isEmpty { payloads.append(data.joined(separator: "\n")) }
        }
        return payloads
    }

    /// Whether unfinished event text is left over (the stream was cut mid-event).
    var hasPartialEvent: Bool {
        !String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    private static func eventEnd(in data: Data) -> Range<Data.Index>? {
        let lf = data.range(of: Data("\n\n".utf8))
        let crlf = data.range(of: Data("\r\n\r\n".utf8))
        switch (lf, crlf) {
        case (let a?, let b?): return a.lowerBound <= b.lowerBound ? a : b
        case (let a?, nil): return a
        case (nil, let b?): return b
        default: return nil
        }
    }
}
