import Foundation

/// Where the CLI writes, and how: colour and redrawn progress only on a terminal, plain
/// text otherwise; `NO_COLOR` turns colour off everywhere.
enum Terminal {
    static let standardErrorIsTTY = isatty(STDERR_FILENO) == 1
    static let standardOutputIsTTY = isatty(STDOUT_FILENO) == 1
    static let standardInputIsTTY = isatty(STDIN_FILENO) == 1
    static let colorEnabled = standardOutputIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes `text` as it is, without a line break (streamed output).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `text` in bold when colour is on.
    static func bold(_ text: String) -> String { colorEnabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    /// `text` dimmed when colour is on.
    static func dim(_ text: String) -> String { colorEnabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
