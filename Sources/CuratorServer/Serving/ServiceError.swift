/// Why a request was refused, in terms the edge turns into a status and a JSON body
/// (`{"error": {"code", "message", "field"}}`).
public struct ServiceError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case badRequest, unauthorized, notFound, methodNotAllowed, conflict, tooLarge, rateLimited, notReady, unavailable, timeout, internalError
    }

    public var kind: Kind
    /// A stable machine-readable code ("unknown_user", "bad_field").
    public var code: String
    public var message: String
    /// The request field at fault, when one is ("n", "events[2].type").
    public var field: String?

    public init(_ kind: Kind, code: String, message: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { message }

    /// A bad value of `field`.
    public static func badField(_ field: String, _ message: String) -> ServiceError {
        ServiceError(.badRequest, code: "bad_field", message: "\(field): \(message)", field: field)
    }
}
