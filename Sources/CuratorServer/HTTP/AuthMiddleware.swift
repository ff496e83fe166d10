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
///
/// A bucket that has refilled is the same as no bucket, so idle ones are dropped: a sweep runs
/// whenever the map has doubled since the last one (amortised O(1) a request), and the map never
/// holds more than `capacity`: when over half of it is still refilling after a sweep (a flood
/// of distinct clients), the longest idle are dropped down to half; they start again full.
final class RateLimiter: Sendable {
    let rate: Double
    let burst: Double
    let capacity: Int
    private struct Bucket {
        var tokens: Double
        var at: ContinuousClock.Instant
    }
    private struct Buckets {
        var all: [String: Bucket] = [:]
        var sweepAt: Int
    }
    private let buckets: Mutex<Buckets>
    /// How long an emptied bucket takes to fill up again.
    private let refill: Duration

    init(rate: Double, burst: Double, capacity: Int = 100_000) {
        self.rate = rate
        self.burst = max(burst, 1)
        self.capacity = max(capacity, 2)
        refill = .nanoseconds(Int64(min(self.burst / rate, 1e9) * 1e9))
        buckets = Mutex(Buckets(sweepAt: min(1024, self.capacity)))
    }

    /// Takes a token from `bucket` when it has one.
    func allow(_ bucket: String, now: ContinuousClock.Instant = .now) -> Bool {
        buckets.withLock { state in
            var entry = state.all[bucket] ?? Bucket(tokens: burst, at: now)
            let elapsed = now - entry.at
            let seconds = elapsed.seconds
            entry.tokens = min(burst, entry.tokens + max(seconds, 0) * rate)
            entry.at = now
            let allowed = entry.tokens >= 1
            if allowed { entry.tokens -= 1 }
            state.all[bucket] = entry
            if state.all.count >= state.sweepAt { sweep(&state, now: now) }
            return allowed
        }
    }

    private func sweep(_ state: inout Buckets, now: ContinuousClock.Instant) {
        state.all = state.all.filter { now - $0.value.at < refill }
        if state.all.count > capacity / 2 {
            let kept = state.all.sorted { $0.value.at > $1.value.at }.prefix(capacity / 2)
            state.all = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
        state.sweepAt = min(capacity, max(1024, state.all.count * 2))
    }

    /// Buckets held now.
    var count: Int { buckets.withLock { $0.all.count } }
}
