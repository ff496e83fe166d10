import Hummingbird
import Synchronization

/// A route as the OpenAPI document names it: `GET /v1/items/{id}`.
public struct APIRoute: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var path: String

    public var description: String { "\(method) \(path)" }

    /// Hummingbird's `/v1/items/:id` as `/v1/items/{id}`.
    static func openAPIPath(_ endpoint: String?) -> String? {
        endpoint.map { path in
            "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        }
    }
}

/// Registers handlers on the router and remembers every route, so the OpenAPI document can
/// be checked against what is really served. Every handler runs under the request deadline.
struct RouteTable {
    let router: Router<ServerRequestContext>
    let deadline: Duration
    private(set) var routes: [APIRoute] = []

    init(router: Router<ServerRequestContext>, deadline: Duration) {
        self.router = router
        self.deadline = deadline
    }

    typealias Handler = @Sendable (Request, ServerRequestContext) async throws -> Response

    /// Adds `handler` for `method` on `path` (written with `{name}` parameters).
    mutating func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        routes.append(APIRoute(method: method.rawValue, path: path))
        let hummingbirdPath = path.split(separator: "/").map { $0.hasPrefix("{") ? ":" + $0.dropFirst().dropLast() : $0 }.joined(separator: "/")
        let deadline = deadline
        router.on(RouterPath("/" + hummingbirdPath), method: method) { request, context in
            try await withDeadline(deadline) { try await handler(request, context) }
        }
    }
}

/// Runs `operation`, throwing `timeoutError` (503 `timeout` by default) when it takes longer
/// than `deadline` (the work is cancelled; a caller never waits past the deadline for it).
func withDeadline<T: Sendable>(
    _ deadline: Duration, timeoutError: (@Sendable () -> any Error)? = nil, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let settled = Once(), tasks = DeadlineTasks()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            // The timer first, so a quick operation always finds it to cancel (a timer left
            // sleeping for the whole deadline after every request would pile up).
            tasks.setTimer(Task {
                try await Task.sleep(for: deadline)
                if settled.claim() {
                    tasks.cancelWork()
                    continuation.resume(throwing: timeoutError?() ?? ServiceError(.timeout, code: "timeout", message: "the request took longer than \(deadline)"))
                }
            })
            // The operation's own task answers when it ends (one task and one hop fewer than a
            // third task waiting for it).
            let work = Task {
                let result: Result<T, any Error>
                do { result = .success(try await operation()) } catch { result = .failure(error) }
                tasks.cancelTimer()
                if settled.claim() { continuation.resume(with: result) }
            }
            // Cancelled already (the caller, or the deadline) before it was stored: at once.
            if !tasks.setWork(work) || settled.isClaimed { work.cancel() }
        }
    } onCancel: {
        tasks.cancelWork()
    }
}

/// The two tasks of `withDeadline`, each cancelled by the other's end, and whether the caller
/// was cancelled before the operation's task was stored (its cancellation handler runs at once
/// when the caller is cancelled already).
private final class DeadlineTasks: Sendable {
    private struct State {
        var timer: Task<Void, any Error>?
        var work: Task<Void, Never>?
        var cancelled = false
    }
    private let state = Mutex(State())

    func setTimer(_ timer: Task<Void, any Error>) { state.withLock { $0.timer = timer } }

    /// - Returns: false when the work was cancelled before it was stored.
    func setWork(_ work: Task<Void, Never>) -> Bool {
        state.withLock { state in
            state.work = work
            return !state.cancelled
        }
    }

    func cancelTimer() { state.withLock { $0.timer }?.cancel() }

    func cancelWork() {
        state.withLock { state in
            state.cancelled = true
            return state.work
        }?.cancel()
    }
}

/// True for the first caller only.
final class Once: Sendable {
    private let done = Mutex(false)
    func claim() -> Bool { done.withLock { done in defer { done = true }; return !done } }
    var isClaimed: Bool { done.withLock { $0 } }
}

extension ServerRequestContext {
    /// The path parameter `name`, percent-decoded.
    func parameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else { throw ServiceError.badField(name, "is required") }
        return raw.removingPercentEncoding ?? raw
    }
}
