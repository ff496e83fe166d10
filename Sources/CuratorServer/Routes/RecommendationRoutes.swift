import Hummingbird

/// `GET /v1/users/{id}/recommendations` and `POST /v1/recommendations`.
struct RecommendationRoutes {
    let service: RecommendationService
    /// Reads a request's words with the chat's rules (when the conversations are ready).
    let conversations: ConversationService

    /// `POST /v1/recommendations`: an anonymous history and/or words.
    struct Body: Codable, Sendable {
        var history: [String]?
        var text: String?
        var n: Int?
        var offset: Int?
        var excludeSeen: Bool?
        var genre: String?
        var minYear: Int?
        var maxYear: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case history, text, n, offset, genre
            case excludeSeen = "exclude_seen"
            case minYear = "min_year"
            case maxYear = "max_year"
        }
    }

    func register(on table: inout RouteTable) {
        table.on(.get, "/v1/users/{id}/recommendations") { request, context in
            let query = try Self.query(request, maxCount: service.configuration.maxCount)
            let user = try context.parameter("id")
            return try JSONBody.response(try await service.recommend(user: user, query: query, endpoint: "/v1/users/{id}/recommendations"))
        }
        table.on(.post, "/v1/recommendations") { request, _ in
            let body = try await JSONBody.decode(Body.self, from: request, limit: service.configuration.bodyLimit,
                                                 fields: Set(Body.CodingKeys.allCases.map(\.stringValue)))
            let query = RecommendationQuery(count: body.n ?? 10, offset: body.offset ?? 0, excludeSeen: body.excludeSeen ?? true,
                                            genre: body.genre, minYear: body.minYear, maxYear: body.maxYear)
            let reading = body.text.flatMap(conversations.reading(of:))
            let recommendation = try await service.recommend(history: body.history ?? [], text: body.text, reading: reading,
                                                             query: query, endpoint: "/v1/recommendations")
            guard let reading else { return try JSONBody.response(recommendation) }
            return try JSONBody.response(TextRecommendation(recommendation, reading: reading, catalog: service.dataset.catalog))
        }
    }

    /// `n`, `offset`, `exclude_seen`, `genre`, `min_year`, `max_year` from the query string.
    static func query(_ request: Request, maxCount: Int) throws -> RecommendationQuery {
        RecommendationQuery(
            count: try request.integer("n", default: 10, in: 1...maxCount)!,
            offset: try request.integer("offset", default: 0, in: 0...10_000)!,
            excludeSeen: try request.flag("exclude_seen", default: true),
            genre: request.text("genre"),
            minYear: try request.integer("min_year", default: nil, in: 0...9999),
            maxYear: try request.integer("max_year", default: nil, in: 0...9999))
    }
}
