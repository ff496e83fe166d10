import Hummingbird
import Logging

/// Per request: a Prometheus count and latency by route, and one structured log line
/// (method, route, status, milliseconds; never headers, so keys are never logged).
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            record(request, context: context, status: (error as? any HTTPResponseError)?.status.code ?? 500, start: start)
            throw error
        }
        record(request, context: context, status: response.status.code, start: start)
        return response
    }

    func record(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        // Hummingbird names the endpoint of an unmatched request "NotFound".
        let matched = context.endpointPath.flatMap { $0.hasSuffix("NotFound") ? nil : $0 }
        let route = APIRoute.openAPIPath(matched) ?? "unmatched"
        metrics.request(route: route, method: request.method.rawValue, status: status, duration: elapsed)
        let level: Logger.Level = status >= 500 ? .warning : .info
        context.logger.log(level: level, "request", metadata: [
            "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(status)",
            "ms": "\(String(format: "%.2f", elapsed.seconds * 1000))",
        ])
    }
}
