import CuratorCore
import Foundation

/// Reads items to onboard from JSONL (one `Item` object per line: `title`, optional `id`,
/// `year`, `genres`, `text`, `tags`) or CSV (a header naming `title` and optionally `id`,
/// `year`, `genres` and `text`; genres separated by `|`). An item without an id gets one from
/// its title and year, as a single `items add` makes it. Every line is checked before any is
/// used: the first bad one is an error that names the file and line.
public enum ItemFileParser {
    /// An id made from a title and year, as the shipped catalog's: lower-case letters and
    /// digits, runs joined by hyphens ("The Silmarillion", 1977 → "the-silmarillion-1977");
    /// empty when the title has no such letters.
    public static func id(title: String, year: Int?) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let runs = folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
        guard !runs.isEmpty else { return "" }
        return (runs + (year.map { [String($0)] } ?? [])).joined(separator: "-")
    }

    /// Parses `path`, by extension (`.jsonl`/`.json` or `.csv`).
    /// - Throws: `DataError` naming the file, line and problem.
    public static func parse(path: String) throws -> [Item] {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError(.missingFile, file: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError(.undecodable(encoding: "UTF-8"), file: path) }
        let items = path.lowercased().hasSuffix(".csv") ? try parseCSV(text, file: path) : try parseJSONLines(text, file: path)
        guard !items.isEmpty else { throw DataError(.emptyFile, file: path) }
        return items
    }

    public static func parseJSONLines(_ text: String, file: String) throws -> [Item] {
        var items: [Item] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            do {
                // Item's decoder falls back to the id for a missing title; onboarding wants one.
                var object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
                if let found = object, found["title"] == nil { throw DataError(.missingColumn("title"), file: file, line: number + 1) }
                var json = Data(trimmed.utf8)
                // No id: made from the title and year, as a single `items add` makes it (the
                // file had demanded one the command line does not).
                if object?["id"] == nil || object?["id"] is NSNull, let title = object?["title"] as? String {
                    let made = id(title: title, year: (object?["year"] as? NSNumber)?.intValue)
                    guard !made.isEmpty else {
                        throw DataError(.invalid("no id can be made from the title \"\(title)\": give one"), file: file, line: number + 1, field: "id")
                    }
                    object?["id"] = made
                    json = try JSONSerialization.data(withJSONObject: object!)
                }
                items.append(try validated(JSONDecoder().decode(Item.self, from: json), file: file, line: number + 1))
            } catch let error as DataError {
                throw error
            } catch let error as DecodingError {
                throw DataError(.malformedJSON(describe(error)), file: file, line: number + 1)
            }
        }
        return items
    }

    public static func parseCSV(_ text: String, file: String) throws -> [Item] {
        let records = try CSVRows.parse(text, file: file)
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else { return [] }
        guard header.contains("title") else { throw DataError(.missingColumn("title"), file: file, line: 1) }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        var items: [Item] = []
        for record in records.dropFirst() {
            let f = record.fields
            if f.count == 1 && f[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard f.count == header.count else {
                throw DataError(.invalid("\(f.count) fields where the header has \(header.count)"), file: file, line: record.line)
            }
            func value(_ name: String) -> String { column(name).map { f[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            var year: Int?
            if !value("year").isEmpty {
                guard let parsed = Int(value("year")) else { throw DataError(.notANumber(value: value("year")), file: file, line: record.line, field: "year") }
                year = parsed
            }
            let genres = value("genres").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var itemID = value("id")
            if itemID.isEmpty, !value("title").isEmpty {
                itemID = id(title: value("title"), year: year)
                guard !itemID.isEmpty else {
                    throw DataError(.invalid("no id can be made from the title \"\(value("title"))\": give one"), file: file, line: record.line, field: "id")
                }
            }
            items.append(try validated(Item(id: itemID, title: value("title"), year: year, genres: genres, text: value("text")),
                                       file: file, line: record.line))
        }
        return items
    }

    /// An item with a usable id and title.
    public static func validated(_ item: Item, file: String, line: Int?) throws -> Item {
        guard !item.id.trimmingCharacters(in: .whitespaces).isEmpty else { throw DataError(.invalid("the id is empty"), file: file, line: line, field: "id") }
        do throws(DataError.Kind) { try ExternalID.validate(item.id) } catch { throw DataError(error, file: file, line: line, field: "id") }
        guard !item.id.contains(where: { $0 == "," || $0 == "\n" || $0 == "\r" || $0 == "\"" }) else {
            throw DataError(.invalid("id \"\(item.id)\" holds a comma, quote or newline"), file: file, line: line, field: "id")
        }
        guard !item.title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DataError(.invalid("the title is empty"), file: file, line: line, field: "title")
        }
        do throws(DataError.Kind) { try Item.checkYear(item.year) } catch { throw DataError(error, file: file, line: line, field: "year") }
        return item
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "field '\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

/// A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines.
enum CSVRows {
    struct Record { var fields: [String]; var line: Int }

    static func parse(_ text: String, file: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = [], field = "", quoted = false, line = 1, recordLine = 1, fieldStarted = false
        var iterator = text.makeIterator()
        var pending: Character?
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where !fieldStarted: quoted = true; fieldStarted = true
            case ",": fields.append(field); field = ""; fieldStarted = false
            case "\n", "\r\n":
                fields.append(field); records.append(Record(fields: fields, line: recordLine))
                fields = []; field = ""; fieldStarted = false; line += 1; recordLine = line
            default: field.append(c); fieldStarted = true
            }
        }
        if quoted { throw DataError(.invalid("a quoted field is never closed"), file: file, line: recordLine) }
        if fieldStarted || !fields.isEmpty { fields.append(field); records.append(Record(fields: fields, line: recordLine)) }
        return records
    }
}
