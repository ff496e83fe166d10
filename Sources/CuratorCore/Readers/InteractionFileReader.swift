import Foundation

/// Which columns (CSV/TSV header names) or keys (JSONL) of an interaction file hold what.
///
/// `timestamp` and `value` are optional: without a timestamp, line order stands for time;
/// without a value, every interaction counts 1.
public struct InteractionColumnMapping: Sendable, Equatable {
    public var user: String
    public var item: String
    public var timestamp: String?
    public var value: String?

    public init(user: String = "user", item: String = "item", timestamp: String? = "timestamp", value: String? = "value") {
        self.user = user
        self.item = item
        self.timestamp = timestamp
        self.value = value
    }

    /// Parses `user=uid,item=iid,timestamp=ts,value=rating`; unnamed roles keep their default.
    /// - Throws: `DataError.Kind.invalid` naming the unknown role or malformed pair.
    public init(parsing spec: String) throws {
        self.init()
        for pair in spec.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw DataError.Kind.invalid("column mapping '\(pair)' is not role=column")
            }
            switch parts[0] {
            case "user": user = parts[1]
            case "item": item = parts[1]
            case "timestamp", "time": timestamp = parts[1]
            case "value", "rating": value = parts[1]
            default: throw DataError.Kind.invalid("unknown role '\(parts[0])' in column mapping (known: user, item, timestamp, value)")
            }
        }
    }
}

extension InteractionColumnMapping {
    /// Other names files give each role: a role left at its default name that the file lacks
    /// is read from the first of these it has ("rating" for the value: a stranger's ratings had
    /// all become 1, without a word, for want of "--columns value=rating").
    /// Names of integer times only: a "datetime" or "date" column holds text the reader cannot take.
    static let timestampAliases = ["time", "ts", "unix_timestamp", "unixtime"]
    static let valueAliases = ["rating", "ratings", "score", "stars", "weight", "count", "plays", "clicks"]
    static let userAliases = ["user_id", "userid", "uid", "customer", "customer_id", "reader", "visitor", "visitorid"]
    static let itemAliases = ["item_id", "itemid", "iid", "movie", "movie_id", "movieid", "product", "product_id", "sku", "book",
                              "book_id", "song", "track", "track_id", "artist"]

    /// This mapping with each role left at its default name and missing from `fields` read
    /// from another name the file has, and what was taken ("taking column 'rating' as the value").
    func resolved(in fields: [String]) -> (mapping: InteractionColumnMapping, taken: [String]) {
        let defaults = InteractionColumnMapping()
        var mapping = self, taken: [String] = []
        func pick(_ aliases: [String], role: String) -> String? {
            guard let found = aliases.lazy.compactMap({ alias in fields.first { $0.lowercased() == alias } }).first else { return nil }
            taken.append("taking column '\(found)' as the \(role)")
            return found
        }
        if user == defaults.user, !fields.contains(user), let found = pick(Self.userAliases, role: "user") { mapping.user = found }
        if item == defaults.item, !fields.contains(item), let found = pick(Self.itemAliases, role: "item") { mapping.item = found }
        if timestamp == defaults.timestamp, !fields.contains(timestamp ?? ""), let found = pick(Self.timestampAliases, role: "timestamp") {
            mapping.timestamp = found
        }
        if value == defaults.value, !fields.contains(value ?? ""), let found = pick(Self.valueAliases, role: "value") { mapping.value = found }
        return (mapping, taken)
    }

    /// The error for a required column the file does not have: its header, and how to name it.
    static func missing(_ name: String, header: [String], file: String) -> DataError {
        var error = DataError(.missingColumn(name), file: file, line: 1)
        error.hint = "the header has \(header.prefix(12).joined(separator: ", ")); say which holds what with --columns user=…,item=…[,timestamp=…][,value=…]"
        return error
    }
}

/// Reads interactions from CSV, TSV (with a header) or JSON lines.
enum InteractionFileReader {
    static func read(
        path: String, mapping: InteractionColumnMapping, separator: String?, options: ReadOptions,
        into assembler: inout DatasetAssembler
    ) throws -> ReadReport {
        let file = try TextFile(path: path)
        if path.lowercased().hasSuffix(".jsonl") {
            return try readJSONL(file: file, mapping: mapping, options: options, into: &assembler)
        }
        let separator = separator ?? (path.lowercased().hasSuffix(".tsv") ? "\t" : ",")
        let header = try headerFields(of: file, separator: separator)
        let (mapping, taken) = mapping.resolved(in: header)
        func column(_ name: String?, required: Bool) throws -> (Int, String)? {
            guard let name else { return nil }
            if let index = header.firstIndex(of: name) { return (index, name) }
            if required { throw InteractionColumnMapping.missing(name, header: header, file: path) }
            return nil
        }
        let defaults = InteractionColumnMapping()
        let layout = DelimitedLayout(
            separator: separator, hasHeader: true,
            user: try column(mapping.user, required: true)!,
            item: try column(mapping.item, required: true)!,
            timestamp: try column(mapping.timestamp, required: mapping.timestamp != defaults.timestamp),
            value: try column(mapping.value, required: mapping.value != defaults.value),
            columnCount: header.count)
        var report = try assembler.readInteractions(from: file, layout: layout, options: options)
        report.columnsTaken += taken.map { "\(path): \($0)" }
        return report
    }

