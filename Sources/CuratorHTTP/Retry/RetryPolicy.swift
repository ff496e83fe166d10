import Foundation

/// When and how long to wait before retrying a failed request.
///
/// Only transient failures are retried (`HTTPError.isTransient`: connection errors, timeouts,
/// 429 and 5xx), never other 4xx. Waits grow exponentially with jitter, and a server's
/// `Retry-After` is honoured when it asks for longer.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (1 disables retries).
    public var maxAttempts: Int
    /// The wait before the second attempt.
    public var initialDelay: Duration
    /// No wait is longer than this (a longer `Retry-After` is still honoured within the deadline).
    public var maxDelay: Duration
    /// Each wait is this many times the previous one.
    public var multiplier: Double
    /// The fraction of each wait that is random, in 0...1 (0.5: between half and the full wait).
    public var jitter: Double

    /// Creates a policy.
    public init(
        maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8),
        multiplier: Double = 2, jitter: Double = 0.5
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = multiplier
        self.jitter = min(1, max(0, jitter))
    }

    /// No retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait after failed attempt number `attempt` (1 for the first).
    public func delay(after attempt: Int, retryAfter: Duration? = nil) -> Duration {
        let base = initialDelay.inSeconds * pow(multiplier, Double(max(0, attempt - 1)))
        let capped = min(base, maxDelay.inSeconds)
        let jittered = capped * (1 - jitter * Double.random(in: 0...1))
        let wait = Duration.milliseconds(Int(jittered * 1000))
        if let retryAfter, retryAfter > wait { return retryAfter }
        return wait
    }
}

extension HTTPClient {
    /// Runs `operation` until it succeeds, fails for good, runs out of attempts or the deadline passes.
    ///
    /// Each attempt gets the time left before the deadline as its total timeout.
    /// - Parameters:
    ///   - policy: when to retry.
    ///   - deadline: when to give up altogether; `nil` for none.
    ///   - operation: one attempt, given its timeouts limited to the deadline (`nil` without one).
    /// - Throws: the last attempt's `HTTPError`; `.timedOut` when the deadline left no time.
    public func withRetries<T: Sendable>(
        _ policy: RetryPolicy, deadline: ContinuousClock.Instant?, request: HTTPRequest,
        _ operation: (HTTPTimeouts) async throws(HTTPError) -> T
    ) async throws(HTTPError) -> T {
        var attempt = 1
        while true {
            var timeouts = request.timeouts ?? configuration.timeouts
            if let deadline {
                let left = deadline - .now
                guard left > .milliseconds(1) else {
                    throw HTTPError(.timedOut, method: request.method, url: request.url,
                                    message: "the request's deadline passed before attempt \(attempt)")
                }
                timeouts.total = min(timeouts.total ?? left, left)
                timeouts.connect = min(timeouts.connect, left)
            }
            do {
                return try await operation(timeouts)
            } catch {
                guard error.isTransient, attempt < policy.maxAttempts else { throw error }
                let wait = policy.delay(after: attempt, retryAfter: error.retryAfter)
                if let deadline, ContinuousClock.now + wait >= deadline { throw error }
                logger.debug("retrying after \(wait)", metadata: ["attempt": "\(attempt)", "error": "\(error.kind)"])
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw HTTPError(.cancelled, method: request.method, url: request.url, message: "cancelled while waiting to retry")
                }
                attempt += 1
            }
        }
    }
}
