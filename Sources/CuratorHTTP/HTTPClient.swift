import Foundation
import Logging
import Synchronization

/// An HTTP/1.1 client on libcurl: JSON requests, streamed bodies and file downloads.
///
/// Every transfer runs its blocking libcurl calls on a thread of its own, never on Swift's
/// cooperative pool. Cancelling the calling task aborts the transfer. Connections are reused
/// across requests through a pool of libcurl handles. TLS peers are verified unless the
/// configuration says otherwise; proxies come from `http_proxy`, `https_proxy` and `no_proxy`.
public final class HTTPClient: Sendable {
    /// Settings for every request of one client.
    public struct Configuration: Sendable {
        /// Timeouts for requests that do not set their own.
        public var timeouts: HTTPTimeouts
        /// The largest body `send` collects in memory; larger bodies fail with `.bodyTooLarge`.
        public var maxBodySize: Int
        /// Sent as `User-Agent`.
        public var userAgent: String
        /// Verify TLS certificates and host names (on by default; turn off only for testing).
        public var verifyTLS: Bool
        /// A PEM file of trusted certificate authorities, instead of the system's.
        public var caBundlePath: String?
        /// A proxy URL; `nil` takes `http_proxy` / `https_proxy` / `all_proxy` from the environment.
        /// Loopback addresses never go through a proxy.
        public var proxy: String?
        /// How many idle connections (libcurl handles) to keep for reuse.
        public var maxIdleConnections: Int

        /// Creates a configuration; the defaults suit API calls.
        public init(
            timeouts: HTTPTimeouts = HTTPTimeouts(), maxBodySize: Int = 64 << 20,
            userAgent: String = "curator/0.1", verifyTLS: Bool = true, caBundlePath: String? = nil,
            maxIdleConnections: Int = 8
        ) {
            self.timeouts = timeouts
            self.maxBodySize = maxBodySize
            self.userAgent = userAgent
            self.verifyTLS = verifyTLS
            self.caBundlePath = caBundlePath
            self.maxIdleConnections = maxIdleConnections
        }
    }

    /// The client's settings.
    public let configuration: Configuration
    let logger: Logger
    private let pool: EasyHandlePool

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: settings for every request.
    ///   - logger: receives one debug line per request (method, URL, status, time; never headers).
    public init(configuration: Configuration = Configuration(), logger: Logger = Logger(label: "curator.http")) {
        self.configuration = configuration
        self.logger = logger
        self.pool = EasyHandlePool(capacity: configuration.maxIdleConnections)
    }

    /// Sends `request` and collects the whole response body.
    /// - Parameters:
    ///   - request: the request to send.
    ///   - maxBodySize: overrides the configured body limit for this request.
    /// - Returns: the response, whose status is in 200...299.
    /// - Throws: `HTTPError`; a status outside 200...299 throws `.status` with the server's message.
    public func send(_ request: HTTPRequest, maxBodySize: Int? = nil) async throws(HTTPError) -> HTTPResponse {
        let sink = CollectingSink(limit: maxBodySize ?? configuration.maxBodySize)
        let outcome = await run(request, sink: sink)
        if let error = outcome.error { throw error }
        let response = HTTPResponse(status: outcome.status ?? 0, headers: outcome.headers, body: sink.collected)
        guard (200...299).contains(response.status) else {
            throw HTTPError.status(response.status, headers: response.headers, body: response.body, request: request)
        }
        return response
    }

