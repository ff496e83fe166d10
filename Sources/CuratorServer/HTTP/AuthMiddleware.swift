import Hummingbird
import Synchronization

/// Requires an API key (`Authorization: Bearer …` or `X-API-Key`) on every route but health and
/// the chat page's files, when keys are configured; then applies the per-key rate limit (per
/// client address without keys).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let keys: [String]
    let limiter: RateLimiter?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isPublic(request.uri.path) { return try await next(request, context) }
        var context = context
        var bucket = "address:" + context.remoteAddress
        if !keys.isEmpty {
            guard let given = Self.key(in: request), let index = keys.firstIndex(where: { Self.same($0, given) }) else {
                throw ServiceError(.unauthorized, code: "unauthorized", message: "an API key is required (Authorization: Bearer <key> or X-API-Key)")
            }
            context.keyLabel = "key\(index + 1)"
            bucket = "key:\(index)"
        }
        if let limiter, !limiter.allow(bucket) {
            throw ServiceError(.rateLimited, code: "rate_limited", message: "too many requests: at most \(limiter.rate) a second (burst \(Int(limiter.burst)))")
        }
        return try await next(request, context)
    }

    /// Health and the chat page answer without a key: the page asks for the key and sends it
    /// with its API calls.
    static func isPublic(_ path: String) -> Bool {
        path.hasPrefix("/health/") || PageRoutes.files.contains { $0.path == path }
    }

    static func key(in request: Request) -> String? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        return request.headers.first { $0.name.canonicalName == "x-api-key" }?.value
    }

    /// Compares without stopping at the first difference.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = x.count ^ y.count
        for i in 0..<max(x.count, y.count) { difference |= Int((i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)) }
        return difference == 0
    }
}

/// Token buckets: `rate` requests a second per bucket, up to `burst` saved.
final class RateLimiter: Sendable {
    let rate: Double
    let burst: Double
    private let buckets = Mutex<[String: (tokens: Double, at: ContinuousClock.Instant)]>([:])

    init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = max(burst, 1)
    }

    func allow(_ bucket: String) -> Bool {
        let now = ContinuousClock.now
        return buckets.withLock { all in
            var entry = all[bucket] ?? (burst, now)
            let elapsed = now - entry.at
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            entry.tokens = min(burst, entry.tokens + seconds * rate)
            entry.at = now
            let allowed = entry.tokens >= 1
            if allowed { entry.tokens -= 1 }
            all[bucket] = entry
            return allowed
        }
    }
}
