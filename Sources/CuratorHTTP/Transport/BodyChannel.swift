import Foundation
import Synchronization

/// A bounded hand-off of body chunks from a transfer's thread to an async consumer.
///
/// The producer (libcurl's write callback) blocks its own thread while more than `limit` bytes
/// wait unread, so a slow consumer slows the transfer down instead of growing memory.
final class BodyChannel: Sendable {
    private let limit: Int
    private let state = Mutex(State())
    /// Signalled when the consumer made room (or went away) for a producer that waits.
    private let room = DispatchSemaphore(value: 0)

    private struct State {
        var chunks: [Data] = []
        var first = 0
        var buffered = 0
        var producerWaits = false
        var consumerGone = false
        var end: Result<Void, HTTPError>?
        var waiter: CheckedContinuation<Data?, any Error>?
    }

    init(limit: Int) { self.limit = limit }

    /// Whether the consumer went away.
    var isCancelled: Bool { state.withLock { $0.consumerGone } }

    /// Hands a chunk over; blocks while the buffer is full. Returns `false` once the consumer is gone.
    func push(_ chunk: Data) -> Bool {
        let (accepted, mustWait): (Bool, Bool) = state.withLock { state in
            guard !state.consumerGone else { return (false, false) }
            if let waiter = state.waiter {
                state.waiter = nil
                waiter.resume(returning: chunk)
                return (true, false)
            }
            state.chunks.append(chunk)
            state.buffered += chunk.count
            state.producerWaits = state.buffered > limit
            return (true, state.producerWaits)
        }
        if mustWait { room.wait() }
        return accepted && !state.withLock { $0.consumerGone }
    }

    /// Ends the stream: `.success` after the last chunk, or the transfer's failure.
    func finish(_ end: Result<Void, HTTPError>) {
        state.withLock { state in
            guard state.end == nil else { return }
            state.end = end
            if let waiter = state.waiter {
                state.waiter = nil
                switch end {
                case .success: waiter.resume(returning: nil)
                case .failure(let error): waiter.resume(throwing: error)
                }
            }
        }
    }

    /// The consumer went away: wake the producer, which then aborts the transfer.
    func cancel() {
        let wake: Bool = state.withLock { state in
            state.consumerGone = true
            state.chunks = []
            state.buffered = 0
            if let waiter = state.waiter {
                state.waiter = nil
                waiter.resume(throwing: CancellationError())
            }
            defer { state.producerWaits = false }
            return state.producerWaits
        }
        if wake { room.signal() }
    }

    /// The next chunk, `nil` at the end; throws the transfer's failure or `CancellationError`.
    func next() async throws -> Data? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data?, any Error>) in
                let wake: Bool = state.withLock { state in
                    if state.consumerGone {
                        continuation.resume(throwing: CancellationError())
                        return false
                    }
                    if state.first < state.chunks.count {
                        let chunk = state.chunks[state.first]
                        state.first += 1
                        state.buffered -= chunk.count
                        if state.first == state.chunks.count {
                            state.chunks.removeAll(keepingCapacity: true)
                            state.first = 0
                        }
                        continuation.resume(returning: chunk)
                        if state.producerWaits && state.buffered <= limit {
                            state.producerWaits = false
                            return true
                        }
                        return false
                    }
                    switch state.end {
                    case .success: continuation.resume(returning: nil)
                    case .failure(let error): continuation.resume(throwing: error)
                    case nil: state.waiter = continuation
                    }
                    return false
                }
                if wake { room.signal() }
            }
        } onCancel: {
            cancel()
        }
    }
}

/// Owned by the consumer side only: when the last body handle goes away, the transfer stops.
final class BodyConsumer: Sendable {
    let channel: BodyChannel
    let context: TransferContext
    init(channel: BodyChannel, context: TransferContext) {
        self.channel = channel
        self.context = context
    }
    deinit {
        channel.cancel()
        context.cancelled.store(true, ordering: .relaxed)
    }
}

/// Feeds a streamed response: the head to a continuation, body chunks into a `BodyChannel`.
final class StreamingSink: ResponseSink {
    let channel: BodyChannel
    private let headWaiter = Mutex<CheckedContinuation<(Int, HTTPHeaders)?, Never>?>(nil)

    init(channel: BodyChannel) { self.channel = channel }

    /// Stores the continuation that `receiveHead` (or `headNeverCame`) resumes.
    func awaitHead(_ continuation: CheckedContinuation<(Int, HTTPHeaders)?, Never>) {
        headWaiter.withLock { $0 = continuation }
    }

    /// The transfer ended without a head; the waiter learns the failure from the outcome.
    func headNeverCame() {
        headWaiter.withLock { $0.take() }?.resume(returning: nil)
    }

    func receiveHead(status: Int, headers: HTTPHeaders) -> SinkVerdict {
        headWaiter.withLock { $0.take() }?.resume(returning: (status, headers))
        return .proceed
    }

    var isAbandoned: Bool { channel.isCancelled }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> SinkVerdict {
        channel.push(Data(bytes)) ? .proceed : .abort(.cancelled, "the body's consumer went away")
    }
}
