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
    /// How many fields a line has (the header's count); more is an error, not ignored.
    var columnCount: Int

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
        interactionsFile = file.path
        if layout.timestamp == nil { untimedFile = file.path }
        let (lines, _) = try file.forEachLine { buf, line, number in
            if layout.hasHeader && number == 1 { return }
            func fail(_ kind: DataError.Kind, field: String? = nil) throws {
                let error = DataError(kind, file: file.path, line: number, field: field)
                guard options.skipBadLines else { throw error }
                report.record(error)
            }
            splitter.split(buf, line: line)
            // RFC 4180 quoting, as the catalog reader reads it, for the lines that use it.
            if splitter.sawQuotedField {
                if let open = splitter.splitQuoted(buf, line: line) {
                    return try fail(.invalid("has a quote that is not closed"), field: layout.name(ofField: open))
                }
                try splitter.unquoted.withUnsafeBufferPointer { unquoted in
                    try readFields(unquoted, splitter.ranges, layout: layout, number: number, lineIsLast: line.upperBound == buf.count, guessFrom: nil, fail: fail)
                }
            } else {
                try readFields(buf, splitter.ranges, layout: layout, number: number, lineIsLast: line.upperBound == buf.count, guessFrom: line, fail: fail)
            }
        }
        if lines == 0 { throw DataError(.emptyFile, file: file.path) }
        return report
    }

    /// Reads line `number`'s fields (`fields` are ranges of `buf`) into the interactions, or
    /// calls `fail` with what is wrong with them.
    private mutating func readFields(
        _ buf: UnsafeBufferPointer<UInt8>, _ fields: [Range<Int>], layout: DelimitedLayout, number: Int, lineIsLast: Bool,
        guessFrom line: Range<Int>?, fail: (DataError.Kind, String?) throws -> Void
    ) throws {
        guard fields.count >= layout.fieldCount else {
            if fields.count == 1, let line, let found = FieldSplitter.guessSeparator(buf, line: line), found != layout.separator {
                return try fail(.wrongSeparator(expected: layout.separator, found: found), nil)
            }
            // The last line, cut short and without its newline: the file was truncated.
            if lineIsLast { return try fail(.truncated, nil) }
            let missing = [layout.user, layout.item, layout.timestamp, layout.value]
                .compactMap { $0 }.first { $0.index >= fields.count }!
            return try fail(.missingColumn(missing.name), nil)
        }
        guard fields.count <= layout.columnCount else {
            return try fail(.invalid("has \(fields.count) fields, the \(layout.hasHeader ? "header has" : "format has") \(layout.columnCount)"), nil)
        }
        var timestamp = Int64(timestamps.count)
        if let column = layout.timestamp {
            guard let t = NumberParser.int64(buf, fields[column.index]) else {
                return try fail(.notANumber(value: TextFile.decode(buf, range: fields[column.index], as: .latin1)!), column.name)
            }
            timestamp = t
        }
        var value: Float = 1
        if let column = layout.value {
            guard let v = NumberParser.float(buf, fields[column.index]) else {
                return try fail(.notANumber(value: TextFile.decode(buf, range: fields[column.index], as: .latin1)!), column.name)
            }
            value = v
        }
        let usersBefore = userIDs.count
        let user: Int32, item: Int32
        do throws(DataError.Kind) { user = try userIDs.intern(buf, fields[layout.user.index]) } catch { return try fail(error, layout.user.name) }
        do throws(DataError.Kind) { item = try itemIDs.intern(buf, fields[layout.item.index]) } catch {
            userIDs.truncate(to: usersBefore)  // a user only on a bad line is no user
            return try fail(error, layout.item.name)
        }
        appendInteraction(user: user, item: item, timestamp: timestamp, value: value, line: number)
    }
}

extension DelimitedLayout {
    /// The name of the field at `index`, when it is one the reader uses.
    func name(ofField index: Int) -> String? {
        [user, item, timestamp, value].compactMap { $0 }.first { $0.index == index }?.name
    }
}
