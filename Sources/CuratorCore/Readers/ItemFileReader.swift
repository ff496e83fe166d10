import Foundation

/// Which columns (CSV) or keys (JSONL) of an item file hold what.
public struct ItemColumnMapping: Sendable {
    public var id: String
    public var title: String
    public var year: String?
    public var genres: String?
    /// Free-text fields, joined with a space into `Item.text`.
    public var text: [String]
    public var tags: String?

    public init(
        id: String = "id", title: String = "title", year: String? = "year", genres: String? = "genres",
        text: [String] = ["text", "description"], tags: String? = "tags"
    ) {
        self.id = id
        self.title = title
        self.year = year
        self.genres = genres
        self.text = text
        self.tags = tags
    }
}

/// Reads item catalogs: CSV with a header, or JSON lines.
public enum ItemFileReader {
    public struct Result: Sendable {
        public var items: [Item]
        public var report: ReadReport
    }

    /// Reads a catalog, choosing CSV or JSONL from the file's extension.
    public static func read(path: String, mapping: ItemColumnMapping = .init(), options: ReadOptions = .init()) throws -> Result {
        path.lowercased().hasSuffix(".jsonl") || path.lowercased().hasSuffix(".json")
            ? try readJSONL(path: path, options: options)
            : try readCSV(path: path, mapping: mapping, options: options)
    }

    /// Reads a CSV catalog with a header row; list fields (genres, tags) split on '|'.
    public static func readCSV(path: String, mapping: ItemColumnMapping, options: ReadOptions) throws -> Result {
        let file = try TextFile(path: path)
        var header: [String: Int] = [:]
        var result = Result(items: [], report: ReadReport())
        var ids = CatalogIDs()
        try CSVRecordParser(separator: path.lowercased().hasSuffix(".tsv") ? 0x09 : 0x2C).forEachRecord(in: file) { fields, line in
            if header.isEmpty {
                header = Dictionary(fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces), $0) }, uniquingKeysWith: { a, _ in a })
                for required in [mapping.id, mapping.title] where header[required] == nil {
                    throw DataError(.missingColumn(required), file: path, line: line)
                }
                return
            }
            func column(_ name: String?) -> String? {
                guard let name, let index = header[name], index < fields.count else { return nil }
                return fields[index]
            }
            guard fields.count == header.count else {
                let error = DataError(.invalid("has \(fields.count) fields, the header has \(header.count)"), file: path, line: line)
                guard options.skipBadLines else { throw error }
                return result.report.record(error)
            }
            var year: Int?
            if let raw = column(mapping.year), !raw.isEmpty {
                guard let parsed = Int(raw) else {
                    let error = DataError(.notANumber(value: raw), file: path, line: line, field: mapping.year)
                    guard options.skipBadLines else { throw error }
                    return result.report.record(error)
                }
                year = parsed
            }
            do throws(DataError.Kind) { try Item.checkYear(year) } catch {
                let failure = DataError(error, file: path, line: line, field: mapping.year)
                guard options.skipBadLines else { throw failure }
                return result.report.record(failure)
            }
            let list = { (raw: String?) in raw.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [] }
            let text = mapping.text.compactMap(column).filter { !$0.isEmpty }.joined(separator: " ")
            let item = Item(
                id: column(mapping.id)!, title: column(mapping.title)!, year: year,
                genres: list(column(mapping.genres)), text: text, tags: list(column(mapping.tags)))
            if let error = ids.problem(with: item.id, file: path, line: line, field: mapping.id) {
                guard options.skipBadLines else { throw error }
                return result.report.record(error)
            }
            result.items.append(item)
        }
        if header.isEmpty { throw DataError(.emptyFile, file: path) }
        return result
    }

    /// Reads a JSON-lines catalog: one `Item` object per line (`id` and `title` at least).
    public static func readJSONL(path: String, options: ReadOptions) throws -> Result {
        let file = try TextFile(path: path)
        var result = Result(items: [], report: ReadReport())
        var ids = CatalogIDs()
        let decoder = JSONDecoder()
        let (lines, _) = try file.forEachLine { buf, range, number in
            guard TextFile.decode(buf, range: range, as: .utf8) != nil else {
                let failure = DataError(.undecodable(encoding: "UTF-8"), file: path, line: number)
                guard options.skipBadLines else { throw failure }
                return result.report.record(failure)
            }
            do {
                let item = try decoder.decode(Item.self, from: Data(UnsafeBufferPointer(rebasing: buf[range])))
                do throws(DataError.Kind) { try Item.checkYear(item.year) } catch {
                    let failure = DataError(error, file: path, line: number, field: "year")
                    guard options.skipBadLines else { throw failure }
                    return result.report.record(failure)
                }
                if let error = ids.problem(with: item.id, file: path, line: number, field: "id") {
                    guard options.skipBadLines else { throw error }
                    return result.report.record(error)
                }
                result.items.append(item)
            } catch let error as DataError {
                throw error
            } catch {
                let isLastLine = range.upperBound == buf.count
                let kind: DataError.Kind = Self.isNotOneObject(buf[range])
                    ? .malformedJSON("each line must be one whole item object (JSON Lines: {\"id\": …, \"title\": …} per line, not a JSON array or an object spread over lines)")
                    : isLastLine && !file.bytes.isEmpty && file.bytes.last != 0x0A ? .truncated : .malformedJSON(Self.explain(error))
                let failure = DataError(kind, file: path, line: number)
                guard options.skipBadLines else { throw failure }
                result.report.record(failure)
            }
        }
        if lines == 0 { throw DataError(.emptyFile, file: path) }
        return result
    }

    /// Reads MovieLens `tags.csv` (userId, movieId, tag, timestamp): distinct tags per item.
    static func readTagsCSV(path: String, options: ReadOptions) throws -> (tagsByItem: [String: [String]], report: ReadReport) {
        var tags: [String: [String]] = [:]
        var seen = Set<String>()
        var first = true
        try CSVRecordParser(separator: 0x2C).forEachRecord(in: TextFile(path: path)) { fields, _ in
            if first { first = false; return }
            guard fields.count >= 3 else { return }
            let tag = fields[2].lowercased().trimmingCharacters(in: .whitespaces)
            if !tag.isEmpty, seen.insert(fields[1] + "\u{1F}" + tag).inserted { tags[fields[1], default: []].append(tag) }
        }
        return (tags, ReadReport())
    }

    /// Whether a line that failed to decode is a whole JSON array, or an object spread over
    /// several lines (it opens with "{" and does not close): one line of many, so the answer is
    /// the format, not the decoder's complaint.
    static func isNotOneObject(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let opening = line.first { $0 != 0x20 && $0 != 0x09 }
        let closing = line.last { $0 != 0x20 && $0 != 0x0D }
        return opening == UInt8(ascii: "[") || opening == UInt8(ascii: "{") && closing != UInt8(ascii: "}")
    }

    static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            let wanted = switch context.codingPath.first?.stringValue {
            case "genres", "tags": #": a list of strings, such as ["Fantasy", "Mystery"]"#
            case "year": ": a whole number, such as 1999"
            case "id", "title", "text": ": a string"
            default: ""
            }
            return "wrong type for '\(path)'\(wanted)"
        case DecodingError.dataCorrupted(let context):
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        default: return "\(error)"
        }
    }
}

