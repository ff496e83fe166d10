import Foundation

/// A WordPiece vocabulary: one token per line of `vocab.txt`, its id the line's index.
public struct Vocabulary: Sendable {
    public let tokens: [String]
    private let ids: [String: Int32]

    /// Builds a vocabulary from tokens in id order.
    /// - Throws: `TextError` when a token appears twice or a special token is missing.
    public init(tokens: [String], location: String = "vocabulary") throws {
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            guard ids.updateValue(Int32(index), forKey: token) == nil else {
                throw TextError(.malformed("token '\(token)' appears twice (line \(index + 1))"), location: location)
            }
        }
        for special in ["[UNK]", "[CLS]", "[SEP]"] where ids[special] == nil {
            throw TextError(.malformed("the special token \(special) is missing"), location: location)
        }
        self.tokens = tokens
        self.ids = ids
    }

    /// Reads `vocab.txt`.
    /// - Throws: `TextError` when the file is missing or not a vocabulary.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw TextError(.missingFile, location: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw TextError(.malformed("not UTF-8"), location: path) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        try self.init(tokens: lines, location: path)
    }

    public var count: Int { tokens.count }
    public func id(of token: String) -> Int32? { ids[token] }
    public var unknown: Int32 { ids["[UNK]"]! }
    public var classification: Int32 { ids["[CLS]"]! }
    public var separator: Int32 { ids["[SEP]"]! }
}
