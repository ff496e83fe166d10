/// A problem with input data, located as precisely as the reader can: file, line, field.
///
/// Readers never crash or silently drop a line on bad input: they throw this error, or, when
/// asked to skip bad lines, count what they skipped (`ReadReport`).
public struct DataError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case missingFile
        /// The file is there but may not be read (`EACCES`, `EPERM`).
        case permissionDenied
        case unknownFormat
        case emptyFile
        case missingColumn(String)
        case wrongSeparator(expected: String, found: String?)
        case notANumber(value: String)
        case truncated
        case undecodable(encoding: String)
        case malformedJSON(String)
        case invalid(String)
    }

    public var kind: Kind
    /// The file's path as given.
    public var file: String
    /// 1-based line number, when the problem is on one line.
    public var line: Int?
    /// The field (column) name, when the problem is in one field.
    public var field: String?
    /// What to do about it, said after the problem ("say which holds what with --columns …").
    public var hint: String?

    public init(_ kind: Kind, file: String, line: Int? = nil, field: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
    }

    public var description: String {
        problem + (hint.map { "; \($0)" } ?? "")
    }

    private var problem: String {
        var location = file
        if let line { location += ":\(line)" }
        let subject = field.map { "field '\($0)' " } ?? ""
        switch kind {
        case .missingFile:
            return "\(location): no such file"
        case .permissionDenied:
            return "\(location): permission denied"
        case .unknownFormat:
            return "\(location): not a dataset Curator knows (expected MovieLens files such as u.data, ratings.dat or ratings.csv, or a Curator folder with interactions.csv)"
        case .emptyFile:
            return "\(location): the file is empty"
        case .missingColumn(let name):
            return "\(location): missing column '\(name)'"
        case .wrongSeparator(let expected, let found):
            let hint = found.map { "; the line seems to use \(Self.describe($0))" } ?? ""
            return "\(location): expected fields separated by \(Self.describe(expected))\(hint)"
        case .notANumber(let value):
            return "\(location): \(subject)is not a number: \"\(value.prefix(40))\""
        case .truncated:
            return "\(location): the file ends in the middle of a line (truncated?)"
        case .undecodable(let encoding):
            return "\(location): bytes that are not valid \(encoding)"
        case .malformedJSON(let detail):
            return "\(location): malformed JSON: \(detail)"
        case .invalid(let detail):
            return "\(location): \(subject)\(detail)"
        }
    }

    static func describe(_ separator: String) -> String {
        switch separator {
        case "\t": return "tabs"
        case ",": return "commas"
        case ";": return "semicolons"
        case "|": return "'|'"
        default: return "'\(separator)'"
        }
    }
}

/// What a reader skipped when asked to skip bad lines, and what it read that the user should
/// know of (`notices`).
public struct ReadReport: Sendable, Equatable {
    public var skippedLines = 0
    /// The first few errors, to show the user what kind of lines were skipped.
    public var examples: [DataError] = []
    /// Interactions naming items the catalog lacks (`nil` when it has them all, or there is none).
    public var catalogGap: CatalogGap?
    /// The interactions file that has no timestamps, when it has none: file order stands for time.
    public var untimedFile: String?
    /// Columns read under another name than the role's default ("taking column 'rating' as the value").
    public var columnsTaken: [String] = []

    public init() {}

    mutating func record(_ error: DataError) {
        skippedLines += 1
        if examples.count < 3 { examples.append(error) }
    }

    mutating func merge(_ other: ReadReport) {
        skippedLines += other.skippedLines
        examples.append(contentsOf: other.examples.prefix(max(0, 3 - examples.count)))
        columnsTaken += other.columnsTaken
    }
}

/// A reader's closures throw a bare `Kind`; the reader adds file and line. Thrown on its own
/// (a bad `--columns`), it reads as its message, not as a Swift value.
extension DataError.Kind: Error, CustomStringConvertible {
    public var description: String {
        if case .invalid(let detail) = self { return detail }
        return String(DataError(self, file: "").description.drop { $0 == ":" || $0 == " " })
    }
}
