/// How strictly readers treat bad input.
public struct ReadOptions: Sendable {
    /// Skip lines that cannot be read, counting them in the `ReadReport`, instead of failing.
    public var skipBadLines: Bool

    public init(skipBadLines: Bool = false) {
        self.skipBadLines = skipBadLines
    }
}

/// Where each field of an interaction sits in a delimited line.
struct DelimitedLayout {
    var separator: String
    var hasHeader: Bool
    var user: (index: Int, name: String)
    var item: (index: Int, name: String)
    var timestamp: (index: Int, name: String)?
    var value: (index: Int, name: String)?

    var fieldCount: Int {
        [user.index, item.index, timestamp?.index ?? 0, value?.index ?? 0].max()! + 1
    }
}

extension DatasetAssembler {
    /// Reads interactions from a delimited file laid out as `layout`.
    /// - Throws: `DataError` for the first bad line, unless `options.skipBadLines`.
    mutating func readInteractions(
        from file: TextFile, layout: DelimitedLayout, options: ReadOptions
    ) throws -> ReadReport {
        var report = ReadReport()
        var splitter = FieldSplitter(separator: layout.separator)
        reserveCapacity(userKeys.count + file.bytes.count / 16)
        let needed = layout.fieldCount
        let (lines, _) = try file.forEachLine { buf, line, number in
            if layout.hasHeader && number == 1 { return }
            splitter.split(buf, line: line)
            let fields = splitter.ranges
            func fail(_ kind: DataError.Kind, field: String? = nil) throws {
                let error = DataError(kind, file: file.path, line: number, field: field)
                guard options.skipBadLines else { throw error }
                report.record(error)
            }
            guard fields.count >= needed else {
                if fields.count == 1, let found = FieldSplitter.guessSeparator(buf, line: line), found != layout.separator {
                    return try fail(.wrongSeparator(expected: layout.separator, found: found))
                }
                // The last line, cut short and without its newline: the file was truncated.
                if line.upperBound == buf.count { return try fail(.truncated) }
                let missing = [layout.user, layout.item, layout.timestamp, layout.value]
                    .compactMap { $0 }.first { $0.index >= fields.count }!
                return try fail(.missingColumn(missing.name))
            }
            var timestamp = Int64(timestamps.count)
            if let column = layout.timestamp {
                guard let t = NumberParser.int64(buf, fields[column.index]) else {
                    return try fail(.notANumber(value: TextFile.decode(buf, range: fields[column.index], as: .latin1)!), field: column.name)
                }
                timestamp = t
            }
            var value: Float = 1
            if let column = layout.value {
                guard let v = NumberParser.float(buf, fields[column.index]) else {
                    return try fail(.notANumber(value: TextFile.decode(buf, range: fields[column.index], as: .latin1)!), field: column.name)
                }
                value = v
            }
            guard !fields[layout.user.index].isEmpty else { return try fail(.invalid("is empty"), field: layout.user.name) }
            guard !fields[layout.item.index].isEmpty else { return try fail(.invalid("is empty"), field: layout.item.name) }
            guard let user = userIDs.intern(buf, fields[layout.user.index]) else {
                return try fail(.undecodable(encoding: "UTF-8"), field: layout.user.name)
            }
            guard let item = itemIDs.intern(buf, fields[layout.item.index]) else {
                return try fail(.undecodable(encoding: "UTF-8"), field: layout.item.name)
            }
            appendInteraction(user: user, item: item, timestamp: timestamp, value: value)
        }
        if lines == 0 { throw DataError(.emptyFile, file: file.path) }
        return report
    }
}