/// The ids a catalog reader has seen, to refuse a bad or repeated one with its line.
struct CatalogIDs {
    private var firstLine: [String: Int] = [:]

    /// What is wrong with `id` on `line`, or `nil` (then it counts as seen).
    mutating func problem(with id: String, file: String, line: Int, field: String) -> DataError? {
        do throws(DataError.Kind) {
            try ExternalID.validate(id)
        } catch {
            return DataError(error, file: file, line: line, field: field)
        }
        if let first = firstLine[id] {
            return DataError(.invalid("duplicates the item on line \(first) (id \"\(id)\")"), file: file, line: line, field: field)
        }
        firstLine[id] = line
        return nil
    }
}

extension DatasetAssembler {
    /// Reads a delimited item file whose lines `makeItem` turns into items.
    mutating func readItems(
        from file: TextFile, separator: String, encoding: TextFile.Encoding, options: ReadOptions,
        makeItem: ([String]) throws -> Item
    ) throws -> ReadReport {
        var report = ReadReport()
        var splitter = FieldSplitter(separator: separator)
        var ids = CatalogIDs()
        _ = try file.forEachLine { buf, line, number in
            splitter.split(buf, line: line)
            do {
                guard let fields = Optional(splitter.ranges.map { TextFile.decode(buf, range: $0, as: encoding) }),
                      !fields.contains(nil) else { throw DataError.Kind.undecodable(encoding: encoding.rawValue) }
                let item = try makeItem(fields.map { $0! })
                if let problem = ids.problem(with: item.id, file: file.path, line: number, field: "id") { throw problem }
                try addItem(item, file: file.path)
            } catch let failure as DataError {
                guard options.skipBadLines else { throw failure }
                report.record(failure)
            } catch {
                let kind = error as? DataError.Kind ?? .invalid("\(error)")
                let failure = DataError(kind, file: file.path, line: number)
                guard options.skipBadLines else { throw failure }
                report.record(failure)
            }
        }
        return report
    }
}