    private static func headerFields(of file: TextFile, separator: String) throws -> [String] {
        var header: [String]?
        var splitter = FieldSplitter(separator: separator)
        var guess: String?
        _ = try file.forEachLine { buf, line, _ in
            guard header == nil else { return }
            splitter.split(buf, line: line)
            if splitter.sawQuotedField, splitter.splitQuoted(buf, line: line) != nil {
                throw DataError(.invalid("has a quote that is not closed"), file: file.path, line: 1)
            }
            let decoded = splitter.sawQuotedField
                ? splitter.unquoted.withUnsafeBufferPointer { unquoted in splitter.ranges.compactMap { TextFile.decode(unquoted, range: $0, as: .utf8) } }
                : splitter.ranges.compactMap { TextFile.decode(buf, range: $0, as: .utf8) }
            guard let fields = Optional(decoded), fields.count == splitter.ranges.count else {
                throw DataError(.undecodable(encoding: "UTF-8"), file: file.path, line: 1)
            }
            header = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.count == 1 { guess = FieldSplitter.guessSeparator(buf, line: line) }
        }
        guard let header else { throw DataError(.emptyFile, file: file.path) }
        if header.count == 1 {
            throw DataError(.wrongSeparator(expected: separator, found: guess), file: file.path, line: 1)
        }
        return header
    }

    private static func readJSONL(
        file: TextFile, mapping: InteractionColumnMapping, options: ReadOptions, into assembler: inout DatasetAssembler
    ) throws -> ReadReport {
        var report = ReadReport()
        var timed = false
        // Other names for the roles, read off the first object's keys.
        var mapping = mapping, resolved = false
        assembler.interactionsFile = file.path
        let lines = try file.forEachLine { buf, range, number in
            func fail(_ kind: DataError.Kind, field: String? = nil) throws {
                let error = DataError(kind, file: file.path, line: number, field: field)
                guard options.skipBadLines else { throw error }
                report.record(error)
            }
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(UnsafeBufferPointer(rebasing: buf[range]))) as? [String: Any] else {
                    return try fail(.malformedJSON("expected an object"))
                }
                object = parsed
            } catch {
                return try fail(range.upperBound == buf.count ? .truncated : .malformedJSON("\(TextFile.decode(buf, range: range, as: .latin1)!.prefix(60))"))
            }
            if !resolved {
                let taken: [String]
                (mapping, taken) = mapping.resolved(in: object.keys.sorted())
                report.columnsTaken += taken.map { "\(file.path): \($0)" }
                resolved = true
            }
            func text(_ key: String) -> String? {
                switch object[key] {
                case let s as String: return s
                case let n as NSNumber: return n.stringValue
                default: return nil
                }
            }
            guard let user = text(mapping.user) else { return try fail(.missingColumn(mapping.user)) }
            guard let item = text(mapping.item) else { return try fail(.missingColumn(mapping.item)) }
            var timestamp = Int64(assembler.timestamps.count)
            if let key = mapping.timestamp, let raw = object[key] {
                guard let t = (raw as? NSNumber)?.int64Value ?? (raw as? String).flatMap({ Int64($0) }) else {
                    return try fail(.notANumber(value: "\(raw)"), field: key)
                }
                timestamp = t
                timed = true
            }
            var value: Float = 1
            if let key = mapping.value, let raw = object[key] {
                guard let v = (raw as? NSNumber)?.floatValue ?? (raw as? String).flatMap({ Float($0) }) else {
                    return try fail(.notANumber(value: "\(raw)"), field: key)
                }
                value = v
            }
            let usersBefore = assembler.userIDs.count
            let userKey: Int32, itemKey: Int32
            do throws(DataError.Kind) { userKey = try assembler.userIDs.intern(user) } catch { return try fail(error, field: mapping.user) }
            do throws(DataError.Kind) { itemKey = try assembler.itemIDs.intern(item) } catch {
                assembler.userIDs.truncate(to: usersBefore)
                return try fail(error, field: mapping.item)
            }
            assembler.appendInteraction(user: userKey, item: itemKey, timestamp: timestamp, value: value, line: number)
        }
        if lines.lines == 0 { throw DataError(.emptyFile, file: file.path) }
        if !timed { assembler.untimedFile = file.path }
        return report
    }
}
