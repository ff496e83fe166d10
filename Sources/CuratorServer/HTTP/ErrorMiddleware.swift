import Hummingbird
import Logging
import Synchronization

/// The JSON body of every error: `{"error": {"code", "message", "field"}}`.
struct ErrorBody: Codable, Sendable {
    struct Detail: Codable, Sendable {
        var code: String
        var message: String
        var field: String?
    }
    var error: Detail
}

extension ServiceError.Kind {
    var status: HTTPResponse.Status {
        switch self {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict: .conflict
        case .tooLarge: .contentTooLarge
        case .rateLimited: .tooManyRequests
        case .notReady, .unavailable, .timeout: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }
}

extension ServiceError {
    /// The error as a JSON response with its status.
    func response(headers: HTTPFields = [:]) -> Response {
        (try? JSONBody.response(ErrorBody(error: .init(code: code, message: message, field: field)), status: kind.status, headers: headers))
            ?? Response(status: kind.status)
    }

    /// Hummingbird's own errors (no route, a body over the limit, a method not allowed) in the service's terms.
    init(_ error: HTTPError) {
        switch error.status {
        case .notFound: self.init(.notFound, code: "no_route", message: "no such route")
        case .contentTooLarge: self.init(.tooLarge, code: "body_too_large", message: "the body is too large")
        case .methodNotAllowed: self.init(.badRequest, code: "method_not_allowed", message: "this route does not take that method")
        case .badRequest: self.init(.badRequest, code: "bad_request", message: error.body ?? "bad request")
        default:
            self.init(error.status.code >= 500 ? .internalError : .badRequest, code: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
        }
    }
}

/// Turns every error a route throws into the JSON error body and its status; an unexpected
/// error is logged and answered as 500 without its details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    /// The routes served, so a known path asked with another method is 405, not 404.
    let served: ServedRoutes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            var headers = HTTPFields()
            if error.kind == .rateLimited { headers[.retryAfter] = "1" }
            if error.kind == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
            return error.response(headers: headers)
        } catch let error as HTTPError {
            if error.status == .notFound, case let allowed = served.methods(for: request.uri.path), !allowed.isEmpty {
                return ServiceError(.methodNotAllowed, code: "method_not_allowed",
                                    message: "\(request.method.rawValue) is not served here; this path takes \(allowed.joined(separator: ", "))")
                    .response(headers: [.allow: allowed.joined(separator: ", ")])
            }
            var headers = HTTPFields()
            if error.status == .methodNotAllowed, let allow = error.headers[.allow] { headers[.allow] = allow }
            let converted = ServiceError(error)
            return Response(status: error.status == .methodNotAllowed ? .methodNotAllowed : converted.kind.status,
                            headers: converted.response().headers.merging(headers), body: converted.response().body)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            return ServiceError(.internalError, code: "internal", message: "the server failed to answer this request").response()
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged[field.name] = field.value }
        return merged
    }
}

/// The routes a server serves (filled once they are registered), by path: which methods a
/// path takes.
final class ServedRoutes: Sendable {
    private let routes = Mutex<[APIRoute]>([])

    func set(_ routes: [APIRoute]) { self.routes.withLock { $0 = routes } }

    /// The methods of the routes whose path matches `path` (`{id}` matching any one segment).
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.withLock { routes in
            routes.filter { route in
                let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
                return pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }.map(\.method)
        }
    }
}
