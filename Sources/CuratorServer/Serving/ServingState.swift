import Synchronization

/// Whether the service can answer, and the snapshot it answers with, behind one lock: a swap
/// replaces the whole snapshot at once and readers take it in one step.
public final class ServingState: Sendable {
    public enum Status: Sendable, Equatable {
        case loading(String)
        case ready
        case failed(String)
    }

    private struct Current {
        var status: Status = .loading("starting")
        var snapshot: ModelSnapshot?
        var swaps = 0
    }

    private let current = Mutex(Current())

    public init() {}

    public var status: Status { current.withLock { $0.status } }
    public var snapshot: ModelSnapshot? { current.withLock { $0.snapshot } }
    /// How many times a loaded model was replaced by a newer one.
    public var swaps: Int { current.withLock { $0.swaps } }

    func set(_ status: Status) { current.withLock { $0.status = status } }

    /// Installs `snapshot` and marks the service ready.
    func install(_ snapshot: ModelSnapshot) {
        current.withLock {
            if $0.snapshot != nil { $0.swaps += 1 }
            $0.snapshot = snapshot
            $0.status = .ready
        }
    }

    /// Replaces the snapshot with `change(old)`, atomically with respect to other updates.
    func update(_ change: (ModelSnapshot) -> ModelSnapshot) {
        current.withLock { if let old = $0.snapshot { $0.snapshot = change(old) } }
    }
}
