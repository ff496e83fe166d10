import CuratorCore
import CuratorServer
import CuratorTestSupport
import Foundation
import Testing

/// Several `curator serve` replicas behind a load balancer share one PostgreSQL.
@Suite("curator serve replicas on one PostgreSQL")
struct ServerReplicaTests {
    @Test func feedbackSentToOneReplicaChangesTheOthersNextAnswer() async throws {
        let dataset = genreDataset()
        let fixture = try await StoreFixture.make(.postgres)
        let one = try await LiveServer.started(dataset: dataset, store: try await fixture.open())
        let two = try await LiveServer.started(dataset: dataset, store: try await fixture.open())
        let fan = genreFan(dataset, genre: 0)
        let comedies = { (answer: Answer) in answer.items.filter { ($0["genres"] as? [String]) == ["Comedy"] }.count }

        let before = try await two.call("GET", "/v1/users/\(fan)/recommendations?n=10")
        let liked = ["m1", "m4", "m7", "m10", "m13", "m16"]
        let posted = try await one.call("POST", "/v1/feedback", json: liked.map { ["user": fan, "item": $0, "type": "like"] })
        #expect(posted.status == 200)
        let after = try await two.call("GET", "/v1/users/\(fan)/recommendations?n=10")
        #expect(comedies(after) > comedies(before))
        #expect(Set(after.ids).isDisjoint(with: liked))

        // A user known only by feedback sent to the second replica is served by the first.
        #expect(try await one.call("GET", "/v1/users/newcomer/recommendations").status == 404)
        #expect(try await two.call("POST", "/v1/feedback", json: [["user": "newcomer", "item": "m2", "type": "purchase"]]).status == 200)
        let newcomer = try await one.call("GET", "/v1/users/newcomer/recommendations?n=5")
        #expect(newcomer.status == 200)
        #expect(newcomer.items.allSatisfy { ($0["genres"] as? [String]) == ["Western"] })

        try await one.stop()
        try await two.stop()
        // Both replicas' shown lists are in the one database.
        let store = try await fixture.open()
        #expect(try await store.impressionCount() == 3)
        #expect(try await store.allEvents().count == liked.count + 1)
        await store.close()
    }

    /// With the database refusing connections, requests that need it answer 503 within the
    /// store's timeout (never hang), the rest still answer, and all recovers when it is back.
    @Test func aLostDatabaseAnswers503AndRecovers() async throws {
        let fixture = try await StoreFixture.make(.postgres)
        guard case .postgres(let location) = fixture.location else { return }
        let store = try await PostgresServingStore.connect(location, operationTimeout: .seconds(1), logger: quietLogger)
        let server = try await LiveServer.started(store: store)
        let user = server.service.dataset.users.id(at: 0)
        #expect(try await server.call("GET", "/v1/users/\(user)/recommendations?n=3").status == 200)

        try await SharedPostgres.shared.execute("ALTER DATABASE \(location.database) ALLOW_CONNECTIONS false")
        try await SharedPostgres.shared.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(location.database)'")
        let refused = try await server.call("POST", "/v1/feedback", json: [["user": user, "item": "m1", "type": "like"]])
        #expect(refused.status == 503)
        #expect(refused.error["code"] as? String == "store_unavailable")
        #expect(try await server.call("GET", "/v1/users/\(user)/recommendations?n=3").status == 503)
        #expect(try await server.call("GET", "/v1/items/m1").status == 200)

        try await SharedPostgres.shared.execute("ALTER DATABASE \(location.database) ALLOW_CONNECTIONS true")
        var status = 0
        for _ in 0..<60 where status != 200 {
            status = try await server.call("POST", "/v1/feedback", json: [["user": user, "item": "m1", "type": "like"]]).status
            if status != 200 { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(status == 200)
        try await server.stop()
    }
}
