import CuratorServer
import CuratorTestSupport
import Foundation
import Testing

/// The parts of an OpenAPI 3.1 document the checks below read: operations, their documented
/// responses, and JSON Schema (type, required, properties, items, enum, minimum, $ref).
struct OpenAPIChecker {
    let document: [String: Any]

    init(_ data: Data) throws {
        document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    var operations: Set<String> {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })
    }

    func resolve(_ node: Any?) -> [String: Any] {
        guard var object = node as? [String: Any] else { return [:] }
        while let ref = object["$ref"] as? String {
            var target: Any? = document
            for part in ref.dropFirst(2).split(separator: "/") { target = (target as? [String: Any])?[String(part)] }
            object = target as? [String: Any] ?? [:]
        }
        return object
    }

    /// The schema documented for `status` of an operation, or nil when the status is not documented.
    func responseSchema(method: String, path: String, status: Int) -> [String: Any]? {
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
        guard let response = (operation?["responses"] as? [String: Any])?[String(status)] else { return nil }
        let content = resolve(response)["content"] as? [String: Any]
        return resolve((content?["application/json"] as? [String: Any])?["schema"] ?? (content?.values.first as? [String: Any])?["schema"])
    }

    /// Every way `value` breaks `schema` (empty when it conforms).
    func violations(_ value: JSONValue, _ schema: [String: Any], at path: String = "$") -> [String] {
        let schema = resolve(schema)
        var problems: [String] = []
        if let type = schema["type"] as? String {
            let fits: Bool
            switch (type, value) {
            case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("integer", .integer),
                 ("number", .integer), ("number", .number): fits = true
            default: fits = false
            }
            if !fits { return ["\(path): not \(type): \(value)"] }
        }
        if let allowed = schema["enum"] as? [String], case .string(let text) = value, !allowed.contains(text) { problems.append("\(path): \(text) not in \(allowed)") }
        if let minimum = schema["minimum"] as? Double, let number = value.number, number < minimum { problems.append("\(path): below \(minimum)") }
        if case .object(let object) = value {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { problems.append("\(path).\(key): missing") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let property = properties[key] as? [String: Any] {
                    problems += violations(child, property, at: "\(path).\(key)")
                } else if !properties.isEmpty {
                    problems.append("\(path).\(key): not documented")
                }
            }
        }
        if case .array(let array) = value, let items = schema["items"] as? [String: Any] {
            for (i, element) in array.enumerated() { problems += violations(element, items, at: "\(path)[\(i)]") }
        }
        return problems
    }
}

/// A JSON value that keeps booleans, whole numbers and other numbers apart.
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }
}

@Suite("the OpenAPI document matches the served routes and answers")
struct OpenAPIDocumentTests {
    @Test func everyRegisteredRouteIsDocumentedAndNothingElse() async throws {
        let server = try await LiveServer.started()
        let checker = try OpenAPIChecker(try OpenAPIDocument.data())
        #expect(checker.document["openapi"] as? String == "3.1.0")
        #expect(Set(server.server.routes.map(\.description)) == checker.operations)
        let served = try await server.call("GET", "/openapi.json")
        #expect(served.status == 200)
        #expect(served.body == (try OpenAPIDocument.data()))
        try await server.stop()
    }

    @Test func answersHaveTheDocumentedStatusAndFields() async throws {
        let server = try await LiveServer.started { $0.apiKeys = ["k"] }
        let checker = try OpenAPIChecker(try OpenAPIDocument.data())
        let key = [(name: "X-API-Key", value: "k")]
        let user = server.service.dataset.users.id(at: 0)
        let put = try await server.call("PUT", "/v1/items/added", json: ["title": "Space love", "text": "space love"], headers: key)
        let calls: [(String, String, Answer)] = [
            ("GET", "/health/live", try await server.call("GET", "/health/live")),
            ("GET", "/health/ready", try await server.call("GET", "/health/ready")),
            ("GET", "/v1/users/{id}/recommendations", try await server.call("GET", "/v1/users/\(user)/recommendations?n=3", headers: key)),
            ("GET", "/v1/users/{id}/recommendations", try await server.call("GET", "/v1/users/\(user)/recommendations?n=-1", headers: key)),
            ("GET", "/v1/users/{id}/recommendations", try await server.call("GET", "/v1/users/none/recommendations", headers: key)),
            ("GET", "/v1/users/{id}/recommendations", try await server.call("GET", "/v1/users/\(user)/recommendations")),
            ("POST", "/v1/recommendations", try await server.call("POST", "/v1/recommendations", json: ["history": ["m1"], "text": "western"], headers: key)),
            ("POST", "/v1/recommendations", try await server.call("POST", "/v1/recommendations", json: ["n": "ten"], headers: key)),
            ("GET", "/v1/items/{id}", try await server.call("GET", "/v1/items/m1", headers: key)),
            ("GET", "/v1/items/{id}", try await server.call("GET", "/v1/items/added", headers: key)),
            ("GET", "/v1/items/{id}/similar", try await server.call("GET", "/v1/items/m1/similar?n=4", headers: key)),
            ("PUT", "/v1/items/{id}", put),
            ("PUT", "/v1/items/{id}", try await server.call("PUT", "/v1/items/m1", json: ["title": "x"], headers: key)),
            ("POST", "/v1/feedback", try await server.call("POST", "/v1/feedback", json: [["user": "z", "item": "m1", "type": "like"]], headers: key)),
            ("POST", "/v1/feedback", try await server.call("POST", "/v1/feedback", json: [], headers: key)),
        ]
        for (method, path, answer) in calls {
            let schema = checker.responseSchema(method: method, path: path, status: answer.status)
            #expect(schema != nil, "\(method) \(path) answered an undocumented \(answer.status): \(answer.text)")
            if let schema, let json = try? JSONDecoder().decode(JSONValue.self, from: answer.body) {
                #expect(checker.violations(json, schema).isEmpty, "\(method) \(path) \(answer.status): \(checker.violations(json, schema))")
            }
        }
        try await server.stop()
    }
}
