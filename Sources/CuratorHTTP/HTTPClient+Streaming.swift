import Foundation
import Synchronization

/// A response whose body arrives as it is received.
public struct HTTPStreamingResponse: Sendable {
    /// The HTTP status code (always in 200...299; other statuses throw).
    public var status: Int
    /// The response headers.
    public var headers: HTTPHeaders
    /// The body, chunk by chunk; dropping it (or cancelling its reader) aborts the transfer.
    public var body: HTTPBody
}

/// A streamed response body: an `AsyncSequence` of chunks in arrival order.
///
/// Iterating throws `HTTPError` when the transfer fails midway (`.connectionLost` when the
/// server closed early, `.timedOut`) and `CancellationError` when the reading task is cancelled.
public struct HTTPBody: AsyncSequence, Sendable {
    public typealias Element = Data
    let consumer: BodyConsumer

    public func makeAsyncIterator() -> Iterator { Iterator(consumer: consumer) }

    /// Reads the chunks one at a time.
    public struct Iterator: AsyncIteratorProtocol {
        let consumer: BodyConsumer
        public mutating func next() async throws -> Data? { try await consumer.channel.next() }

        /// Stops the transfer: the reader wants no more of the body.
        public func cancel() {
            consumer.channel.cancel()
            consumer.context.cancelled.store(true, ordering: .relaxed)
        }
    }

    /// Collects the rest of the body, failing beyond `limit` bytes.
    /// - Throws: the transfer's `HTTPError`, or `.bodyTooLarge` beyond `limit`.
    public func collect(upTo limit: Int) async throws -> Data {
        var data = Data()
        for try await chunk in self {
            guard data.count + chunk.count <= limit else {
                consumer.channel.cancel()
                throw BodyTooLarge(limit: limit)
            }
            data.append(chunk)
        }
        return data
    }

    /// Thrown by `collect(upTo:)`.
    public struct BodyTooLarge: Error, CustomStringConvertible {
        public var limit: Int
        public var description: String { "response body exceeds \(limit) bytes" }
    }
}

extension HTTPClient {
    /// Sends `request` and returns as soon as the response head arrived; the body follows as a stream.
    ///
    /// At most `bufferLimit` unread bytes are held: a slow reader slows the transfer instead
    /// of growing memory. The request's timeouts apply to the whole stream; set `idle` to
    /// bound the silence between chunks instead of the total.
    /// - Throws: `HTTPError` when no head arrived, or with `.status` (and the server's message)
    ///   when the status is outside 200...299.
    public func stream(_ request: HTTPRequest, bufferLimit: Int = 1 << 20) async throws(HTTPError) -> HTTPStreamingResponse {
        let channel = BodyChannel(limit: bufferLimit)
        let sink = StreamingSink(channel: channel)
        let context: TransferContext
        switch makeContext(for: request, sink: sink) {
        case .success(let made): context = made
        case .failure(let error): throw error
        }
        let consumer = BodyConsumer(channel: channel, context: context)
        let failure = Mutex<HTTPError?>(nil)
        let head: (Int, HTTPHeaders)? = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                sink.awaitHead(continuation)
                start(request, context: context) { outcome in
                    failure.withLock { $0 = outcome.error }
                    channel.finish(outcome.error.map { .failure($0) } ?? .success(()))
                    sink.headNeverCame()
                }
            }
        } onCancel: {
            context.cancelled.store(true, ordering: .relaxed)
        }
        guard let (status, headers) = head else {
            throw failure.withLock { $0 } ?? HTTPError(
                .connectionLost, method: request.method, url: request.url, message: "no response head")
        }
        let body = HTTPBody(consumer: consumer)
        guard (200...299).contains(status) else {
            let text = (try? await body.collect(upTo: 65_536)) ?? Data()
            throw HTTPError.status(status, headers: headers, body: text, request: request)
        }
        return HTTPStreamingResponse(status: status, headers: headers, body: body)
    }
}
