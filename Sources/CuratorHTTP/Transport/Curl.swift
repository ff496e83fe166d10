import CCurl
import Foundation
import Synchronization

/// Process-wide libcurl state.
enum Curl {
    /// `curl_global_init` runs once, before the first handle; Swift's lazy statics are thread-safe.
    static let isInitialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// libcurl's description of `code`.
    static func message(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    /// The `HTTPError.Kind` for a libcurl failure.
    static func kind(of code: CURLcode) -> HTTPError.Kind {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: .invalidURL
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT: .unreachable
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING,
             CURLE_HTTP2, CURLE_HTTP2_STREAM:
            .connectionLost
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND:
            .tls
        default: .transport
        }
    }
}

/// One libcurl easy handle.
///
/// `@unchecked Sendable` is safe because a handle has exactly one owner at a time: a transfer
/// takes it from `EasyHandlePool` (under the pool's mutex), uses it on one thread only, and
/// gives it back (under the same mutex), which orders every use before the next owner's.
final class EasyHandle: @unchecked Sendable {
    /// The `CURL *`.
    let raw: UnsafeMutableRawPointer

    init?() {
        guard Curl.isInitialized, let handle = curl_easy_init() else { return nil }
        raw = handle
    }

    deinit { curl_easy_cleanup(raw) }
}

/// Idle easy handles kept for reuse: a reused handle keeps its open connections, so requests
/// to the same host skip the TCP (and TLS) handshake.
final class EasyHandlePool: Sendable {
    private let idle = Mutex<[EasyHandle]>([])
    private let capacity: Int

    /// Creates a pool keeping at most `capacity` idle handles.
    init(capacity: Int) { self.capacity = capacity }

    /// An idle handle, reset to defaults, or a new one; `nil` when libcurl cannot make one.
    func take() -> EasyHandle? {
        if let handle = idle.withLock({ $0.popLast() }) {
            curl_easy_reset(handle.raw)  // keeps live connections and the DNS cache
            return handle
        }
        return EasyHandle()
    }

    /// Returns a handle after its transfer ended; beyond capacity it is closed.
    func giveBack(_ handle: EasyHandle) {
        idle.withLock { handles in
            if handles.count < capacity { handles.append(handle) }
        }
    }
}
