import Hummingbird

/// `GET /v1/items/{id}`, `GET /v1/items/{id}/similar`, `PUT /v1/items/{id}`.
struct ItemRoutes {
    let service: RecommendationService

    func register(on table: inout RouteTable) {
        table.on(.get, "/v1/items/{id}") { _, context in
            try JSONBody.response(try service.itemDetail(try context.parameter("id")))
        }
        table.on(.get, "/v1/items/{id}/similar") { request, context in
            let count = try request.integer("n", default: 10, in: 1...service.configuration.maxCount)!
            return try JSONBody.response(try service.similar(to: try context.parameter("id"), count: count, endpoint: "/v1/items/{id}/similar"))
        }
        table.on(.put, "/v1/items/{id}") { request, context in
            let id = try context.parameter("id")
            let body = try await JSONBody.decode(NewItem.self, from: request, limit: service.configuration.bodyLimit)
            let (item, created) = try await service.onboard(id: id, body)
            return try JSONBody.response(item, status: created ? .created : .ok)
        }
    }
}
