import CuratorChat
import Foundation
import Synchronization

/// A small line editor on a raw terminal: cursor keys, Home/End, Backspace/Delete,
/// Ctrl-A/E/K/U/W, history with Up/Down (kept in a file), Ctrl-C to clear the line, Ctrl-D
/// on an empty line for end of input. The cursor moves and deletes by character (grapheme:
/// an accented letter, a flag, a family emoji) and is placed by display columns (two for CJK
/// and emoji): the editing itself is `LineBuffer`'s, tested without a terminal.
///
/// The terminal leaves canonical mode once, for the whole conversation (`restore()` puts it
/// back): switching per line would lose keys typed while an answer is printed, and a Ctrl-D
/// the line discipline had already turned into end-of-file. Only signal keys are switched:
/// off while a line is edited (Ctrl-C clears it), on while an answer is made (Ctrl-C
/// interrupts it).
final class LineEditor: Sendable {
    private let historyFile: String?
    private let history: Mutex<[String]>
    private let original: termios?
    private static let historyLimit = 500

    init(historyFile: String?) {
        self.historyFile = historyFile
        let saved = historyFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?
            .split(separator: "\n").map(String.init) ?? []
        history = Mutex(saved)
        var settings = termios()
        if tcgetattr(STDIN_FILENO, &settings) == 0 {
            original = settings
            var raw = settings
            raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN)
            raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
            // By the platform's names, not Linux's indices (VMIN is 6 there, 16 on macOS).
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1  // a read returns after one byte
                cc[Int(VTIME)] = 0  // with no timeout
            }
            tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        } else {
            original = nil
        }
    }

    /// Puts the terminal back as it was.
    func restore() {
        guard var original else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &original)
    }

    private func signalKeys(_ on: Bool) {
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        if on { settings.c_lflag |= tcflag_t(ISIG) } else { settings.c_lflag &= ~tcflag_t(ISIG) }
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    /// Reads one line; `nil` at end of input.
    func readLine(prompt: String) -> String? {
        guard original != nil else { return Swift.readLine() }
        signalKeys(false)
        defer { signalKeys(true) }

        let past = history.withLock { $0 }
        var state = EditState(prompt: prompt, entries: past)
        state.redraw()
        var pending: [UInt8] = []
        while let byte = Self.readByte() {
            if !pending.isEmpty || byte >= 0x80 {
                pending.append(byte)
                if let text = String(validating: pending, as: UTF8.self) { state.edit { $0.insert(text) }; pending = [] }
                else if pending.count >= 4 { pending = [] }
                continue
            }
            switch byte {
            case 0x0D, 0x0A:
                state.write("\r\n")
                let line = state.text
                remember(line)
                return line
            case 0x04:
                if state.line.isEmpty { state.write("\r\n"); return nil }
                state.edit { $0.deleteForward() }
            case 0x03:
                state.write("^C\r\n")
                state = EditState(prompt: prompt, entries: past)
                state.redraw()
            case 0x7F, 0x08: state.edit { $0.deleteBackward() }
            case 0x01: state.edit { $0.moveToStart() }
            case 0x05: state.edit { $0.moveToEnd() }
            case 0x0B: state.edit { $0.deleteToEnd() }
            case 0x15: state.edit { $0.deleteToStart() }
            case 0x17: state.edit { $0.deleteWordBackward() }
            case 0x0C: state.write("\u{1B}[H\u{1B}[2J"); state.redraw()
            case 0x1B: escape(&state)
            case 0x20...0x7E: state.edit { $0.insert(String(UnicodeScalar(byte))) }
            default: break
            }
        }
        return nil
    }

    private func escape(_ state: inout EditState) {
        guard let first = Self.readByte(), first == 0x5B || first == 0x4F, let key = Self.readByte() else { return }
        switch key {
        case 0x41: state.recall(-1)
        case 0x42: state.recall(+1)
        case 0x43: state.edit { $0.moveRight() }
        case 0x44: state.edit { $0.moveLeft() }
        case 0x48: state.edit { $0.moveToStart() }
        case 0x46: state.edit { $0.moveToEnd() }
        case 0x33: if Self.readByte() == 0x7E { state.edit { $0.deleteForward() } }
        default: break
        }
    }

    private func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        let entries = history.withLock { entries in
            if entries.last != line { entries.append(line) }
            if entries.count > Self.historyLimit { entries.removeFirst(entries.count - Self.historyLimit) }
            return entries
        }
        if let historyFile { try? (entries.joined(separator: "\n") + "\n").write(toFile: historyFile, atomically: true, encoding: .utf8) }
    }

    private static func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let n = read(STDIN_FILENO, &byte, 1)
            if n == 1 { return byte }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }
}

/// The line being edited, the history it can recall, and how to draw it.
private struct EditState {
    let prompt: String
    let entries: [String]
    var line = LineBuffer()
    /// Position in `entries` while browsing history (`entries.count`: the new line).
    var browsing: Int
    var draft = LineBuffer()

    init(prompt: String, entries: [String]) {
        self.prompt = prompt
        self.entries = entries
        browsing = entries.count
    }

    var text: String { line.text }

    /// Applies one edit to the line, then redraws it.
    mutating func edit(_ change: (inout LineBuffer) -> Void) {
        change(&line)
        redraw()
    }

    /// Up (-1) and Down (+1) through history; the line being typed is kept as a draft.
    mutating func recall(_ step: Int) {
        let target = browsing + step
        guard target >= 0 && target <= entries.count else { return }
        if browsing == entries.count { draft = line }
        browsing = target
        line = target == entries.count ? draft : LineBuffer(entries[target])
        line.moveToEnd()
        redraw()
    }

    /// The prompt and the line, the rest of the row cleared, and the cursor moved back over
    /// the columns (not characters) after it.
    func redraw() {
        let behind = line.columnsAfterCursor
        write("\r" + prompt + line.text + "\u{1B}[K" + (behind > 0 ? "\u{1B}[\(behind)D" : ""))
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
