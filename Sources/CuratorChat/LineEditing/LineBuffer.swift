import Foundation

/// The line a terminal user is editing: its characters (grapheme clusters, so an accented
/// letter, a flag or a family emoji is one step of the cursor and one Backspace), the cursor
/// between them, and the columns they take on screen (CJK and most emoji two, combining marks
/// none), so the editor can put the terminal's cursor where the buffer's is.
///
/// A pure value: the terminal side (`LineEditor` in the `curator` executable) reads keys,
/// calls these, and draws `text` and `columnsAfterCursor`.
public struct LineBuffer: Sendable, Equatable {
    public private(set) var characters: [Character] = []
    /// The cursor, as a number of characters before it (`0...characters.count`).
    public private(set) var cursor = 0

    public init(_ text: String = "") {
        characters = Array(Self.printable(text))
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Inserts `text` at the cursor, without control characters (a pasted escape sequence must
    /// not reach the terminal). A combining mark or a second regional indicator joins the
    /// character before it, as it does on screen.
    public mutating func insert(_ text: String) {
        let before = String(characters[..<cursor]) + Self.printable(text)
        let after = String(characters[cursor...])
        characters = Array(before + after)
        cursor = min(before.count, characters.count)
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-W: the word before the cursor and the spaces after it.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
        while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-K.
    public mutating func deleteToEnd() { characters.removeSubrange(cursor...) }

    /// Ctrl-U.
    public mutating func deleteToStart() {
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    /// Columns the characters after the cursor take: how far to move back after drawing the line.
    public var columnsAfterCursor: Int { characters[cursor...].reduce(0) { $0 + Self.columns(of: $1) } }

    /// Columns the characters before the cursor take.
    public var columnsBeforeCursor: Int { characters[..<cursor].reduce(0) { $0 + Self.columns(of: $1) } }

    /// The columns `text` takes on a terminal.
    public static func columns(of text: String) -> Int { text.reduce(0) { $0 + columns(of: $1) } }

    /// The columns one character takes on a terminal: two for an emoji shown as an emoji
    /// (a pictograph with emoji presentation, or any character asking for it with U+FE0F) and
    /// for East Asian wide and fullwidth letters (`wcwidth` in a UTF-8 locale), none for a
    /// control character, else the widest of its scalars (combining marks count none).
    public static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.contains(where: { $0.properties.isEmojiPresentation })
            || (scalars.contains("\u{FE0F}") && scalars.contains(where: { $0.properties.isEmoji })) {
            return 2
        }
        var widest = 0
        for scalar in scalars {
            let width = UTF8Locale.shared.width(of: scalar)
            widest = max(widest, width)
        }
        return min(widest, 2)
    }

    /// `text` without control characters (C0, DEL, C1) or line breaks.
    static func printable(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { $0.properties.generalCategory != .control })
        return String(scalars)
    }
}

/// `wcwidth` under a UTF-8 character locale made for it, whatever the process's own locale
/// is (in the C locale `wcwidth` knows only ASCII). The locale is applied to the calling
/// thread only, around each call, so nothing else in the process sees it. (`wcwidth` is
/// found by name in the C library: Swift's Glibc module does not export it.)
private struct UTF8Locale: @unchecked Sendable {
    // @unchecked: `locale` and `wcwidth` are set once, here, and never changed or freed;
    // `uselocale` and `wcwidth` only read them, from any thread.
    let locale: locale_t?
    let wcwidth: (@convention(c) (Int32) -> Int32)?

    static let shared = UTF8Locale()

    private init() {
        let names: [String] = ["C.UTF-8", "C.utf8", "en_US.UTF-8"]
        locale = names.lazy.compactMap { newlocale(LC_CTYPE_MASK, $0, nil) }.first
        let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcwidth")
        wcwidth = symbol.map { unsafeBitCast($0, to: (@convention(c) (Int32) -> Int32).self) }
    }

    /// Columns of `scalar`: `wcwidth`'s answer, 0 for what it cannot print, and one column a
    /// scalar (none for a combining mark) when no UTF-8 locale or no `wcwidth` exists.
    func width(of scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value < 0x20 ? 0 : 1 }
        guard let locale, let wcwidth else { return scalar.properties.generalCategory == .nonspacingMark ? 0 : 1 }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return max(0, Int(wcwidth(Int32(bitPattern: scalar.value))))
    }
}