    /// Runs one transfer into `sink` on a thread of its own; cancelling the task aborts it.
    func run(_ request: HTTPRequest, sink: any ResponseSink) async -> TransferOutcome {
        let context: TransferContext
        switch makeContext(for: request, sink: sink) {
        case .success(let made): context = made
        case .failure(let error): return TransferOutcome(status: nil, headers: HTTPHeaders(), error: error)
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                start(request, context: context) { continuation.resume(returning: $0) }
            }
        } onCancel: {
            context.cancelled.store(true, ordering: .relaxed)
        }
    }

    /// A transfer context on a pooled handle.
    func makeContext(for request: HTTPRequest, sink: any ResponseSink) -> Result<TransferContext, HTTPError> {
        guard let handle = pool.take() else {
            return .failure(HTTPError(.transport, method: request.method, url: request.url,
                                      message: "libcurl could not create a handle"))
        }
        return .success(TransferContext(sink: sink, handle: handle))
    }

    /// Starts one transfer on a new thread and calls `completion` on that thread when it ended.
    func start(
        _ request: HTTPRequest, context: TransferContext,
        completion: @escaping @Sendable (TransferOutcome) -> Void
    ) {
        let timeouts = request.timeouts ?? configuration.timeouts
        let options = TransferOptions(
            userAgent: configuration.userAgent, verifyTLS: configuration.verifyTLS,
            caBundlePath: configuration.caBundlePath, proxy: configuration.proxy)
        let (pool, logger) = (self.pool, self.logger)
        let thread = Thread {
            let start = ContinuousClock.now
            let outcome = performTransfer(request, timeouts: timeouts, options: options, context: context)
            pool.giveBack(context.handle)
            logger.debug("\(request.method) \(request.url.absoluteString)", metadata: [
                "status": "\(outcome.status.map(String.init) ?? "-")",
                "elapsed": "\(ContinuousClock.now - start)",
                "error": "\(outcome.error.map { "\($0.kind)" } ?? "none")",
            ])
            completion(outcome)
        }
        thread.name = "curator-http"
        thread.start()
    }
}

extension HTTPError {
    /// The error for a response with a status outside 200...299, carrying the server's own message.
    static func status(_ status: Int, headers: HTTPHeaders, body: Data, request: HTTPRequest) -> HTTPError {
        HTTPError(
            .status(status), method: request.method, url: request.url, status: status,
            message: serverMessage(in: body, redacting: credentials(of: request)),
            retryAfter: headers["Retry-After"].flatMap(parseRetryAfter))
    }

    /// The longest server message kept, in characters.
    static let serverMessageLimit = 300

    /// The `error.message` (or `error`, or `message`) of a JSON error body, else the body's
    /// start: at most `serverMessageLimit` characters, cut between characters, with control
    /// characters (escape sequences included) turned into spaces, since it ends up in a
    /// warning on someone's terminal.
    /// Every occurrence of `secrets` is replaced first: a server that echoes the key in its
    /// error body must not get it printed.
    static func serverMessage(in body: Data, redacting secrets: [String] = []) -> String {
        var message: String?
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let error = object["error"] as? [String: Any], let text = error["message"] as? String {
                message = text
            } else if let text = (object["error"] ?? object["message"]) as? String {
                message = text
            }
        }
        let text = secrets.sorted { $0.count > $1.count }.reduce(message ?? String(decoding: body.prefix(65_536), as: UTF8.self)) {
            $0.replacingOccurrences(of: $1, with: "<redacted>")
        }
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{FFFD}" ? " " : $0
        }))
        let trimmed = printable.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > serverMessageLimit ? String(trimmed.prefix(serverMessageLimit)) + "…" : trimmed
    }

    /// The secrets a request carries (its `Authorization` value and the token in it).
    static func credentials(of request: HTTPRequest) -> [String] {
        request.headers.filter { $0.name.lowercased() == "authorization" }.flatMap { header -> [String] in
            let value = header.value.trimmingCharacters(in: .whitespaces)
            let token = value.split(separator: " ", maxSplits: 1).last.map(String.init) ?? value
            return [value, token].filter { $0.count >= 4 }
        }
    }

    /// `Retry-After` as seconds or as an HTTP date.
    static func parseRetryAfter(_ value: String) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return .milliseconds(Int(max(0, seconds) * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int(max(0, date.timeIntervalSinceNow) * 1000))
    }
}
