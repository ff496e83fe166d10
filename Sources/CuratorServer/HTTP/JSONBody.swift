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
    /// - Parameter fields: the object's fields, when one it does not have is a bad request
    ///   rather than ignored (a `user` sent to a route that reads none would go unheard).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int, root: String = "", whenEmpty: T? = nil,
                                     fields: Set<String>? = nil) async throws -> T {
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
        let data = Data(buffer: buffer)
        do {
            let value = try JSONDecoder().decode(T.self, from: data)
            if let fields, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
                throw ServiceError.badField(unknown, "is not a field of this request; its fields are \(fields.sorted().joined(separator: ", "))")
            }
            return value
        } catch let error as DecodingError {
            var described = describe(error)
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty { described = misfitNumber(in: data) ?? described }
            if described.field?.hasPrefix("[") == true, let field = described.field {
                described = ServiceError.badField(root + field, String(described.message.dropFirst(field.count + 2)))
            }
            throw described
        }
    }

    /// Foundation's decoder calls a number that does not fit its field (2.5 or 1e30 for a
    /// whole number, 1e400 for any) invalid JSON, naming no field: this finds it.
    static func misfitNumber(in data: Data) -> ServiceError? {
        guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            let text = String(decoding: data, as: UTF8.self)
            return text.range(of: #"[0-9][eE]\+?[0-9]{3,}"#, options: .regularExpression) == nil ? nil
                : ServiceError.badField("body", "holds a number too large to read")
        }
        func search(_ value: Any, at path: String) -> ServiceError? {
            switch value {
            case let object as [String: Any]:
                return object.keys.sorted().lazy.compactMap { search(object[$0]!, at: path.isEmpty ? $0 : "\(path).\($0)") }.first
            case let array as [Any]:
                return array.enumerated().lazy.compactMap { search($0.element, at: "\(path)[\($0.offset)]") }.first
            case let number as NSNumber where !(value is Bool):
                let double = number.doubleValue
                let field = path.isEmpty ? "body" : path
                if abs(double) >= 9.2e18 { return ServiceError.badField(field, "is too large (\(number))") }
                return double.rounded() == double ? nil : ServiceError.badField(field, "must be a whole number, not \(number)")
            default:
                return nil
            }
        }
        return search(root, at: "")
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
