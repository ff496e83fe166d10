import CCurl
import Foundation
import Synchronization

/// Settings that apply to every transfer of one client.
struct TransferOptions: Sendable {
    var userAgent: String
    var verifyTLS: Bool
    var caBundlePath: String?
    /// A proxy URL overriding the environment's.
    var proxy: String?
    /// Hosts reached without a proxy: those the executable named (`HTTPClient.setNoProxyHosts`,
    /// from its environment's `no_proxy`) plus loopback.
    var noProxy: String = TransferOptions.defaultNoProxy

    static var defaultNoProxy: String {
        ([configuredNoProxy.withLock { $0 }] + ["127.0.0.1", "localhost", "::1"]).filter { !$0.isEmpty }.joined(separator: ",")
    }

    static let configuredNoProxy = Mutex("")
}

extension HTTPClient {
    /// Hosts every client of the process reaches without a proxy, besides loopback (a
    /// `no_proxy` list: comma-separated hosts or domains). An executable passes its
    /// environment's `no_proxy` once at start-up; libcurl reads the proxy variables themselves.
    public static func setNoProxyHosts(_ hosts: String?) {
        TransferOptions.configuredNoProxy.withLock { $0 = hosts ?? "" }
    }
}

/// What came back from one transfer: the head (if any) and the failure (if any).
struct TransferOutcome: Sendable {
    var status: Int?
    var headers: HTTPHeaders
    var error: HTTPError?
}

/// State shared between a transfer's thread (libcurl callbacks) and the Swift tasks awaiting it.
final class TransferContext: Sendable {
    let sink: any ResponseSink
    let handle: EasyHandle
    /// Set by task cancellation; the progress callback then aborts the transfer.
    let cancelled = Atomic<Bool>(false)
    /// When the last response byte arrived (or the transfer started), in `DispatchTime` nanoseconds.
    private let lastActivity = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)
    /// The idle limit in nanoseconds; 0 for none. Set before the transfer starts.
    private let idleLimit = Atomic<UInt64>(0)
    private let state = Mutex(State())

    private struct State {
        var headerFields: [HTTPHeaderField] = []
        var headDelivered = false
        var status: Int?
        var abort: (kind: HTTPError.Kind, message: String)?
    }

    init(sink: any ResponseSink, handle: EasyHandle) {
        self.sink = sink
        self.handle = handle
    }

    /// Starts the idle clock with `limit`.
    func startIdleClock(limit: Duration?) {
        idleLimit.store(limit.map { UInt64(max(1, $0.milliseconds)) * 1_000_000 } ?? 0, ordering: .relaxed)
        lastActivity.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
    }

    /// Whether the transfer must stop now: cancelled, abandoned, or silent for longer than the idle limit.
    func shouldAbort() -> Bool {
        if cancelled.load(ordering: .relaxed) || sink.isAbandoned { return true }
        let limit = idleLimit.load(ordering: .relaxed)
        guard limit > 0 else { return false }
        // The last activity first, then the clock: read the other way round, a store from
        // another thread in between would be newer than "now" and the difference would wrap.
        let last = lastActivity.load(ordering: .relaxed), now = DispatchTime.now().uptimeNanoseconds
        let silent = now > last ? now - last : 0
        guard silent > limit else { return false }
        state.withLock { state in
            if state.abort == nil {
                state.abort = (.timedOut, "no data for \(silent / 1_000_000) ms (idle limit \(limit / 1_000_000) ms)")
            }
        }
        return true
    }

    /// Takes one raw header line; a status line starts a new head (redirects, `100 Continue`).
    func receiveHeaderLine(_ line: String) {
        lastActivity.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        state.withLock { state in
            if trimmed.hasPrefix("HTTP/") {
                state.headerFields = []
            } else if let colon = trimmed.firstIndex(of: ":") {
                let name = String(trimmed[..<colon])
                let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                state.headerFields.append(HTTPHeaderField(name: name, value: value))
            }
        }
    }

    /// Passes the head to the sink once; returns `false` when the sink aborts.
    func deliverHeadIfNeeded() -> Bool {
        let pending: (Int, HTTPHeaders)? = state.withLock { state in
            guard !state.headDelivered else { return nil }
            state.headDelivered = true
            var code = 0
            curator_easy_getinfo_long(handle.raw, CURLINFO_RESPONSE_CODE, &code)
            state.status = code
            return (code, HTTPHeaders(state.headerFields))
        }
        guard let (status, headers) = pending else { return true }
        return record(sink.receiveHead(status: status, headers: headers))
    }

    /// Passes a body chunk to the sink; returns `false` when the transfer must stop.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        lastActivity.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        guard deliverHeadIfNeeded(), !cancelled.load(ordering: .relaxed) else { return false }
        let verdict = sink.receiveBody(bytes)
        // The sink may have blocked (a full stream buffer): that wait is not the server's silence.
        lastActivity.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        return record(verdict)
    }

    private func record(_ verdict: SinkVerdict) -> Bool {
        guard case .abort(let kind, let message) = verdict else { return true }
        state.withLock { $0.abort = (kind, message) }
        return false
    }

    /// The head and the failure after `curl_easy_perform` returned `code`.
    func outcome(code: CURLcode, curlMessage: String, request: HTTPRequest) -> TransferOutcome {
        if code == CURLE_OK { _ = deliverHeadIfNeeded() }
        return state.withLock { state in
            let headers = HTTPHeaders(state.headerFields)
            let status = state.headDelivered ? state.status : nil
            func failure(_ kind: HTTPError.Kind, _ message: String) -> HTTPError {
                HTTPError(kind, method: request.method, url: request.url, status: status,
                          message: message, curlCode: Int(code.rawValue))
            }
            if let abort = state.abort {
                return TransferOutcome(status: status, headers: headers, error: failure(abort.kind, abort.message))
            }
            if code == CURLE_OK {
                return TransferOutcome(status: status, headers: headers, error: nil)
            }
            if cancelled.load(ordering: .relaxed) || sink.isAbandoned {
                return TransferOutcome(status: status, headers: headers, error: failure(.cancelled, "cancelled"))
            }
            return TransferOutcome(status: status, headers: headers, error: failure(Curl.kind(of: code), curlMessage))
        }
    }
}

