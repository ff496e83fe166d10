import Foundation
import Synchronization

/// A step of long work, as a progress display needs it.
public struct ProgressEvent: Sendable {
    /// What is being done ("itemknn: neighbours").
    public var task: String
    public var completed: Int
    /// Total units, when known.
    public var total: Int?
    /// Extra figures to show beside the bar ("loss 0.42").
    public var detail: String?
    public var isFinished: Bool

    public init(task: String, completed: Int, total: Int?, detail: String? = nil, isFinished: Bool = false) {
        self.task = task
        self.completed = completed
        self.total = total
        self.detail = detail
        self.isFinished = isFinished
    }
}

/// Receives progress from libraries, which never print: the CLI draws it, tests ignore it.
public protocol ProgressReporter: Sendable {
    func report(_ event: ProgressEvent)
}

/// Progress that goes nowhere.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func report(_ event: ProgressEvent) {}
}

/// Counts units of one task from any thread and forwards at most ~20 updates a second.
public final class ProgressTracker: Sendable {
    private struct State {
        var completed = 0
        var lastReport: UInt64 = 0
        var detail: String?
    }

    private let task: String
    private let total: Int?
    private let reporter: any ProgressReporter
    private let state = Mutex(State())

    public init(task: String, total: Int?, reporter: any ProgressReporter) {
        self.task = task
        self.total = total
        self.reporter = reporter
        reporter.report(ProgressEvent(task: task, completed: 0, total: total, detail: nil, isFinished: false))
    }

    /// Adds `units` to the count; reports when enough time has passed since the last report.
    public func advance(by units: Int = 1, detail: String? = nil) {
        let event: ProgressEvent? = state.withLock { s in
            s.completed += units
            if let detail { s.detail = detail }
            // Read the clock under the lock: a time read before it can be older than the
            // `lastReport` another thread has just set, and the difference would underflow.
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - s.lastReport >= 50_000_000 else { return nil }
            s.lastReport = now
            return ProgressEvent(task: task, completed: s.completed, total: total, detail: s.detail, isFinished: false)
        }
        if let event { reporter.report(event) }
    }

    /// Reports the task done.
    public func finish(detail: String? = nil) {
        let event = state.withLock { s in
            ProgressEvent(task: task, completed: total ?? s.completed, total: total, detail: detail ?? s.detail, isFinished: true)
        }
        reporter.report(event)
    }
}
