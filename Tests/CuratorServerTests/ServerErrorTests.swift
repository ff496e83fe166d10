import CuratorCore
import CuratorRecall
import CuratorServer
import CuratorTestSupport
import Foundation
import Testing
@testable import CuratorServer

@Suite("curator serve errors, limits and keys")
struct ServerErrorTests {
    @Test func badInputIsA400NamingTheField() async throws {
        let server = try await LiveServer.started()
        let user = server.service.dataset.users.id(at: 0)
        let cases: [(Answer, String)] = [
            (try await server.call("GET", "/v1/users/\(user)/recommendations?n=0"), "n"),
            (try await server.call("GET", "/v1/users/\(user)/recommendations?exclude_seen=maybe"), "exclude_seen"),
            (try await server.call("GET", "/v1/users/\(user)/recommendations?min_year=2000&max_year=1990"), "min_year"),
            (try await server.call("POST", "/v1/recommendations", json: ["n": 3]), "history"),
            (try await server.call("POST", "/v1/recommendations", json: ["history": "m1"]), "history"),
            (try await server.call("POST", "/v1/feedback", json: [["user": "a", "item": "m1", "type": "like"], ["user": "a", "item": "m1", "type": "shrug"]]), "events[1].type"),
            (try await server.call("POST", "/v1/feedback", json: [["user": "a", "type": "like"]]), "events[0].item"),
            (try await server.call("POST", "/v1/feedback", json: [["user": "a", "item": "m1", "type": "rating"]]), "events[0].value"),
            (try await server.call("POST", "/v1/feedback", body: Data("{not json".utf8)), "body"),
            (try await server.call("PUT", "/v1/items/new", json: ["title": "  "]), "title"),
            (try await server.call("PUT", "/v1/items/new", json: ["title": "T", "year": 99_999_999_999]), "year"),
            // Foundation's decoder calls these invalid JSON and names no field; the answer does.
            (try await server.call("POST", "/v1/recommendations", json: ["history": ["m1"], "n": 2.5]), "n"),
            (try await server.call("POST", "/v1/recommendations", body: Data(#"{"history":["m1"],"n":1e30}"#.utf8)), "n"),
            (try await server.call("POST", "/v1/recommendations", json: ["history": ["m1"], "min_year": 99_999_999_999]), "min_year"),
            // A field the route does not read is refused, not ignored.
            (try await server.call("POST", "/v1/recommendations", json: ["history": ["m1"], "user": user]), "user"),
            // An unknown genre would filter everything out: refused, naming the catalog's genres.
            (try await server.call("GET", "/v1/users/\(user)/recommendations?genre=Cartoon"), "genre"),
            (try await server.call("POST", "/v1/recommendations", json: ["history": ["m1"], "genre": "Westerns"]), "genre"),
            // An empty text is the text's fault.
            (try await server.call("POST", "/v1/recommendations", json: ["text": "   "]), "text"),
        ]
        for (answer, field) in cases {
            #expect(answer.status == 400, "\(field): \(answer.text)")
            #expect(answer.error["field"] as? String == field, "\(answer.text)")
            #expect((answer.error["message"] as? String)?.isEmpty == false)
            #expect((answer.error["message"] as? String)?.contains("not valid JSON") == (field == "body"), "\(answer.text)")
        }
        // A text is at most a turn's length: it is read, embedded and quoted in every reason.
        let long = try await server.call("POST", "/v1/recommendations", json: ["text": String(repeating: "heist ", count: 4_000)])
        #expect(long.status == 413 && long.error["field"] as? String == "text", "\(long.text.prefix(200))")
        // Nothing of a refused batch was stored.
        #expect(try await server.service.store.allEvents().isEmpty)
        try await server.stop()
    }

    @Test func unknownUsersItemsAndRoutesAre404() async throws {
        let server = try await LiveServer.started()
        let user = try await server.call("GET", "/v1/users/nobody/recommendations")
        #expect(user.status == 404)
        #expect(user.error["code"] as? String == "unknown_user")
        #expect(try await server.call("GET", "/v1/items/nothing").error["code"] as? String == "unknown_item")
        #expect(try await server.call("GET", "/v1/items/nothing/similar").status == 404)
        #expect(try await server.call("POST", "/v1/recommendations", json: ["history": ["m1", "zzz"]]).error["field"] as? String == "history[1]")
        #expect(try await server.call("POST", "/v1/feedback", json: [["user": "a", "item": "zzz", "type": "like"]]).status == 404)
        let route = try await server.call("GET", "/v1/nowhere")
        #expect(route.status == 404)
        #expect(route.error["code"] as? String == "no_route")
        // A served path asked with another method: 405, naming the methods it takes.
        for (method, path, allowed) in [("PUT", "/v1/sessions/abc", "GET, DELETE"), ("GET", "/v1/chat/completions", "POST"),
                                        ("DELETE", "/v1/users/u1/recommendations", "GET")] {
            let wrong = try await server.call(method, path)
            #expect(wrong.status == 405, "\(method) \(path)")
            #expect(wrong.error["code"] as? String == "method_not_allowed" && (wrong.error["message"] as? String ?? "").hasSuffix(allowed),
                    "\(method) \(path): \(wrong.text)")
        }
        try await server.stop()
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let server = try await LiveServer.started { $0.bodyLimit = 2_000 }
        let big = (0..<200).map { ["user": "u", "item": "m\($0 % 60)", "type": "view"] }
        let answer = try await server.call("POST", "/v1/feedback", json: big)
        #expect(answer.status == 413)
        #expect(answer.error["code"] as? String == "body_too_large")
        #expect(try await server.call("POST", "/v1/feedback", json: Array(big.prefix(5))).status == 200)
        try await server.stop()
    }

    @Test func keysAreRequiredEverywhereButHealthWhenSet() async throws {
        let server = try await LiveServer.started { $0.apiKeys = ["first-secret", "second-secret"] }
        #expect(try await server.call("GET", "/health/live").status == 200)
        #expect(try await server.call("GET", "/health/ready").status == 200)
        for path in ["/v1/items/m1", "/metrics", "/openapi.json"] {
            let refused = try await server.call("GET", path)
            #expect(refused.status == 401, "\(path)")
            #expect(refused.error["code"] as? String == "unauthorized")
        }
        #expect(try await server.call("GET", "/v1/items/m1", headers: [("Authorization", "Bearer wrong")]).status == 401)
        #expect(try await server.call("GET", "/v1/items/m1", headers: [("Authorization", "Bearer first-secret")]).status == 200)
        #expect(try await server.call("GET", "/v1/items/m1", headers: [("X-API-Key", "second-secret")]).status == 200)
        try await server.stop()
    }

    @Test func withoutKeysEveryRouteIsOpen() async throws {
        let server = try await LiveServer.started()
        #expect(try await server.call("GET", "/v1/items/m1").status == 200)
        #expect(try await server.call("GET", "/metrics").status == 200)
        try await server.stop()
    }

    @Test func overTheRateLimitIs429WithRetryAfter() async throws {
        let server = try await LiveServer.started {
            $0.apiKeys = ["k1", "k2"]
            $0.rateLimit = 0.5
            $0.rateBurst = 3
        }
        var statuses: [Int] = []
        for _ in 0..<5 { statuses.append(try await server.call("GET", "/v1/items/m1", headers: [("X-API-Key", "k1")]).status) }
        #expect(statuses.prefix(3).allSatisfy { $0 == 200 })
        let limited = try await server.call("GET", "/v1/items/m1", headers: [("X-API-Key", "k1")])
        #expect(limited.status == 429)
        #expect(limited.error["code"] as? String == "rate_limited")
        #expect(limited.retryAfter == .seconds(1))
        // Another key has its own budget.
        #expect(try await server.call("GET", "/v1/items/m1", headers: [("X-API-Key", "k2")]).status == 200)
        try await server.stop()
    }

    @Test func notReadyIs503UntilAGoodModelFileArrives() async throws {
        let dataset = genreDataset()
        let directory = TemporaryDirectory("curator-serve")
        let configuration = ServerConfiguration(dataPath: directory.path + "/data", state: StateDirectory(root: directory.path + "/state"))
        let store = ModelStore(state: configuration.state, datasetPath: configuration.dataPath, filter: configuration.filter, dataset: dataset)
        let path = store.path(for: "itemknn")
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: path))
        let server = try await LiveServer.start(dataset: dataset, directory: directory)
        var ready = try await server.call("GET", "/health/ready")
        for _ in 0..<200 where ready.object["status"] as? String == "loading" {
            try await Task.sleep(for: .milliseconds(20))
            ready = try await server.call("GET", "/health/ready")
        }
        #expect(ready.status == 503)
        #expect(ready.object["status"] as? String == "failed")
        let refused = try await server.call("GET", "/v1/users/\(dataset.users.id(at: 0))/recommendations")
        #expect(refused.status == 503)
        #expect(refused.error["code"] as? String == "not_ready")

        // `curator train` writes a good file: the server picks it up without a restart.
        try store.save(try RecallModelRegistry.fit(kind: "itemknn", parameters: ModelParameters(), data: TrainingData(dataset: dataset)))
        try await server.waitUntilReady(seconds: 30)
        #expect(try await server.call("GET", "/v1/users/\(dataset.users.id(at: 0))/recommendations").status == 200)
        try await server.stop()
    }

    @Test func aRequestOverTheDeadlineIsATimeoutAndDoesNotWaitForTheWork() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: ServiceError.self) {
            try await withDeadline(.milliseconds(50)) { () async throws -> Int in
                try await Task.sleep(for: .seconds(30))
                return 1
            }
        }
        #expect(clock.now - start < .seconds(20))
        #expect(try await withDeadline(.seconds(5)) { 7 } == 7)
    }

    /// A caller cancelled before or while it waits stops the operation (the client went away).
    @Test func aCancelledCallerStopsTheOperation() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let cancelledFirst = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await withDeadline(.seconds(60)) { () async throws -> Int in
                try await Task.sleep(for: .seconds(60))
                return 1
            }
        }
        await #expect(throws: CancellationError.self) { try await cancelledFirst.value }
        let cancelledLater = Task {
            try await withDeadline(.seconds(60)) { () async throws -> Int in
                try await Task.sleep(for: .seconds(60))
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        cancelledLater.cancel()
        await #expect(throws: CancellationError.self) { try await cancelledLater.value }
        #expect(clock.now - start < .seconds(30), "neither waited for its operation's minute")
    }
}
