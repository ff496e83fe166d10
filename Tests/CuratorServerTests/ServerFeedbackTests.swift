import CuratorCore
import CuratorRecall
import CuratorServer
import CuratorTestSupport
import Foundation
import Testing

@Suite("curator serve feedback and impressions")
struct ServerFeedbackTests {
    @Test(arguments: StoreKind.allCases)
    func likesChangeTheNextAnswerAtOnce(kind: StoreKind) async throws {
        let dataset = genreDataset()
        let fixture = try await StoreFixture.make(kind)
        let server = try await LiveServer.started(dataset: dataset, store: try await fixture.open())
        let fan = genreFan(dataset, genre: 0)
        let comedies = { (answer: Answer) in answer.items.filter { ($0["genres"] as? [String]) == ["Comedy"] }.count }
        let before = try await server.call("GET", "/v1/users/\(fan)/recommendations?n=10")

        let likes = ["m1", "m4", "m7", "m10", "m13", "m16"].map { ["user": fan, "item": $0, "type": "like", "recommendation_id": before.object["recommendation_id"]!] }
        let posted = try await server.call("POST", "/v1/feedback", json: likes)
        #expect(posted.status == 200)
        #expect(posted.object["accepted"] as? Int == 6)

        let after = try await server.call("GET", "/v1/users/\(fan)/recommendations?n=10")
        #expect(comedies(after) > comedies(before))
        #expect(Set(after.ids).isDisjoint(with: ["m1", "m4", "m7", "m10", "m13", "m16"]))

        // A dislike removes an item from every later list.
        let first = try #require(after.ids.first)
        _ = try await server.call("POST", "/v1/feedback", json: [["user": fan, "item": first, "type": "dislike"]])
        let next = try await server.call("GET", "/v1/users/\(fan)/recommendations?n=60&exclude_seen=false")
        #expect(!next.ids.contains(first))
        try await server.stop()
        withExtendedLifetime(fixture) {}
    }

    @Test func aNewUserKnownOnlyByFeedbackGetsRecommendations() async throws {
        let server = try await LiveServer.started()
        #expect(try await server.call("GET", "/v1/users/newcomer/recommendations").status == 404)
        _ = try await server.call("POST", "/v1/feedback", json: [
            ["user": "newcomer", "item": "m2", "type": "rating", "value": 5],
            ["user": "newcomer", "item": "m5", "type": "purchase"],
        ])
        let answer = try await server.call("GET", "/v1/users/newcomer/recommendations?n=5")
        #expect(answer.status == 200)
        #expect(answer.items.allSatisfy { ($0["genres"] as? [String]) == ["Western"] })
        try await server.stop()
    }

    @Test(arguments: StoreKind.allCases)
    func acceptedEventsAreStoredAndShownListsAreRecorded(kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let server = try await LiveServer.start(store: try await fixture.open())
        try await server.waitUntilReady()
        let shown = try await server.call("GET", "/v1/users/\(server.service.dataset.users.id(at: 0))/recommendations?n=3")
        let id = try #require(shown.object["recommendation_id"] as? String)
        let events = (0..<10).map { ["user": "u\($0)", "item": "m\($0)", "type": "view", "timestamp": 1_700_000_000 + $0, "recommendation_id": id] as [String: Any] }
        #expect(try await server.call("POST", "/v1/feedback", json: events).status == 200)
        try await server.stop()

        // A fresh connection to the same store sees everything that was acknowledged.
        let store = try await fixture.open()
        let stored = try await store.allEvents()
        #expect(stored.count == 10)
        #expect(stored.allSatisfy { $0.recommendationID == id && $0.type == "view" })
        #expect(stored.map(\.timestamp) == (0..<10).map { 1_700_000_000 + Int64($0) })
        #expect(try await store.impressionCount() == 1)
        await store.close()
    }

    @Test func theDefaultStoreIsSQLiteInTheStateFolder() async throws {
        let server = try await LiveServer.started()
        #expect(server.service.store is SQLiteServingStore)
        #expect(server.service.store.description.hasPrefix("SQLite at " + server.service.configuration.datasetFolder))
        try await server.stop()
    }

    @Test func trainingFoldsPositiveFeedbackIntoTheData() throws {
        let dataset = genreDataset()
        let events = [
            FeedbackEvent(user: dataset.users.id(at: 0), item: "m1", type: "like", timestamp: 10),
            FeedbackEvent(user: "brand-new", item: "m2", type: "purchase", timestamp: 11),
            FeedbackEvent(user: "brand-new", item: "m5", type: "dislike", timestamp: 12),
            FeedbackEvent(user: "brand-new", item: "not-an-item", type: "like", timestamp: 13),
            FeedbackEvent(user: "brand-new", item: "m8", type: "rating", value: 2, timestamp: 14),
        ]
        let outcome = FeedbackFolding.fold(events, into: dataset)
        #expect(outcome.folded == 2)
        #expect(outcome.newUsers == 1)
        #expect(outcome.dataset.interactions.count == dataset.interactions.count + 2)
        #expect(outcome.dataset.userCount == dataset.userCount + 1)
        #expect(outcome.dataset.itemCount == dataset.itemCount)
    }
}
