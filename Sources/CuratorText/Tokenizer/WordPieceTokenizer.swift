import Foundation

/// BERT's WordPiece tokenizer: `BasicTokenizer` words, each split greedily into the longest
/// vocabulary pieces (continuations prefixed `##`); a word that cannot be split, or is longer
/// than `maxCharactersPerWord`, becomes `[UNK]`.
public struct WordPieceTokenizer: Sendable {
    public let vocabulary: Vocabulary
    public var basic: BasicTokenizer
    /// Token ids per sequence, `[CLS]` and `[SEP]` included (all-MiniLM-L6-v2 uses 256).
    public var maxLength: Int
    public var maxCharactersPerWord: Int

    public init(vocabulary: Vocabulary, lowercase: Bool = true, maxLength: Int = 256, maxCharactersPerWord: Int = 100) {
        precondition(maxLength >= 2, "room for [CLS] and [SEP]")
        self.vocabulary = vocabulary
        self.basic = BasicTokenizer(lowercase: lowercase)
        self.maxLength = maxLength
        self.maxCharactersPerWord = maxCharactersPerWord
    }

    /// The WordPiece tokens of `text`, without special tokens or truncation.
    public func pieces(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        for word in basic.words(text) { appendPieces(of: word, to: &ids) }
        return ids
    }

    /// `[CLS] pieces [SEP]`, the pieces truncated so the whole fits in `maxLength`.
    public func encode(_ text: String) -> [Int32] {
        var ids = [vocabulary.classification]
        let limit = maxLength - 1
        for word in basic.words(text) {
            appendPieces(of: word, to: &ids)
            if ids.count >= limit { break }
        }
        if ids.count > limit { ids.removeLast(ids.count - limit) }
        ids.append(vocabulary.separator)
        return ids
    }

    /// The token strings of ids (for tests and debugging).
    public func tokens(_ ids: [Int32]) -> [String] { ids.map { vocabulary.tokens[Int($0)] } }

    private func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        if word.count > maxCharactersPerWord { ids.append(vocabulary.unknown); return }
        let mark = ids.count
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                var candidate = start > 0 ? "##" : ""
                candidate.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = vocabulary.id(of: candidate) { found = id; break }
                end -= 1
            }
            guard let id = found else {
                ids.removeLast(ids.count - mark)
                ids.append(vocabulary.unknown)
                return
            }
            ids.append(id)
            start = end
        }
    }
}
