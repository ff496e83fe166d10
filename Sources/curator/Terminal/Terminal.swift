import Foundation

/// Where the CLI writes, and how: colour and redrawn progress only on a terminal, plain
/// text otherwise; `NO_COLOR` turns colour off everywhere.
///
/// Everything written through `out`, `write` and `err` is made printable here, in one place:
/// titles, genres, a model's words and a server's messages come from outside, and an escape
/// sequence in them (`ESC ] 0 ; … BEL` retitles the window, `ESC [ 2 J` clears it) must not
/// reach the terminal. Control characters other than newline and tab are dropped; the
/// styles of `bold` and `dim` travel as private markers that only these functions turn into
/// escape sequences. `json` writes machine output exactly as given.
enum Terminal {
    static let standardErrorIsTTY = isatty(STDERR_FILENO) == 1
    static let standardOutputIsTTY = isatty(STDOUT_FILENO) == 1
    static let standardInputIsTTY = isatty(STDIN_FILENO) == 1
    static let colorEnabled = standardOutputIsTTY && ProcessEnvironment.variables["NO_COLOR"].map(\.isEmpty) ?? true

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((printable(text) + "\n").utf8))
    }

    /// Writes `text` without a line break (streamed output), made printable.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(printable(text).utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((printable(text) + "\n").utf8))
    }

    /// Writes machine-readable output (`--json`) exactly, with a final line break: its
    /// encoder already escapes what a terminal would act on, and the data must stay exact.
    static func json(_ data: Data) {
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// `json(_:)` for text already encoded.
    static func json(_ text: String) { json(Data(text.utf8)) }

    /// `json(_:)` for a report type: sorted keys, snake_case names (unless `snakeCase` is
    /// false), slashes left as they are (paths and URLs read as written), indented unless
    /// `compact`.
    /// - Throws: `EncodingError` for a value JSON cannot hold (NaN, infinity).
    static func json(encoding value: some Encodable, compact: Bool = false, snakeCase: Bool = true) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        json(try encoder.encode(value))
    }

    /// `text` in bold when colour is on.
    static func bold(_ text: String) -> String { colorEnabled ? Style.bold.marker + text + Style.reset.marker : text }

    /// `text` dimmed when colour is on.
    static func dim(_ text: String) -> String { colorEnabled ? Style.dim.marker + text + Style.reset.marker : text }

    /// The styles the CLI itself applies, carried through text as Unicode noncharacters
    /// (U+FDD0…, which Unicode sets aside for a program's internal use).
    enum Style: UInt32, CaseIterable {
        case bold = 0xFDD0, dim = 0xFDD1, reset = 0xFDD2

        var marker: String { String(Unicode.Scalar(rawValue)!) }

        var escapeSequence: String {
            switch self {
            case .bold: "\u{1B}[1m"
            case .dim: "\u{1B}[2m"
            case .reset: "\u{1B}[0m"
            }
        }
    }

    /// `text` with every control character dropped but newline and tab (C0, DEL and C1, so
    /// no escape sequence survives, whole or cut in half), and the style markers turned into
    /// their escape sequences (or dropped when colour is off).
    static func printable(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: result.append(scalar)
            case 0x00..<0x20, 0x7F...0x9F: continue
            case 0xFDD0...0xFDD2:
                if colorEnabled, let style = Style(rawValue: scalar.value) { result.append(contentsOf: style.escapeSequence.unicodeScalars) }
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
