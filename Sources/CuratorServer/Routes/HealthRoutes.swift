import Foundation
import Hummingbird

/// `GET /health/live`, `GET /health/ready`, `GET /metrics`, `GET /openapi.json`: the service's own state.
struct OperationsRoutes {
    let service: RecommendationService

    struct Health: Codable, Sendable {
        var status: String
        var model: String?
        var modelVersion: String?
        var detail: String?

        enum CodingKeys: String, CodingKey {
            case status, model, detail
            case modelVersion = "model_version"
        }
    }

    func register(on table: inout RouteTable) {
        table.on(.get, "/health/live") { _, _ in try JSONBody.response(Health(status: "live")) }
        table.on(.get, "/health/ready") { _, _ in
            let snapshot = service.state.snapshot
            switch service.state.status {
            case .ready:
                return try JSONBody.response(Health(status: "ready", model: snapshot?.kind, modelVersion: snapshot?.version))
            case .loading(let what):
                return try JSONBody.response(Health(status: "loading", model: service.configuration.modelKind, detail: what), status: .serviceUnavailable)
            case .failed(let why):
                return try JSONBody.response(Health(status: "failed", model: service.configuration.modelKind, detail: why), status: .serviceUnavailable)
            }
        }
        table.on(.get, "/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: service.metrics.text())))
        }
        table.on(.get, "/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.data())))
        }
    }
}

/// The OpenAPI 3.1 document of the service, kept in the repository (`Resources/openapi.json`).
public enum OpenAPIDocument {
    /// The document's bytes.
    /// - Throws: `ServerSetupError` when the resource is missing from the build.
    public static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            throw ServerSetupError("the OpenAPI document is missing from the build")
        }
        return data
    }
}
