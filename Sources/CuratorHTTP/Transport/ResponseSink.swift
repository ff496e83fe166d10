import Foundation
import Synchronization

/// What a sink tells the transfer after each piece of the response.
enum SinkVerdict: Sendable {
    /// Keep receiving.
    case proceed
    /// Abort the transfer with this failure.
    case abort(HTTPError.Kind, String)
}

/// Receives one transfer's response, on the transfer's own thread.
protocol ResponseSink: Sendable {
    /// Called once when the head is complete: before the first body byte, or at the end when
    /// the body is empty. Not called when the transfer failed before a head arrived.
    func receiveHead(status: Int, headers: HTTPHeaders) -> SinkVerdict
    /// Called for each chunk of the body, in order.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> SinkVerdict
    /// Whether whoever reads the body went away; the transfer then aborts at its next progress check.
    var isAbandoned: Bool { get }
}

extension ResponseSink {
    var isAbandoned: Bool { false }
}

/// Collects the body in memory, up to a limit.
final class CollectingSink: ResponseSink {
    private let limit: Int
    private let body = Mutex<Data>(Data())

    init(limit: Int) { self.limit = limit }

    func receiveHead(status: Int, headers: HTTPHeaders) -> SinkVerdict {
        if let length = headers["Content-Length"].flatMap(Int.init), length > limit {
            return .abort(.bodyTooLarge(limit: limit), "Content-Length \(length) exceeds \(limit)")
        }
        return .proceed
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> SinkVerdict {
        body.withLock { body in
            guard body.count + bytes.count <= limit else {
                return .abort(.bodyTooLarge(limit: limit), "body exceeds \(limit) bytes")
            }
            body.append(contentsOf: bytes)
            return .proceed
        }
    }

    /// The body received so far.
    var collected: Data { body.withLock { $0 } }
}
