import Foundation
import Synchronization

/// A small line editor on a raw terminal: cursor keys, Home/End, Backspace/Delete,
/// Ctrl-A/E/K/U/W, history with Up/Down (kept in a file), Ctrl-C to clear the line, Ctrl-D
/// on an empty line for end of input. UTF-8 aware; assumes one column per character.
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
            raw.c_cc.6 = 1  // VMIN (index 6 on Linux): a read returns after one byte
            raw.c_cc.5 = 0  // VTIME (index 5): no timeout
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
                if let text = String(validating: pending, as: UTF8.self) { state.insert(text); pending = [] }
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
                if state.buffer.isEmpty { state.write("\r\n"); return nil }
                state.deleteForward()
            case 0x03:
                state.write("^C\r\n")
                state = EditState(prompt: prompt, entries: past)
                state.redraw()
            case 0x7F, 0x08: state.deleteBackward()
            case 0x01: state.cursor = 0; state.redraw()
            case 0x05: state.cursor = state.buffer.count; state.redraw()
            case 0x0B: state.buffer.removeSubrange(state.cursor...); state.redraw()
            case 0x15: state.buffer.removeSubrange(..<state.cursor); state.cursor = 0; state.redraw()
            case 0x17: state.deleteWord()
            case 0x0C: state.write("\u{1B}[H\u{1B}[2J"); state.redraw()
            case 0x1B: escape(&state)
            case 0x20...0x7E: state.insert(String(UnicodeScalar(byte)))
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
        case 0x43: if state.cursor < state.buffer.count { state.cursor += 1; state.redraw() }
        case 0x44: if state.cursor > 0 { state.cursor -= 1; state.redraw() }
        case 0x48: state.cursor = 0; state.redraw()
        case 0x46: state.cursor = state.buffer.count; state.redraw()
        case 0x33: if Self.readByte() == 0x7E { state.deleteForward() }
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

/// The line being edited and how to draw it.
private struct EditState {
    let prompt: String
    let entries: [String]
    var buffer: [Character] = []
    var cursor = 0
    /// Position in `entries` while browsing history (`entries.count`: the new line).
    var browsing: Int
    var draft: [Character] = []

    init(prompt: String, entries: [String]) {
        self.prompt = prompt
        self.entries = entries
        browsing = entries.count
    }

    var text: String { String(buffer) }

    mutating func insert(_ text: String) {
        buffer.insert(contentsOf: Array(text), at: cursor)
        cursor += text.count
        redraw()
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        buffer.remove(at: cursor - 1)
        cursor -= 1
        redraw()
    }

    mutating func deleteForward() {
        guard cursor < buffer.count else { return }
        buffer.remove(at: cursor)
        redraw()
    }

    mutating func deleteWord() {
        var start = cursor
        while start > 0 && buffer[start - 1] == " " { start -= 1 }
        while start > 0 && buffer[start - 1] != " " { start -= 1 }
        buffer.removeSubrange(start..<cursor)
        cursor = start
        redraw()
    }

    /// Up (-1) and Down (+1) through history; the line being typed is kept as a draft.
    mutating func recall(_ step: Int) {
        let target = browsing + step
        guard target >= 0 && target <= entries.count else { return }
        if browsing == entries.count { draft = buffer }
        browsing = target
        buffer = target == entries.count ? draft : Array(entries[target])
        cursor = buffer.count
        redraw()
    }

    func redraw() {
        let behind = buffer.count - cursor
        write("\r" + prompt + String(buffer) + "\u{1B}[K" + (behind > 0 ? "\u{1B}[\(behind)D" : ""))
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
