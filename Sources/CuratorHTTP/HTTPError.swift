import Foundation

/// A failed HTTP exchange: what went wrong, on which request, and what the server or libcurl said.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; decides whether a retry can help.
    public enum Kind: Sendable, Equatable {
        /// The URL could not be parsed or uses a scheme libcurl cannot reach.
        case invalidURL
        /// No connection could be made: refused, host not found, network unreachable.
        case unreachable
        /// The connect timeout, the total timeout, the idle timeout or the deadline fired.
        case timedOut
        /// The calling task was cancelled, or the body's consumer went away; the transfer was aborted.
        case cancelled
        /// The connection broke or closed before the response was complete.
        case connectionLost
        /// TLS failed: certificate not trusted, name mismatch, handshake error.
        case tls
        /// The response body is larger than the limit the caller set.
        case bodyTooLarge(limit: Int)
        /// The server answered with a status outside 200...299.
        case status(Int)
        /// A local file could not be written (downloads).
        case file
        /// Any other libcurl failure.
        case transport
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The method of the failed request.
    public var method: String
    /// The URL of the failed request.
    public var url: URL
    /// The HTTP status, when a response head arrived.
    public var status: Int?
    /// libcurl's own message, or the server's message (the start of its body) for status errors.
    public var message: String
    /// libcurl's result code, when libcurl reported the failure.
    public var curlCode: Int?
    /// How long the server asked us to wait before retrying (`Retry-After`), if it said.
    public var retryAfter: Duration?
    /// The response body of a status error (at most 64 KiB), for callers that read the server's own error fields.
    public var body = Data()

    /// Creates an error; the transport fills these in, callers mostly read them.
    public init(
        _ kind: Kind, method: String, url: URL, status: Int? = nil, message: String,
        curlCode: Int? = nil, retryAfter: Duration? = nil
    ) {
        self.kind = kind
        self.method = method
        self.url = url
        self.status = status
        self.message = message
        self.curlCode = curlCode
        self.retryAfter = retryAfter
    }

    /// Whether retrying the same request may succeed: connection trouble, timeouts, 429 and 5xx.
    public var isTransient: Bool {
        switch kind {
        case .unreachable, .timedOut, .connectionLost: true
        case .status(let code): code == 429 || (500...599).contains(code)
        default: false
        }
    }

    public var description: String {
        let target = "\(method) \(url.absoluteString)"
        switch kind {
        case .invalidURL: return "invalid URL for \(target): \(message)"
        case .unreachable: return "\(target): server unreachable: \(message)"
        case .timedOut: return "\(target): timed out: \(message)"
        case .cancelled: return "\(target): cancelled"
        case .connectionLost: return "\(target): connection lost before the response ended: \(message)"
        case .tls: return "\(target): TLS failure: \(message)"
        case .bodyTooLarge(let limit): return "\(target): response body exceeds \(limit) bytes"
        case .status(let code):
            return message.isEmpty ? "\(target): HTTP \(code)" : "\(target): HTTP \(code): \(message)"
        case .file: return "\(target): \(message)"
        case .transport: return "\(target): \(message)"
        }
    }
}
