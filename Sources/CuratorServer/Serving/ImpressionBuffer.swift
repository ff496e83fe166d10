import Logging
import ServiceLifecycle
import Synchronization

/// Shown lists waiting to be written: requests append without touching the disk, and
/// `ImpressionWriter` stores them in one transaction per interval (and at shutdown).
final class ImpressionBuffer: Sendable {
    /// The most lists held while the store cannot take them; past it the oldest are dropped
    /// (and counted), so an outage of the store cannot grow the server's memory without end.
    let capacity: Int
    private let pending = Mutex<[Impression]>([])

    init(capacity: Int = 100_000) { self.capacity = capacity }

    func append(_ impression: Impression) { pending.withLock { $0.append(impression) } }

    func take() -> [Impression] { pending.withLock { list in defer { list = [] }; return list } }

    /// Puts back a batch the store refused, ahead of what came since, so the next flush retries it.
    /// - Returns: how many of the oldest lists were dropped to stay within `capacity`.
    @discardableResult
    func putBack(_ batch: [Impression]) -> Int {
        pending.withLock { list in
            list = batch + list
            let over = max(0, list.count - capacity)
            list.removeFirst(over)
            return over
        }
    }

    var count: Int { pending.withLock { $0.count } }
}

/// Writes buffered impressions every `interval`, and what is left when the service stops.
struct ImpressionWriter: Service {
    let service: RecommendationService
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: service.configuration.impressionFlushInterval)
                await writeToTheEnd(last: false)
            }
        }
        await writeToTheEnd(last: true)
    }

    /// Each write runs in a task of its own: the shutdown's cancellation would otherwise stop a
    /// write half-way (the store refuses a cancelled query) and its batch would be lost with it.
    private func writeToTheEnd(last: Bool) async {
        await Task { await flush(last: last) }.value
    }

    /// Writes what is buffered; a batch the store refuses is put back for the next flush, or,
    /// at shutdown (`last`), said to be lost.
    func flush(last: Bool = false) async {
        let batch = service.impressions.take()
        guard !batch.isEmpty else { return }
        do {
            try await service.store.record(batch)
        } catch where last {
            logger.error("cannot store impressions at shutdown; they are lost", metadata: ["count": "\(batch.count)", "error": "\(error)"])
        } catch {
            let dropped = service.impressions.putBack(batch)
            logger.error("cannot store impressions; kept for the next try", metadata: [
                "count": "\(batch.count)", "dropped": "\(dropped)", "error": "\(error)",
            ])
        }
    }
}
