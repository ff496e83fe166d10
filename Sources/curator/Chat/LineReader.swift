import Foundation

/// Reads the user's lines: with line editing and history on a terminal (`LineEditor`),
/// plain `readLine` otherwise (a script or a pipe).
struct LineReader: Sendable {
    let interactive: Bool
    private let editor: LineEditor?

    init(interactive: Bool, historyFile: String?) {
        self.interactive = interactive
        editor = interactive ? LineEditor(historyFile: historyFile) : nil
    }

    /// Gives the terminal back (call once, when the conversation ends).
    func finish() { editor?.restore() }

    /// The next line, or `nil` at end of input (Ctrl-D). Reading blocks, so it happens on a
    /// thread of its own, never on Swift's cooperative pool.
    func next(prompt: String) async -> String? {
        // The editor writes to the terminal itself: the prompt's style markers become escapes here.
        let prompt = Terminal.printable(prompt)
        return await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: editor.map { $0.readLine(prompt: prompt) } ?? Swift.readLine(strippingNewline: true))
            }.start()
        }
    }
}
