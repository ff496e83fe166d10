import CuratorLLM
import CuratorServer
import CuratorTestSupport
import Foundation
import Testing

/// The store contract, run against SQLite and a real PostgreSQL alike.
@Suite("serving stores (SQLite and PostgreSQL)")
struct ServingStoreTests {
    @Test(arguments: StoreKind.allCases)
    func eventsComeBackPerUserOldestFirst(kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let store = try await fixture.open()
        try await store.append([
            FeedbackEvent(user: "ann", item: "m3", type: "like", timestamp: 30, recommendationID: "list-1"),
            FeedbackEvent(user: "bob", item: "m1", type: "rating", value: 4.5, timestamp: 10),
        ])
        try await store.append([
            FeedbackEvent(user: "ann", item: "m1", type: "view", value: 0.25, timestamp: 20),
            FeedbackEvent(user: "ann", item: "m2", type: "dislike", timestamp: 30),
        ])
        try await store.append([])

        let ann = try await store.events(user: "ann")
        // By time, then by arrival among equal times.
        #expect(ann.map(\.item) == ["m1", "m3", "m2"])
        #expect(ann[0] == FeedbackEvent(user: "ann", item: "m1", type: "view", value: 0.25, timestamp: 20))
        #expect(ann[1] == FeedbackEvent(user: "ann", item: "m3", type: "like", timestamp: 30, recommendationID: "list-1"))
        #expect(try await store.events(user: "nobody").isEmpty)
        #expect(try await store.events(user: "bob") == [FeedbackEvent(user: "bob", item: "m1", type: "rating", value: 4.5, timestamp: 10)])
        #expect(try await store.allEvents().map(\.user) == ["bob", "ann", "ann", "ann"])
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func impressionsAreRecordedOncePerList(kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let store = try await fixture.open()
        #expect(try await store.impressionCount() == 0)
        let shown = [
            Impression(id: "a", user: "ann", items: ["m1", "m2"], model: "itemknn", modelVersion: "itemknn-1", endpoint: "/v1/users/{id}/recommendations"),
            Impression(id: "b", user: nil, items: ["m3"], model: "itemknn", modelVersion: "itemknn-1", endpoint: "/v1/recommendations"),
        ]
        try await store.record(shown)
        try await store.record([shown[0]])  // written again (a retried flush): still one row
        try await store.record([])
        #expect(try await store.impressionCount() == 2)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func reopeningKeepsTheRowsAndMigratesOnce(kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let first = try await fixture.open()
        try await first.append([FeedbackEvent(user: "ann", item: "m1", type: "like", timestamp: 1)])
        await first.close()
        let second = try await fixture.open()
        try await second.append([FeedbackEvent(user: "ann", item: "m2", type: "like", timestamp: 2)])
        #expect(try await second.events(user: "ann").map(\.item) == ["m1", "m2"])
        await second.close()
    }

    /// Replicas: stores opened together (migrating at once) on the same data, writing at the same
    /// time; every acknowledged event is seen by each.
    @Test(arguments: StoreKind.allCases)
    func storesOnTheSameDataSeeEachOthersWrites(kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let replicas = try await fixture.openReplicas()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (r, store) in replicas.enumerated() {
                for batch in 0..<10 {
                    group.addTask {
                        try await store.append((0..<10).map {
                            FeedbackEvent(user: "u\(r)", item: "m\($0)", type: "view", timestamp: Int64(batch * 10 + $0))
                        })
                    }
                }
            }
            try await group.waitForAll()
        }
        for store in replicas {
            #expect(try await store.allEvents().count == 200)
            #expect(try await store.events(user: "u1").map(\.timestamp) == (0..<100).map(Int64.init))
        }
        for store in replicas { await store.close() }
    }
}

@Suite("PostgreSQL store: locations and failures")
struct PostgresStoreTests {
    @Test func urlsAreReadAsLibpqWritesThem() throws {
        let full = try PostgresLocation(url: "postgres://ann:s%40cret@db.example:6543/recs?sslmode=require")
        #expect(full.host == "db.example")
        #expect(full.port == 6543)
        #expect(full.user == "ann")
        #expect(full.password == "s@cret")
        #expect(full.database == "recs")
        #expect(full.tls == .require)
        #expect(!full.description.contains("cret"))

        let short = try PostgresLocation(url: "postgresql://ann@127.0.0.1")
        #expect(short.port == 5432)
        #expect(short.database == "ann")
        #expect(short.tls == .prefer)
        #expect(try ServingStoreLocation(parsing: "sqlite") == .sqlite)
    }

    @Test(arguments: [
        ("mysql://ann@host/db", "must be 'sqlite' or a postgres://"),
        ("postgres://host/db", "names no user"),
        ("postgres://ann@host/db?sslmode=maybe", "sslmode must be one of"),
        ("postgres://ann@host/db?timeout=3", "unknown PostgreSQL URL parameter 'timeout'"),
        ("postgres://ann:hunter2@host/a/b", "one database name"),
    ])
    func badURLsAreRefusedWithTheReason(url: String, reason: String) {
        let error = #expect(throws: ServerSetupError.self) { try ServingStoreLocation(parsing: url) }
        #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func aStoreFileOrAWordIsNotALocation() {
        #expect(throws: ServerSetupError.self) { try ServingStoreLocation(parsing: "/tmp/serving.sqlite") }
    }

    @Test func aRefusedConnectionFailsAtOnceNamingTheServer() async throws {
        let port = LlamaServerProcess.freePort()  // nothing listens there
        let location = try PostgresLocation(url: "postgres://curator@127.0.0.1:\(port)/curator?sslmode=disable")
        let error = await #expect(throws: ServerSetupError.self) {
            try await PostgresServingStore.connect(location, connectTimeout: .seconds(30), logger: quietLogger)
        }
        let text = error?.description ?? ""
        #expect(text.contains("cannot use PostgreSQL at postgres://curator@127.0.0.1:\(port)/curator"), "\(text)")
        #expect(text.lowercased().contains("refused"), "\(text)")
    }

    @Test func aServerThatNeverAnswersFailsAfterTheConnectTimeout() async throws {
        // Accepts connections and never says a word (it waits for an HTTP request that never comes).
        let silent = try LocalHTTPServer { _ in .text("") }
        let location = try PostgresLocation(url: "postgres://curator@127.0.0.1:\(silent.port)/curator?sslmode=disable")
        let error = await #expect(throws: ServerSetupError.self) {
            try await PostgresServingStore.connect(location, connectTimeout: .seconds(1), logger: quietLogger)
        }
        #expect(error?.description.contains("no answer within 1") == true, "\(error?.description ?? "")")
    }

    @Test func aMissingDatabaseIsNamed() async throws {
        let server = try await SharedPostgres.shared.server()
        let location = try PostgresLocation(url: "postgres://\(server.user)@127.0.0.1:\(server.port)/no_such_db?sslmode=disable")
        let error = await #expect(throws: ServerSetupError.self) {
            try await PostgresServingStore.connect(location, logger: quietLogger)
        }
        #expect(error?.description.contains(#"database "no_such_db" does not exist"#) == true, "\(error?.description ?? "")")
    }
}
