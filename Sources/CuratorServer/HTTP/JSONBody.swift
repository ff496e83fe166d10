import CuratorCore
import Foundation
import Hummingbird

/// JSON in and out of the routes: bodies decoded with errors that name the field, responses
/// encoded with sorted keys.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A JSON response.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: try json(value))))
    }

    /// The JSON of `value`, by `JSONWriter` when it is `JSONWritable` (the same bytes), else by `encoder`.
    static func json(_ value: some Encodable) throws -> [UInt8] {
        if let writable = value as? any JSONWritable {
            var writer = JSONWriter()
            writable.write(to: &writer)
            return writer.bytes
        }
        return Array(try encoder.encode(value))
    }

    /// Collects the body (413 above `limit`) and decodes it.
    /// - Throws: `ServiceError`: bad request naming the field, too large.
    /// - Parameter root: what the body is called in error messages when it is an array ("events").
    /// - Parameter whenEmpty: the value of an empty body (nil: a body is required).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int, root: String = "", whenEmpty: T? = nil) async throws -> T {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge(limit) }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        }
        guard buffer.readableBytes > 0 else {
            if let whenEmpty { return whenEmpty }
            throw ServiceError.badField("body", "a JSON body is required")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            var described = describe(error)
            if described.field?.hasPrefix("[") == true, let field = described.field {
                described = ServiceError.badField(root + field, String(described.message.dropFirst(field.count + 2)))
            }
            throw described
        }
    }

    static func tooLarge(_ limit: Int) -> ServiceError {
        ServiceError(.tooLarge, code: "body_too_large", message: "the body is larger than \(limit) bytes")
    }

    /// A decoding error as a bad request naming the field (`events[2].type`).
    static func describe(_ error: DecodingError) -> ServiceError {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return ServiceError.badField(field, "is required")
        case .typeMismatch(let type, let context):
            return ServiceError.badField(path(context.codingPath).isEmpty ? "body" : path(context.codingPath), "must be \(expected(type))")
        case .valueNotFound(let type, let context):
            return ServiceError.badField(path(context.codingPath).isEmpty ? "body" : path(context.codingPath), "must be \(expected(type)), not null")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return ServiceError.badField(field.isEmpty ? "body" : field, field.isEmpty ? "is not valid JSON" : context.debugDescription)
        @unknown default:
            return ServiceError.badField("body", "\(error)")
        }
    }

    static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "a whole number"
        case is Float.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "an array"
        default: return type == [String: Any].self ? "an object" : "of type \(type)"
        }
    }
}

extension Request {
    /// A query parameter read as a whole number in `range`, or `fallback` when absent.
    /// - Throws: `ServiceError` naming the parameter.
    func integer(_ name: String, default fallback: Int?, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = uri.queryParameters[name[...]] else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw ServiceError.badField(name, "must be a whole number in \(range.lowerBound)...\(range.upperBound), not '\(raw)'")
        }
        return value
    }

    /// A query parameter read as true/false (also 1/0), or `fallback` when absent.
    func flag(_ name: String, default fallback: Bool) throws -> Bool {
        guard let raw = uri.queryParameters[name[...]] else { return fallback }
        switch raw.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ServiceError.badField(name, "must be true or false, not '\(raw)'")
        }
    }

    func text(_ name: String) -> String? {
        uri.queryParameters[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }
}
