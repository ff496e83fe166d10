import CuratorHTTP
import Foundation

/// A failed call to a language-model server, saying what happened in terms of the API.
public struct LLMError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached (refused, unknown host).
        case unreachable
        /// The deadline or a timeout fired.
        case timedOut
        /// The server answered with this HTTP status; `message` is the server's own.
        case httpStatus(Int)
        /// The server's response was not the JSON expected; `snippet` shows the offending text.
        case malformedResponse
        /// A streamed response ended before its final event.
        case streamEndedEarly
        /// The server reported an error inside a stream.
        case serverError
        /// The calling task was cancelled.
        case cancelled
        /// Another transport failure (TLS, a body too large, ...).
        case transport
    }

    /// What went wrong.
    public var kind: Kind
    /// The endpoint called, e.g. `POST http://127.0.0.1:8080/v1/chat/completions`.
    public var endpoint: String
    /// A human-readable explanation.
    public var message: String
    /// The start of the offending text, for malformed responses.
    public var snippet: String?
    /// The transport error underneath, if any.
    public var underlying: HTTPError?

    /// Creates an error.
    public init(_ kind: Kind, endpoint: String, message: String, snippet: String? = nil, underlying: HTTPError? = nil) {
        self.kind = kind
        self.endpoint = endpoint
        self.message = message
        self.snippet = snippet
        self.underlying = underlying
    }

    /// Converts a transport error; `streaming` turns a lost connection into `.streamEndedEarly`.
    init(_ error: HTTPError, streaming: Bool = false) {
        let endpoint = "\(error.method) \(error.url.absoluteString)"
        let kind: Kind = switch error.kind {
        case .unreachable: .unreachable
        case .timedOut: .timedOut
        case .status(let code): .httpStatus(code)
        case .cancelled: .cancelled
        case .connectionLost: streaming ? .streamEndedEarly : .transport
        default: .transport
        }
        self.init(kind, endpoint: endpoint, message: error.message, underlying: error)
    }

    public var description: String {
        switch kind {
        case .unreachable: "\(endpoint): server unreachable (\(message)); is it running? (`curator llm status`)"
        case .timedOut: "\(endpoint): timed out: \(message)"
        case .httpStatus(let code) where code == 401 || code == 403:
            "\(endpoint): the server rejected the key (HTTP \(code)): \(message)"
        case .httpStatus(let code): "\(endpoint): HTTP \(code): \(message)"
        case .malformedResponse: "\(endpoint): malformed response: \(message)" + (snippet.map { " in: \($0)" } ?? "")
        case .streamEndedEarly: "\(endpoint): the stream ended early: \(message)"
        case .serverError: "\(endpoint): server error in stream: \(message)"
        case .cancelled: "\(endpoint): cancelled"
        case .transport: "\(endpoint): \(message)"
        }
    }

    /// The first 200 characters of `data`, for error messages.
    static func snippet(of data: Data) -> String {
        let text = String(decoding: data.prefix(200), as: UTF8.self)
        return data.count > 200 ? text + "…" : text
    }
}
