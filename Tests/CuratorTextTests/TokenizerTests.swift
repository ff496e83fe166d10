import CuratorTestSupport
import CuratorText
import Testing

@Suite struct TokenizerTests {
    let tokenizer = WordPieceTokenizer(vocabulary: try! Vocabulary(tokens: TinyBertModel.vocabulary), maxLength: 16)

    func tokens(_ text: String) -> [String] { tokenizer.tokens(tokenizer.pieces(text)) }

    @Test func lowerCasesAndSplitsPunctuation() {
        #expect(tokens("Hello, WORLD!") == ["hello", ",", "world", "!"])
        #expect(tokens("Sci-Fi (1995)?") == ["sci", "-", "fi", "(", "1995", ")", "?"])
        #expect(tokens("robot's") == ["robot", "'", "[UNK]"])
    }

    @Test func stripsAccentsInBothCompositions() {
        #expect(tokens("Café") == ["cafe"])
        #expect(tokens("Cafe\u{301}") == ["cafe"])        // decomposed e + combining acute
        #expect(tokens("Dé jà vu, naïve résumé") == ["de", "ja", "vu", ",", "naive", "resume"])
    }

    @Test func splitsWordPiecesGreedilyAndFallsBackToUnknown() {
        #expect(tokens("unaffable") == ["un", "##aff", "##able"])
        #expect(tokens("robots playing") == ["robot", "##s", "play", "##ing"])
        #expect(tokens("xylophone") == ["[UNK]"])
        #expect(tokens("unaffablez") == ["[UNK]"])             // no piece for the tail: the whole word is unknown
        #expect(tokens(String(repeating: "a", count: 101)) == ["[UNK]"])   // longer than 100 characters
    }

    @Test func dropsControlCharactersAndSplitsOnAnyWhiteSpace() {
        #expect(tokens("the\u{0} mo\u{200B}vie\tfilm\u{00A0}zoo\r\nwar") == ["the", "movie", "film", "zoo", "war"])
        #expect(tokens("   ") == [])
        #expect(tokens("") == [])
    }

    @Test func putsIdeographsApart() {
        #expect(tokens("时间film") == ["时", "间", "film"])
    }

    @Test func encodeAddsSpecialTokensAndTruncates() {
        let ids = tokenizer.encode("the movie")
        #expect(tokenizer.tokens(ids) == ["[CLS]", "the", "movie", "[SEP]"])
        let long = tokenizer.encode(String(repeating: "unaffable ", count: 40))
        #expect(long.count == 16)
        #expect(tokenizer.tokens([long.first!, long.last!]) == ["[CLS]", "[SEP]"])
        #expect(tokenizer.tokens(Array(long[1..<4])) == ["un", "##aff", "##able"])
        #expect(tokenizer.encode("").count == 2)
    }

    @Test func realModelLengthTruncatesAt256() throws {
        let t = WordPieceTokenizer(vocabulary: try Vocabulary(tokens: TinyBertModel.vocabulary))
        #expect(t.encode(String(repeating: "space war ", count: 300)).count == 256)
    }

    @Test func vocabularyRejectsDuplicatesAndMissingSpecials() {
        #expect(throws: TextError.self) { try Vocabulary(tokens: ["[UNK]", "[CLS]", "[SEP]", "a", "a"]) }
        #expect(throws: TextError.self) { try Vocabulary(tokens: ["[UNK]", "a"]) }
    }
}
