import CuratorChat
import Foundation

/// One piece of feedback: a user did something with an item, perhaps on a shown list.
public struct FeedbackEvent: Sendable, Equatable, Codable {
    public var user: String
    public var item: String
    public var type: String
    public var value: Float?
    /// Seconds since 1970 (when the event happened; the time it arrived when not given).
    public var timestamp: Int64
    /// The list it answered, when it answered one.
    public var recommendationID: String?

    public init(user: String, item: String, type: String, value: Float? = nil, timestamp: Int64, recommendationID: String? = nil) {
        self.user = user
        self.item = item
        self.type = type
        self.value = value
        self.timestamp = timestamp
        self.recommendationID = recommendationID
    }

    enum CodingKeys: String, CodingKey {
        case user, item, type, value, timestamp
        case recommendationID = "recommendation_id"
    }

    /// Decodes an event as `POST /v1/feedback` sends it: without a timestamp, it happened now.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        user = try c.decode(String.self, forKey: .user)
        item = try c.decode(String.self, forKey: .item)
        type = try c.decode(String.self, forKey: .type)
        value = try c.decodeIfPresent(Float.self, forKey: .value)
        timestamp = try c.decodeIfPresent(Int64.self, forKey: .timestamp) ?? Int64(Date().timeIntervalSince1970)
        recommendationID = try c.decodeIfPresent(String.self, forKey: .recommendationID)
    }
}

/// A shown list: what was shown to whom, in which order, by which model, when. Joined with
/// feedback by `id`, it is the data offline policy evaluation needs.
public struct Impression: Sendable, Equatable {
    public var id: String
    public var user: String?
    /// Item ids, in the order shown (position = index + 1).
    public var items: [String]
    public var model: String
    public var modelVersion: String
    /// The route that showed it ("/v1/users/{id}/recommendations").
    public var endpoint: String
    public var time: Date

    public init(id: String, user: String?, items: [String], model: String, modelVersion: String, endpoint: String, time: Date = Date()) {
        self.id = id
        self.user = user
        self.items = items
        self.model = model
        self.modelVersion = modelVersion
        self.endpoint = endpoint
        self.time = time
    }
}

extension Impression {
    /// The items as a JSON array, as both stores keep them.
    var itemsJSON: String {
        // Encoding an array of strings cannot fail.
        String(decoding: (try? JSONEncoder().encode(items)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

/// Where the service keeps feedback, impressions and the sessions it holds for clients: SQLite
/// in the state folder for one server (`SQLiteServingStore`), PostgreSQL shared by several
/// replicas (`PostgresServingStore`). Both apply the same migrations (`ServingSchema`) and pass
/// the same tests.
public protocol ServingStore: Sendable, CustomStringConvertible {
    /// The conversations held for clients (`/v1/sessions`), kept where the rest is.
    var sessions: any HeldSessionStore { get }
    /// Stores `events` in one transaction, durable when this returns.
    func append(_ events: [FeedbackEvent]) async throws
    /// A user's events, oldest first.
    func events(user: String) async throws -> [FeedbackEvent]
    /// Every event, oldest first (for `curator train --with-feedback`).
    func allEvents() async throws -> [FeedbackEvent]
    /// Stores shown lists in one transaction.
    func record(_ impressions: [Impression]) async throws
    func impressionCount() async throws -> Int
    /// Releases connections; the store is not used after this.
    func close() async
}

extension ServingStore {
    public func close() async {}
}
