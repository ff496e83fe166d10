import CuratorChat
import Testing

@Suite("LineBuffer: editing by character, cursor placed by display columns")
struct LineBufferTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("漢", 2), ("ｱ", 1), ("Ａ", 2), ("한", 2),
        ("😀", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇫🇷", 2), ("❤️", 2), ("\u{301}", 0),
    ])
    func columnsOfOneCharacter(_ text: String, _ columns: Int) {
        #expect(text.count <= 1)
        #expect(LineBuffer.columns(of: text) == columns, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func backspaceRemovesAWholeGrapheme() {
        var line = LineBuffer("go 👨‍👩‍👧 e\u{301}")
        #expect(line.characters.count == 6)
        line.deleteBackward()
        #expect(line.text == "go 👨‍👩‍👧 ")
        line.deleteBackward()
        line.deleteBackward()
        #expect(line.text == "go ")
        #expect(line.cursor == 3)
    }

    @Test func cursorColumnsCountWideCharactersTwice() {
        var line = LineBuffer("映画 ok")
        #expect(line.columnsAfterCursor == 0)
        #expect(line.columnsBeforeCursor == 7)
        line.moveToStart()
        line.moveRight()
        #expect(line.columnsBeforeCursor == 2)
        #expect(line.columnsAfterCursor == 5)
        line.moveLeft()
        line.moveLeft()
        #expect(line.cursor == 0)
    }

    @Test func insertingAtTheCursorJoinsCombiningMarksAndFlags() {
        var line = LineBuffer("cafe")
        line.insert("\u{301}")
        #expect(line.text == "cafe\u{301}")
        #expect(line.characters.count == 4)
        #expect(line.cursor == 4)
        line.insert("🇫")
        line.insert("🇷")
        #expect(line.characters.count == 5)
        #expect(line.columnsBeforeCursor == 6)
        line.moveToStart()
        line.insert("漢")
        #expect(line.text == "漢cafe\u{301}🇫🇷")
        #expect(line.cursor == 1)
        #expect(line.columnsBeforeCursor == 2)
    }

    @Test func controlCharactersNeverEnterTheLine() {
        var line = LineBuffer()
        line.insert("a\u{1B}[2Jb\u{9B}c\u{7}")
        #expect(line.text == "a[2Jbc")
    }

    @Test func wordAndLineDeletions() {
        var line = LineBuffer("slow burn  sci-fi")
        line.deleteWordBackward()
        #expect(line.text == "slow burn  ")
        line.deleteWordBackward()
        #expect(line.text == "slow ")
        line.moveToStart()
        line.moveRight()
        line.deleteToEnd()
        #expect(line.text == "s")
        line.insert("ky")
        line.moveLeft()
        line.deleteToStart()
        #expect(line.text == "y")
        #expect(line.cursor == 0)
        line.deleteForward()
        #expect(line.isEmpty)
        line.deleteBackward()
        line.deleteForward()
        #expect(line.isEmpty && line.cursor == 0)
    }
}
