import CuratorCore
import CuratorServer
import CuratorTestSupport
import Foundation
import Testing

@Suite("curator serve routes, over HTTP on 127.0.0.1")
struct ServerRoutesTests {
    @Test func healthAnswersWhileReady() async throws {
        let server = try await LiveServer.started()
        let live = try await server.call("GET", "/health/live")
        #expect(live.status == 200)
        #expect(live.object["status"] as? String == "live")
        let ready = try await server.call("GET", "/health/ready")
        #expect(ready.status == 200)
        #expect(ready.object["model"] as? String == "itemknn")
        #expect((ready.object["model_version"] as? String)?.hasPrefix("itemknn-") == true)
        try await server.stop()
    }

    @Test func userRecommendationsHaveTheDocumentedFieldsAndNeverAnItemTheUserHas() async throws {
        let dataset = genreDataset()
        let server = try await LiveServer.started(dataset: dataset)
        let user = dataset.users.id(at: 0)
        let answer = try await server.call("GET", "/v1/users/\(user)/recommendations?n=5")
        #expect(answer.status == 200)
        #expect(answer.items.count == 5)
        #expect((answer.object["recommendation_id"] as? String)?.isEmpty == false)
        #expect(answer.object["model"] as? String == "itemknn")
        let had = Set(UserSequences(dataset.interactions, userCount: dataset.userCount).sequence(of: 0).map { dataset.items.id(at: $0) })
        for item in answer.items {
            #expect(item["title"] is String && item["reason"] is String && item["score"] is Double)
            #expect((item["display_title"] as? String)?.hasPrefix(Item.spoken(item["title"] as? String ?? "")) == true)
            #expect(!had.contains(item["id"] as! String))
        }
        let scores = answer.items.map { $0["score"] as! Double }
        #expect(scores == scores.sorted(by: >))
        #expect((answer.items[0]["reason"] as! String).hasPrefix("Because you liked "))

        // The next page continues the list; recall ranks grow with it.
        let page = try await server.call("GET", "/v1/users/\(user)/recommendations?n=5&offset=5")
        let both = try await server.call("GET", "/v1/users/\(user)/recommendations?n=10")
        #expect(answer.ids + page.ids == both.ids)
        #expect(page.items.map { $0["recall_rank"] as! Int } == Array(6...10))
        try await server.stop()
    }

    @Test func filtersKeepOnlyTheGenreAndYearsAsked() async throws {
        let dataset = genreDataset()
        let server = try await LiveServer.started(dataset: dataset)
        let user = dataset.users.id(at: 1)
        let answer = try await server.call("GET", "/v1/users/\(user)/recommendations?n=8&genre=western&min_year=1985&max_year=2000")
        #expect(answer.status == 200)
        #expect(!answer.items.isEmpty)
        for item in answer.items {
            #expect(item["genres"] as? [String] == ["Western"])
            let year = try #require(item["year"] as? Int)
            #expect((1985...2000).contains(year))
        }
        // With exclude_seen=false the user's own items may come back.
        let all = try await server.call("GET", "/v1/users/\(user)/recommendations?n=60&exclude_seen=false")
        let had = Set(UserSequences(dataset.interactions, userCount: dataset.userCount).sequence(of: 1).map { dataset.items.id(at: $0) })
        #expect(!had.isDisjoint(with: all.ids))
        try await server.stop()
    }

    @Test func anonymousHistoryAndWords() async throws {
        let server = try await LiveServer.started()
        let byHistory = try await server.call("POST", "/v1/recommendations", json: ["history": ["m0", "m3", "m6"], "n": 5])
        #expect(byHistory.status == 200)
        #expect(byHistory.items.count == 5)
        #expect(Set(byHistory.ids).isDisjoint(with: ["m0", "m3", "m6"]))

        let byWords = try await server.call("POST", "/v1/recommendations", json: ["text": "a comedy night", "n": 10])
        #expect(byWords.status == 200)
        // Every comedy item's text matches the words; they lead the list.
        #expect(byWords.items.allSatisfy { ($0["genres"] as? [String]) == ["Comedy"] })
        #expect((byWords.items[0]["reason"] as! String).contains("comedy"))
        try await server.stop()
    }

