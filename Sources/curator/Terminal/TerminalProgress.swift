import CuratorCore
import Foundation
import Synchronization

/// Draws progress on standard error: a bar with rate and ETA redrawn in place on a terminal,
/// a plain line every few seconds (and at the end) when standard error is a file or pipe.
final class TerminalProgress: ProgressReporter {
    private struct Task {
        var started: ContinuousClock.Instant
        var lastPlainLine: ContinuousClock.Instant
    }

    private let tasks = Mutex<[String: Task]>([:])
    private let quiet: Bool

    init(quiet: Bool = false) { self.quiet = quiet }

    func report(_ event: ProgressEvent) {
        guard !quiet else { return }
        let now = ContinuousClock.now
        let (task, printPlain): (Task, Bool) = tasks.withLock { tasks in
            var task = tasks[event.task] ?? Task(started: now, lastPlainLine: now)
            let due = now - task.lastPlainLine >= .seconds(5)
            if due { task.lastPlainLine = now }
            tasks[event.task] = event.isFinished ? nil : task
            return (task, due || event.isFinished)
        }
        let elapsed = (now - task.started).seconds
        let rate = elapsed > 0 ? Double(event.completed) / elapsed : 0
        var text = event.task
        if let total = event.total, total > 0 {
            let fraction = min(1, Double(event.completed) / Double(total))
            if Terminal.standardErrorIsTTY {
                let width = 24, filled = Int(fraction * Double(width))
                text += " [" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "]"
            }
            text += String(format: " %3.0f%% %d/%d", fraction * 100, event.completed, total)
            if !event.isFinished && rate > 0 && event.completed > 0 {
                text += String(format: ", %@/s, ETA %@", Self.compact(rate), Self.duration(Double(total - event.completed) / rate))
            }
        } else {
            text += " \(event.completed)"
        }
        if let detail = event.detail { text += ", " + detail }
        if event.isFinished { text += String(format: " (%@)", Self.duration(elapsed)) }
        if Terminal.standardErrorIsTTY {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + Terminal.printable(text) + (event.isFinished ? "\n" : "")).utf8))
        } else if printPlain {
            Terminal.err(text)
        }
    }

    static func compact(_ value: Double) -> String {
        value >= 1e6 ? String(format: "%.1fM", value / 1e6) : value >= 1e4 ? String(format: "%.0fk", value / 1e3) : String(format: "%.0f", value)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}
