import Foundation

/// A response the local test server sends, with an optional fault behaviour.
public struct ScriptedResponse: Sendable {
    /// How the server delivers (or fails to deliver) the response.
    public enum Behaviour: Sendable {
        /// Head and body at once, `Content-Length` set; the connection stays open for reuse.
        case normal
        /// Close the connection without sending anything.
        case closeImmediately
        /// Send nothing and keep the connection open until the client goes away or the server stops.
        case hang
        /// Send the head, then the body in pieces of `chunkSize` bytes, `interval` apart.
        case trickle(chunkSize: Int, interval: Duration)
        /// Send the head with the full `Content-Length`, then only `bytes` of the body, then close.
        case cutAfter(bytes: Int)
        /// Chunked transfer encoding, one chunk per element, `interval` apart; when `complete`
        /// is false the connection closes before the terminating chunk (a stream cut short).
        case chunked([Data], interval: Duration, complete: Bool)
        /// Send `body` `times` times in a row (a huge body without holding it in memory).
        case repeated(times: Int)
        /// Chunked transfer encoding; before each chunk after the first, the server thread calls
        /// `gate(index)`, which may block until the client has seen the previous chunk. This
        /// proves streaming without timing assumptions.
        case gated([Data], gate: @Sendable (_ index: Int) -> Void)
    }

    /// The status code.
    public var status: Int
    /// Header fields (besides `Content-Length` / `Transfer-Encoding`, which the server adds).
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: Data
    /// How to deliver it.
    public var behaviour: Behaviour

    /// Creates a response.
    public init(
        status: Int = 200, headers: [(name: String, value: String)] = [], body: Data = Data(),
        behaviour: Behaviour = .normal
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.behaviour = behaviour
    }

    /// A JSON response.
    public static func json(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> ScriptedResponse {
        ScriptedResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
    }

    /// A plain-text response.
    public static func text(_ text: String, status: Int = 200) -> ScriptedResponse {
        ScriptedResponse(status: status, headers: [("Content-Type", "text/plain")], body: Data(text.utf8))
    }

    /// A server-sent-event stream of `events` (each sent as `data: <event>\n\n`), one chunk each.
    public static func eventStream(_ events: [String], interval: Duration = .zero, complete: Bool = true) -> ScriptedResponse {
        ScriptedResponse(
            status: 200, headers: [("Content-Type", "text/event-stream")],
            behaviour: .chunked(events.map { Data("data: \($0)\n\n".utf8) }, interval: interval, complete: complete))
    }

    /// The status line and header block, ending with the blank line.
    func head(contentLength: Int?) -> Data {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        if let contentLength {
            text += "Content-Length: \(contentLength)\r\n"
        } else {
            text += "Transfer-Encoding: chunked\r\n"
        }
        return Data((text + "\r\n").utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// A request the local test server received.
public struct RecordedRequest: Sendable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The request target, e.g. `/v1/models?x=1`.
    public var path: String
    /// Header fields with lower-cased names.
    public var headers: [String: String]
    /// The body.
    public var body: Data
    /// Which accepted connection carried it (1 for the first); equal numbers mean a reused connection.
    public var connection: Int
}