    /// Words are read as the chat reads a turn: what they turn away and the years they set
    /// filter the list (embeddings alone place "nothing scary" near horror), and a film they
    /// name as liked is a like: left out of the list and named in its reasons.
    @Test func wordsThatTurnAGenreAwayOrNameAFilmAreReadAsTheChatReadsThem() async throws {
        let server = try await LiveServer.started(dataset: genreDataset())
        try await server.waitForConversations()
        let genres = { (answer: Answer) in Set(answer.items.flatMap { $0["genres"] as? [String] ?? [] }) }
        let open = try await server.call("POST", "/v1/recommendations", json: ["text": "something to watch tonight", "n": 30])
        #expect(genres(open).contains("Horror"), "without a word against it, horror is in the 30 of 60")
        let notScary = try await server.call("POST", "/v1/recommendations", json: ["text": "something to watch tonight, nothing scary", "n": 30])
        #expect(notScary.status == 200, "\(notScary.text)")
        #expect(notScary.items.count == 30)
        #expect(!genres(notScary).contains("Horror"), "\(notScary.ids)")
        // Words that only filter are not searched by (embedded, "nothing scary" lies near
        // horror): the most watched that pass, said so.
        let onlyFilters = try await server.call("POST", "/v1/recommendations", json: ["text": "nothing scary please", "n": 10])
        #expect(onlyFilters.items.count == 10 && !genres(onlyFilters).contains("Horror"), "\(onlyFilters.text)")
        #expect(onlyFilters.items.allSatisfy { $0["reason"] as? String == "Popular, and fits what you asked for" }, "\(onlyFilters.text)")
        var interactions: [Int] = []
        for id in onlyFilters.ids { interactions.append(try await server.call("GET", "/v1/items/\(id)").object["interactions"] as? Int ?? 0) }
        #expect(interactions == interactions.sorted(by: >), "\(interactions)")

        let named = try await server.call("POST", "/v1/recommendations", json: ["text": "i loved western film 5, something from the 90s", "n": 5])
        #expect(named.status == 200, "\(named.text)")
        #expect(named.items.count == 5)
        #expect(!named.ids.contains("m5"))
        #expect(named.items.allSatisfy { (1990...1999).contains($0["year"] as? Int ?? 0) }, "\(named.items.map { $0["year"] ?? "" })")
        #expect(named.items.contains { ($0["reason"] as? String ?? "").contains("Western film 5") }, "\(named.items.map { $0["reason"] ?? "" })")
        try await server.stop()
    }

    /// Years are read as the chat reads them (an eighth stranger's trial): a decade turned
    /// away in the middle is left out and said as such; "before the year 2000" bounds the list.
    @Test func aRequestReadsYearsAsTheChatDoes() async throws {
        let server = try await LiveServer.started(dataset: genreDataset())
        try await server.waitForConversations()
        let years = { (answer: Answer) in answer.items.compactMap { $0["year"] as? Int } }
        let away = try await server.call("POST", "/v1/recommendations", json: ["text": "anything but the 1990s", "n": 20])
        #expect(away.status == 200, "\(away.text)")
        let constraints = (away.object["understood"] as? [String: Any])?["constraints"] as? [String: Any] ?? [:]
        #expect(constraints["excluded_years"] as? [[String: Int]] == [["from": 1990, "to": 1999]], "\(away.text)")
        #expect(constraints["summary"] as? String == "not from the 1990s")
        #expect(years(away).count == 20 && !years(away).contains { (1990...1999).contains($0) } && years(away).contains { $0 >= 2000 }, "\(years(away))")
        let before = try await server.call("POST", "/v1/recommendations", json: ["text": "a horror film made before the year 2000", "n": 5])
        #expect(before.items.count == 5 && years(before).allSatisfy { $0 < 2000 }, "\(years(before))")
        #expect(before.items.allSatisfy { ($0["genres"] as? [String]) == ["Horror"] })
        try await server.stop()
    }