// libcurl callbacks: plain C functions that find their context through the user-data pointer.

private let writeCallback: curl_write_callback = { data, size, count, userData in
    let context = Unmanaged<TransferContext>.fromOpaque(userData!).takeUnretainedValue()
    let length = size * count
    return context.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private let headerCallback: curl_write_callback = { data, size, count, userData in
    let context = Unmanaged<TransferContext>.fromOpaque(userData!).takeUnretainedValue()
    let length = size * count
    let bytes = UnsafeRawBufferPointer(start: data, count: length)
    context.receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
    return length
}

private let progressCallback: curl_xferinfo_callback = { userData, _, _, _, _ in
    let context = Unmanaged<TransferContext>.fromOpaque(userData!).takeUnretainedValue()
    return context.shouldAbort() ? 1 : 0
}

/// Runs one transfer to its end on the calling thread (blocking); call it off the cooperative pool.
func performTransfer(
    _ request: HTTPRequest, timeouts: HTTPTimeouts, options: TransferOptions, context: TransferContext
) -> TransferOutcome {
    let h = context.handle.raw
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    var headerList: UnsafeMutablePointer<curl_slist>? = nil
    defer {
        errorBuffer.deallocate()
        curl_slist_free_all(headerList)
    }
    let unmanaged = Unmanaged.passRetained(context)
    defer { unmanaged.release() }
    let userData = unmanaged.toOpaque()

    curator_easy_setopt_string(h, CURLOPT_URL, request.url.absoluteString)
    curator_easy_setopt_pointer(h, CURLOPT_ERRORBUFFER, errorBuffer)
    curator_easy_setopt_long(h, CURLOPT_NOSIGNAL, 1)  // threads: no SIGALRM for timeouts
    curator_easy_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1)
    curator_easy_setopt_long(h, CURLOPT_MAXREDIRS, 10)
    curator_easy_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1)
    curator_easy_setopt_string(h, CURLOPT_USERAGENT, options.userAgent)
    curator_easy_setopt_long(h, CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
    curator_easy_setopt_long(h, CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
    if let path = options.caBundlePath { curator_easy_setopt_string(h, CURLOPT_CAINFO, path) }
    // Proxies: libcurl reads http_proxy, https_proxy and all_proxy from the environment itself;
    // loopback is always reached directly, whatever no_proxy says.
    curator_easy_setopt_string(h, CURLOPT_NOPROXY, options.noProxy)
    if let proxy = options.proxy { curator_easy_setopt_string(h, CURLOPT_PROXY, proxy) }

    curator_easy_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, timeouts.connect.milliseconds)
    curator_easy_setopt_long(h, CURLOPT_TIMEOUT_MS, timeouts.total.map { max(1, $0.milliseconds) } ?? 0)
    // The idle limit is checked by the progress callback, which libcurl calls at least once a second.
    context.startIdleClock(limit: timeouts.idle)

    switch request.method {
    case "GET": curator_easy_setopt_long(h, CURLOPT_HTTPGET, 1)
    case "HEAD": curator_easy_setopt_long(h, CURLOPT_NOBODY, 1)
    case "POST": curator_easy_setopt_long(h, CURLOPT_POST, 1)
    default: curator_easy_setopt_string(h, CURLOPT_CUSTOMREQUEST, request.method)
    }
    if let body = request.body {
        curator_easy_setopt_off_t(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        _ = body.withUnsafeBytes { bytes in
            // COPYPOSTFIELDS copies the bytes, so they need not outlive this scope.
            curator_easy_setopt_pointer(h, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)))
        }
    }
    // An empty `Expect:` stops libcurl from waiting for `100 Continue` on larger bodies.
    for field in request.headers + [("Expect", "")] {
        headerList = curl_slist_append(headerList, "\(field.name): \(field.value)")
    }
    curator_easy_setopt_slist(h, CURLOPT_HTTPHEADER, headerList)

    curator_easy_setopt_write_function(h, CURLOPT_WRITEFUNCTION, writeCallback)
    curator_easy_setopt_pointer(h, CURLOPT_WRITEDATA, userData)
    curator_easy_setopt_write_function(h, CURLOPT_HEADERFUNCTION, headerCallback)
    curator_easy_setopt_pointer(h, CURLOPT_HEADERDATA, userData)
    curator_easy_setopt_xferinfo_function(h, progressCallback)
    curator_easy_setopt_pointer(h, CURLOPT_XFERINFODATA, userData)
    curator_easy_setopt_long(h, CURLOPT_NOPROGRESS, 0)

    let code = curl_easy_perform(h)
    let detail = String(cString: errorBuffer)
    return context.outcome(code: code, curlMessage: detail.isEmpty ? Curl.message(code) : detail, request: request)
}

extension Duration {
    /// Whole milliseconds, for libcurl's `long` options.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
