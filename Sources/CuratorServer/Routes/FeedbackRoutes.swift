import Hummingbird

/// `POST /v1/feedback`: a batch of events, stored durably before the answer.
struct FeedbackRoutes {
    let service: RecommendationService

    struct Accepted: Codable, Sendable {
        var accepted: Int
    }

    func register(on table: inout RouteTable) {
        table.on(.post, "/v1/feedback") { request, _ in
            let events = try await JSONBody.decode([FeedbackEvent].self, from: request, limit: service.configuration.bodyLimit, root: "events")
            return try JSONBody.response(Accepted(accepted: try await service.record(events)))
        }
    }
}
