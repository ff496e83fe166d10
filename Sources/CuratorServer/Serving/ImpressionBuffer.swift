import Logging
import ServiceLifecycle
import Synchronization

/// Shown lists waiting to be written: requests append without touching the disk, and
/// `ImpressionWriter` stores them in one transaction per interval (and at shutdown).
final class ImpressionBuffer: Sendable {
    private let pending = Mutex<[Impression]>([])

    func append(_ impression: Impression) { pending.withLock { $0.append(impression) } }

    func take() -> [Impression] { pending.withLock { list in defer { list = [] }; return list } }
}

/// Writes buffered impressions every `interval`, and what is left when the service stops.
struct ImpressionWriter: Service {
    let service: RecommendationService
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: service.configuration.impressionFlushInterval)
                await flush()
            }
        }
        // The last flush runs in a task of its own, so the shutdown's cancellation cannot stop it.
        await Task { await flush() }.value
    }

    func flush() async {
        let batch = service.impressions.take()
        guard !batch.isEmpty else { return }
        do {
            try await service.store.record(batch)
        } catch {
            logger.error("cannot store impressions", metadata: ["count": "\(batch.count)", "error": "\(error)"])
        }
    }
}
