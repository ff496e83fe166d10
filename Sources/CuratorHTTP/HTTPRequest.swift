import Foundation

/// An HTTP request: method, URL, headers, an optional body and optional per-request timeouts.
public struct HTTPRequest: Sendable {
    /// The request method, e.g. `GET` or `POST`.
    public var method: String
    /// The absolute URL to send the request to.
    public var url: URL
    /// Header fields in order; names are case-insensitive.
    public var headers: [(name: String, value: String)]
    /// The body sent with the request, if any.
    public var body: Data?
    /// Timeouts for this request; `nil` uses the client's.
    public var timeouts: HTTPTimeouts?

    /// Creates a request.
    public init(
        method: String = "GET", url: URL, headers: [(name: String, value: String)] = [],
        body: Data? = nil, timeouts: HTTPTimeouts? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
    }

    /// A `GET` request.
    public static func get(_ url: URL, headers: [(name: String, value: String)] = []) -> HTTPRequest {
        HTTPRequest(method: "GET", url: url, headers: headers)
    }

    /// A `POST` request whose body is `value` encoded as JSON.
    /// - Throws: `EncodingError` when `value` cannot be encoded.
    public static func postJSON<Body: Encodable>(
        _ url: URL, _ value: Body, headers: [(name: String, value: String)] = []
    ) throws -> HTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return HTTPRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/json")] + headers,
            body: try encoder.encode(value))
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// How long a transfer may take. `nil` means no limit for that phase.
public struct HTTPTimeouts: Sendable, Equatable {
    /// Limit for establishing the connection (TCP and TLS).
    public var connect: Duration
    /// Limit for the whole transfer, from start to the last body byte.
    public var total: Duration?
    /// Abort when no body byte arrived for this long (catches stalled streams without a total limit).
    public var idle: Duration?

    /// Creates timeouts; defaults suit short API calls.
    public init(connect: Duration = .seconds(10), total: Duration? = .seconds(120), idle: Duration? = nil) {
        self.connect = connect
        self.total = total
        self.idle = idle
    }
}

/// Response header fields in the order they arrived.
public struct HTTPHeaders: Sendable, Equatable {
    /// The fields, names as the server sent them.
    public var fields: [HTTPHeaderField]

    /// Creates headers from fields.
    public init(_ fields: [HTTPHeaderField] = []) { self.fields = fields }

    /// The value of the first field named `name` (case-insensitive).
    public subscript(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// One header field.
public struct HTTPHeaderField: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A complete response whose body was collected in memory.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers.
    public var headers: HTTPHeaders
    /// The whole body.
    public var body: Data
}
