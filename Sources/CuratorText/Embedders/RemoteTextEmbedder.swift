import CuratorHTTP
import Foundation

/// Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint: llama.cpp's server started
/// with `--embeddings`, or a hosted API. Texts go in batches; rows are L2-normalised here
/// (servers differ in whether they normalise).
public struct RemoteTextEmbedder: TextEmbedder {
    public let baseURL: URL
    public let model: String
    public let apiKey: String?
    public var batchSize: Int
    /// The width the server returns; 0 means "whatever it returns" (checked consistent).
    public let dimension: Int
    private let client: HTTPClient

    /// - Parameters:
    ///   - baseURL: the server, with or without a trailing `/v1`.
    ///   - model: the `model` field of the request.
    ///   - apiKey: sent as a bearer token when given.
    public init(baseURL: URL, model: String, apiKey: String? = nil, dimension: Int = 0, batchSize: Int = 64,
                client: HTTPClient = HTTPClient()) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.dimension = dimension
        self.batchSize = max(1, batchSize)
        self.client = client
    }

    public var name: String { "remote-" + model }

    var endpoint: URL {
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        return URL(string: base.hasSuffix("/v1") ? base + "/embeddings" : base + "/v1/embeddings")!
    }

    struct Request: Encodable { var model: String; var input: [String] }
    struct Response: Decodable {
        struct Row: Decodable { var index: Int?; var embedding: [Float] }
        var data: [Row]
    }

    /// - Throws: `HTTPError` for transport and status failures; `TextError` for answers that
    ///   are not embeddings, or whose count or width is off.
    public func embed(_ texts: [String]) async throws -> [Float] {
        var out: [Float] = []
        var width = dimension
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            let batch = Array(texts[start..<min(start + batchSize, texts.count)])
            let headers = apiKey.map { [(name: "Authorization", value: "Bearer \($0)")] } ?? []
            let response = try await client.send(try HTTPRequest.postJSON(endpoint, Request(model: model, input: batch), headers: headers))
            let decoded: Response
            do { decoded = try JSONDecoder().decode(Response.self, from: response.body) } catch {
                let snippet = String(decoding: response.body.prefix(200), as: UTF8.self)
                throw TextError(.endpoint("the answer is not an embeddings response (\(error)): \(snippet)"), location: endpoint.absoluteString)
            }
            guard decoded.data.count == batch.count else {
                throw TextError(.endpoint("\(decoded.data.count) embeddings for \(batch.count) inputs"), location: endpoint.absoluteString)
            }
            let rows = decoded.data.enumerated().sorted { ($0.element.index ?? $0.offset) < ($1.element.index ?? $1.offset) }.map(\.element.embedding)
            for row in rows {
                if width == 0 { width = row.count }
                guard row.count == width, width > 0 else {
                    throw TextError(.dimension(expected: width, found: row.count), location: endpoint.absoluteString)
                }
                out += normalizedRows(row, width: width)
            }
        }
        return out
    }
}
