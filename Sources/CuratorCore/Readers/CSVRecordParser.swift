/// An RFC 4180 CSV parser (quoted fields, doubled quotes, newlines inside quotes) for the
/// small files where titles carry commas: catalogs and tag lists.
struct CSVRecordParser {
    let separator: UInt8

    /// Calls `body` with each record's fields and the line it starts on.
    /// - Throws: `DataError.truncated` when the file ends inside a quoted field,
    ///   `.undecodable` when a field is not valid UTF-8.
    func forEachRecord(in file: TextFile, _ body: ([String], Int) throws -> Void) throws {
        try file.bytes.withUnsafeBufferPointer { buf in
            var fields: [String] = []
            var field: [UInt8] = []
            var inQuotes = false
            var line = 1, recordLine = 1
            var i = file.contentStart
            func endField() throws {
                guard let text = String(validating: field, as: UTF8.self) else {
                    throw DataError(.undecodable(encoding: "UTF-8"), file: file.path, line: recordLine)
                }
                fields.append(text)
                field.removeAll(keepingCapacity: true)
            }
            func endRecord() throws {
                try endField()
                if !(fields.count == 1 && fields[0].isEmpty) { try body(fields, recordLine) }
                fields.removeAll(keepingCapacity: true)
                recordLine = line
            }
            while i < buf.count {
                let b = buf[i]
                if inQuotes {
                    if b == 0x22 {
                        if i + 1 < buf.count && buf[i + 1] == 0x22 { field.append(0x22); i += 1 }
                        else { inQuotes = false }
                    } else {
                        if b == 0x0A { line += 1 }
                        field.append(b)
                    }
                } else if b == 0x22 && field.isEmpty {
                    inQuotes = true
                } else if b == separator {
                    try endField()
                } else if b == 0x0A {
                    line += 1
                    try endRecord()
                } else if b != 0x0D {
                    field.append(b)
                }
                i += 1
            }
            if inQuotes { throw DataError(.truncated, file: file.path, line: recordLine) }
            if !field.isEmpty || !fields.isEmpty { try endRecord() }
        }
    }
}