    /// What the words were read as comes back with the list, and what could not be acted on
    /// is said (`notes`): "nothing with superheroes" where nothing says which films have them
    /// was silently searched for; a film named with no feeling is named in the reasons as
    /// asked for ("Close to \"something like…\"" hid that the list came from it).
    @Test func aTextRequestSaysWhatItReadAndWhatItCouldNotActOn() async throws {
        let server = try await LiveServer.started(dataset: genreDataset())
        try await server.waitForConversations()
        let unknown = try await server.call("POST", "/v1/recommendations", json: ["text": "nothing with superheroes", "n": 5])
        #expect(unknown.status == 200, "\(unknown.text)")
        let notes = unknown.object["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("“superheroes”") }, "\(unknown.text)")

        let like = try await server.call("POST", "/v1/recommendations", json: ["text": "something like western film 5", "n": 5])
        let understood = like.object["understood"] as? [String: Any] ?? [:]
        let mentions = understood["mentions"] as? [[String: Any]] ?? []
        #expect(mentions.map { $0["item_ids"] as? [String] ?? [] } == [["m5"]], "\(like.text)")
        #expect(mentions.first?["stated"] as? Bool == false)
        #expect(like.object["notes"] as? [String] == [])
        #expect(like.items.allSatisfy { ($0["reason"] as? String ?? "").hasPrefix("More like Western film 5") }, "\(like.items.map { $0["reason"] ?? "" })")

        let genre = try await server.call("POST", "/v1/recommendations", json: ["text": "no horror", "n": 5])
        #expect((genre.object["understood"] as? [String: Any])?["constraints"].flatMap { ($0 as? [String: Any])?["summary"] as? String } == "no Horror")
        // A history alone is answered as before, with no reading.
        let history = try await server.call("POST", "/v1/recommendations", json: ["history": ["m0"], "n": 3])
        #expect(history.object["understood"] == nil && history.object["notes"] == nil)
        try await server.stop()
    }

    @Test func itemAndSimilarItems() async throws {
        let server = try await LiveServer.started()
        let item = try await server.call("GET", "/v1/items/m3")
        #expect(item.status == 200)
        #expect(item.object["title"] as? String == "Horror film 3")
        #expect(item.object["onboarded"] as? Bool == false)
        #expect((item.object["interactions"] as? Int ?? 0) > 0)

        let similar = try await server.call("GET", "/v1/items/m3/similar?n=5")
        #expect(similar.status == 200)
        #expect(similar.items.count == 5)
        #expect(!similar.ids.contains("m3"))
        // Users are loyal to one genre, so the nearest items share it.
        #expect(similar.items.allSatisfy { ($0["genres"] as? [String]) == ["Horror"] })
        try await server.stop()
    }

    @Test func anOnboardedItemIsRecommendedInTheNextResponse() async throws {
        let dataset = genreDataset()
        let server = try await LiveServer.started(dataset: dataset)
        let before = try await server.call("POST", "/v1/recommendations", json: ["text": "horror", "n": 60])
        #expect(!before.ids.contains("new-horror"))

        let put = try await server.call("PUT", "/v1/items/new-horror", json: ["title": "Horror at the lake", "year": 2024, "genres": ["Horror"], "text": "A horror story."])
        #expect(put.status == 201)
        #expect(put.object["onboarded"] as? Bool == true)
        let again = try await server.call("PUT", "/v1/items/new-horror", json: ["title": "Horror at the lake", "text": "A horror story, revised."])
        #expect(again.status == 200)

        let item = try await server.call("GET", "/v1/items/new-horror")
        #expect(item.object["text"] as? String == "A horror story, revised.")
        let byWords = try await server.call("POST", "/v1/recommendations", json: ["text": "horror", "n": 25])
        #expect(byWords.ids.contains("new-horror"))
        // A horror fan gets it too (its score borrowed from its nearest horror items).
        let forFan = try await server.call("GET", "/v1/users/\(genreFan(dataset, genre: 0))/recommendations?n=61")
        #expect(forFan.ids.contains("new-horror"))
        // A dataset item cannot be onboarded.
        let conflict = try await server.call("PUT", "/v1/items/m1", json: ["title": "Taken"])
        #expect(conflict.status == 409)
        try await server.stop()
    }

    @Test func metricsCountRequestsPerRouteAndNameTheModel() async throws {
        let server = try await LiveServer.started()
        _ = try await server.call("GET", "/v1/items/m1")
        _ = try await server.call("GET", "/v1/items/m2")
        _ = try await server.call("GET", "/v1/items/none")
        let metrics = try await server.call("GET", "/metrics")
        #expect(metrics.status == 200)
        let text = metrics.text
        #expect(text.contains(#"curator_http_requests_total{route="/v1/items/{id}",method="GET",status="200"} 2"#))
        #expect(text.contains(#"curator_http_requests_total{route="/v1/items/{id}",method="GET",status="404"} 1"#))
        #expect(text.contains(#"curator_http_request_duration_seconds_bucket{route="/v1/items/{id}",method="GET",le="#))
        #expect(text.contains(#"curator_model_info{model="itemknn",version="itemknn-"#))
        try await server.stop()
    }
}
