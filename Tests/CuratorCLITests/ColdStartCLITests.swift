import CuratorTestSupport
import Foundation
import Testing

/// `curator items add` and `curator recommend --text`, run as a user runs them, with a tiny
/// embedding model written by the test.
@Suite("cold start on the command line")
struct ColdStartCLITests {
    struct Fixture {
        let dir = TemporaryDirectory()
        var data: String { dir.path + "/synth" }
        var model: String { dir.path + "/model" }
        func common() -> [String] { ["--data", data, "--state", dir.path + "/state", "--embedding-model-dir", model] }
    }

    func fixture() async throws -> Fixture {
        let f = Fixture()
        let synth = try await CLIRunner.run(["data", "synth", "--users", "80", "--items", "40", "--interactions", "1200", "--seed", "5", "--out", f.data])
        #expect(synth.status == 0, "\(synth.standardError)")
        try TinyBertModel.write(to: f.model)
        return f
    }

    @Test func anAddedItemIsRecommendableAfterARestartAndAnUpdateDoesNotDuplicate() async throws {
        let f = try await fixture()
        let add = try await CLIRunner.run(["items", "add", "--id", "new-1", "--title", "The space robot", "--genres", "Sci-Fi"] + f.common())
        #expect(add.status == 0, "\(add.standardError)")
        #expect(add.standardOutput.contains("added   new-1"))
        // A new process: the item comes back from the state folder.
        let byHistory = try await CLIRunner.run(["recommend", "--history", "new-1", "-k", "3", "--json"] + f.common())
        #expect(byHistory.status == 0, "\(byHistory.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(byHistory.standardOutput.utf8)) as? [String: Any])
        #expect((json["items"] as? [[String: Any]])?.count == 3)
        // Its neighbours, as `similar` lists a dataset item's (the server's /v1/items/{id}/similar does too).
        let similar = try await CLIRunner.run(["similar", "--item", "new-1", "-k", "3", "--json"] + f.common())
        #expect(similar.status == 0, "\(similar.standardError)")
        let near = try #require(try JSONSerialization.jsonObject(with: Data(similar.standardOutput.utf8)) as? [String: Any])
        let neighbours = (near["similar"] as? [[String: Any]])?.compactMap { $0["item"] as? String } ?? []
        #expect(neighbours.count == 3 && !neighbours.contains("new-1"), "\(similar.standardOutput)")
        let byText = try await CLIRunner.run(["recommend", "--text", "the space robot", "-k", "50", "--json"] + f.common())
        #expect(byText.status == 0, "\(byText.standardError)")
        #expect(byText.standardOutput.contains("\"new-1\""), "the onboarded item is among the candidates")
        let again = try await CLIRunner.run(["items", "add", "--id", "new-1", "--title", "The space robot returns"] + f.common())
        #expect(again.standardOutput.contains("updated new-1"))
        let list = try await CLIRunner.run(["items", "list"] + f.common().prefix(4))
        #expect(list.standardOutput.split(separator: "\n").count == 1)
        #expect(list.standardOutput.contains("The space robot returns"))
    }

    @Test func enhancedDescriptionsAreListedEmbeddedAndMeasuredBesideThePlainText() async throws {
        let f = try await fixture()
        // An OpenAI-compatible endpoint of the test's own, answering every item with a profile
        // that names it, so each description differs.
        let server = try LocalHTTPServer { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let title = body.range(of: #"Title: [^\\]*"#, options: .regularExpression).map { String(body[$0].dropFirst(7)) } ?? "?"
            let content = #"{"description":"A quiet story called \#(title) about robots and love.","themes":["robots"],"audience":"all"}"#
            let escaped = String(decoding: try! JSONEncoder().encode(content), as: UTF8.self)
            return .json(#"{"choices":[{"index":0,"message":{"role":"assistant","content":\#(escaped)},"finish_reason":"stop"}],"usage":{"prompt_tokens":50,"completion_tokens":20,"total_tokens":70}}"#)
        }
        let enhance = try await CLIRunner.run(["items", "enhance", "--llm", server.baseURL.absoluteString, "--limit", "12"] + f.common().prefix(4))
        #expect(enhance.status == 0, "\(enhance.standardError)")
        #expect(enhance.standardOutput.contains("described 12 of 12 items without text"), "\(enhance.standardOutput)")
        let chats = { server.requests.filter { $0.path.hasSuffix("/chat/completions") }.count }
        let asked = chats()
        #expect(asked == 12)
        // Asked again for the same items: the cache answers, the endpoint is not asked.
        let again = try await CLIRunner.run(["items", "enhance", "--llm", server.baseURL.absoluteString, "--limit", "12", "--redo"] + f.common().prefix(4))
        #expect(again.standardOutput.contains("described 12 of 12 items without text (12 from the cache"), "\(again.standardOutput)")
        #expect(chats() == asked, "a second run asks nothing")
        let list = try await CLIRunner.run(["items", "list"] + f.common().prefix(4))
        #expect(list.standardOutput.contains("LLM-written descriptions (12 items"), "\(list.standardOutput)")
        #expect(list.standardOutput.contains("about robots and love"))
        let eval = try await CLIRunner.run(["eval", "--protocol", "cold-items", "--model", "text-neighbours", "--json"] + f.common())
        #expect(eval.status == 0, "\(eval.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(eval.standardOutput.utf8)) as? [String: Any])
        #expect(json["described_items"] as? Int == 12)
        #expect((json["with_enhanced_text"] as? [String: Any])?["model"] as? String == "text-neighbours-llm")
        #expect((json["without_enhanced_text"] as? [String: Any])?["model"] as? String == "text-neighbours")
    }

    @Test func aBadLineInAFileIsNamedAndNothingIsWritten() async throws {
        let f = try await fixture()
        let good = f.dir.write("good.jsonl", "{\"id\": \"n1\", \"title\": \"Love story\"}\n")
        #expect(try await CLIRunner.run(["items", "add", "--file", good] + f.common()).status == 0)
        let bad = f.dir.write("bad.jsonl", "{\"id\": \"n2\", \"title\": \"War\"}\n{\"id\": \"n3\", \"title\": \"Zoo\"}\n{\"id\": \"n4\", \"title\": }\n")
        let result = try await CLIRunner.run(["items", "add", "--file", bad] + f.common())
        #expect(result.status != 0)
        #expect(result.standardError.contains("bad.jsonl:3"), "\(result.standardError)")
        let list = try await CLIRunner.run(["items", "list"] + f.common().prefix(4))
        #expect(list.standardOutput.split(separator: "\n").map { String($0.prefix(2)) } == ["n1"])
        let clash = try await CLIRunner.run(["items", "add", "--id", "i000001", "--title", "Clash"] + f.common())
        // Said plainly, naming the item: no "--id: field 'id'" of a reader's error.
        #expect(clash.status != 0 && clash.standardError.contains("is already in the dataset, as id i000001"), "\(clash.standardError)")
        // A title alone makes the id, as the shipped catalog's ids are made.
        let titled = try await CLIRunner.run(["items", "add", "--title", "Quiet Harbor: Part Two!", "--year", "2026", "--text", "A boat, rebuilt."] + f.common())
        #expect(titled.status == 0, "\(titled.standardError)")
        #expect(titled.standardOutput.contains("quiet-harbor-part-two-2026"), "\(titled.standardOutput)")
        let nothing = try await CLIRunner.run(["items", "add", "--title", "!!!"] + f.common())
        #expect(nothing.status != 0 && nothing.standardError.contains("give one with --id"), "\(nothing.standardError)")
    }

    /// `recommend --text` reads the words as the chat and the server do: a genre turned away
    /// and a film hated are left out of the list, however close the embedded words place them.
    @Test func wordsTurningAGenreOrAFilmAwayLeaveThemOut() async throws {
        let f = try await fixture()
        // Every third item a horror film, the first one named "Night Terror".
        let items = try String(contentsOfFile: f.data + "/items.jsonl", encoding: .utf8).split(separator: "\n").enumerated().map { index, line in
            line.replacingOccurrences(of: #""genres":[]"#, with: index % 3 == 0 ? #""genres":["Horror"]"# : #""genres":["Comedy"]"#)
                .replacingOccurrences(of: #""title":"Item 2""#, with: #""title":"Night Terror""#)
        }
        try (items.joined(separator: "\n") + "\n").write(toFile: f.data + "/items.jsonl", atomically: true, encoding: .utf8)
        let genres = { (output: String) throws -> [String] in
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            return (json["items"] as? [[String: Any]] ?? []).flatMap { $0["genres"] as? [String] ?? [] }
        }
        let open = try await CLIRunner.run(["recommend", "--text", "something for tonight", "-k", "30", "--json"] + f.common())
        #expect(open.status == 0, "\(open.standardError)")
        #expect(try genres(open.standardOutput).contains("Horror"), "30 of 40 items hold horror ones")
        let refused = try await CLIRunner.run(["recommend", "--text", "something for tonight but no horror", "-k", "20", "--json"] + f.common())
        #expect(refused.status == 0, "\(refused.standardError)")
        #expect(try genres(refused.standardOutput).count == 20)
        #expect(!(try genres(refused.standardOutput).contains("Horror")), "\(refused.standardOutput)")
        // The reading is said, as the chat and the server say it: in the JSON, and in the table.
        let said = try #require(try JSONSerialization.jsonObject(with: Data(refused.standardOutput.utf8)) as? [String: Any])
        #expect(said["understood"] as? String == "no Horror", "\(said)")
        let table = try await CLIRunner.run(["recommend", "--text", "something for tonight but no horror, nothing violent", "-k", "3"] + f.common())
        #expect(table.standardOutput.contains("(read as: no Horror)"), "\(table.standardOutput)")
        #expect(table.standardOutput.contains("“violent”"), "a mood nothing here marks is said: \(table.standardOutput)")
        let hated = try await CLIRunner.run(["recommend", "--text", "i hated night terror, a comedy please", "-k", "26", "--json"] + f.common())
        #expect(hated.status == 0, "\(hated.standardError)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(hated.standardOutput.utf8)) as? [String: Any])
        #expect(!((read["items"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == "i000002" }, "\(hated.standardOutput)")
        // The film turned away is part of how the words were read (it had been "none" beside the
        // genre), and the comedy after its comma is asked for (the dislike had turned it away).
        #expect(read["understood"] as? String == "not Night Terror; Comedy", "\(read)")
    }

    /// A mood asked for leads the list, as in the chat and the server: the list from the words
    /// alone does not know a film's mood ("a cosy feel-good film … nothing violent" had listed Get Out).
    @Test func aMoodAskedForLeadsTheList() async throws {
        let f = try await fixture()
        // The ten least watched items tagged feel-good: the words alone list the most watched.
        var counts: [String: Int] = [:]
        for line in try String(contentsOfFile: f.data + "/interactions.csv", encoding: .utf8).split(separator: "\n").dropFirst() {
            counts[String(line.split(separator: ",")[1]), default: 0] += 1
        }
        let lines = try String(contentsOfFile: f.data + "/items.jsonl", encoding: .utf8).split(separator: "\n")
        let ids = lines.indices.map { String(format: "i%06d", $0 + 1) }
        let cheerful = Set(ids.sorted { (counts[$0] ?? 0, $0) < (counts[$1] ?? 0, $1) }.prefix(10))
        let items = zip(ids, lines).map { id, line in
            cheerful.contains(id) ? line.replacingOccurrences(of: #""tags":[]"#, with: #""tags":["feel-good"]"#) : String(line)
        }
        try (items.joined(separator: "\n") + "\n").write(toFile: f.data + "/items.jsonl", atomically: true, encoding: .utf8)
        let listed = { (output: String) throws -> [String] in
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            return (json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        // "cheerful" is the reader's word for the tag, not the tag's own.
        let cosy = try await CLIRunner.run(["recommend", "--text", "something cheerful", "-k", "5", "--json"] + f.common())
        #expect(cosy.status == 0, "\(cosy.standardError)")
        let best = try listed(cosy.standardOutput)
        #expect(best.count == 5 && Set(best).isSubset(of: cheerful), "\(cosy.standardOutput)")
        let any = try await CLIRunner.run(["recommend", "--text", "something for tonight", "-k", "5", "--json"] + f.common())
        #expect(Set(try listed(any.standardOutput)).isDisjoint(with: cheerful), "without the mood, the most watched: \(any.standardOutput)")
    }

    @Test func aMissingModelPointsAtTheBootstrap() async throws {
        let f = try await fixture()
        let result = try await CLIRunner.run(
            ["recommend", "--text", "anything", "--data", f.data, "--state", f.dir.path + "/state"],
            environment: ["CURATOR_CACHE_DIR": f.dir.path + "/empty-cache", "CURATOR_EMBEDDING_MODEL_DIR": ""])
        #expect(result.status != 0)
        #expect(result.standardError.contains("scripts/bootstrap.sh --embeddings"), "\(result.standardError)")
    }

    /// The shipped example dataset, found from this file's place in the repository (it is only read).
    static let movies = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/movies").path

    /// A stranger's trial: `recommend --text` listed an item added with `items add`, but the chat
    /// said "Nothing in the catalog fits" for it and could not find it by its title. The chat
    /// now loads the onboarded items as `recommend` does.
    @Test func theChatNamesFiltersAndRecommendsAnOnboardedItem() async throws {
        let dir = TemporaryDirectory()
        try TinyBertModel.write(to: dir.path + "/model")
        // The chat takes no embedding flags: the model comes from the environment, as a user's install.
        let environment = ["CURATOR_EMBEDDING_MODEL_DIR": dir.path + "/model", "CURATOR_CACHE_DIR": dir.path + "/cache"]
        let common = ["--data", Self.movies, "--state", dir.path + "/state"]
        let add = try await CLIRunner.run(
            ["items", "add", "--title", "The Lighthouse Keeper's Heist", "--year", "2024", "--genres", "Crime,Thriller",
             "--text", "A retired lighthouse keeper plans one last bank heist with a crew of old friends"] + common, environment: environment)
        #expect(add.status == 0, "\(add.standardError)")
        // The shipped catalog has no crime thriller from the 2020s: only the new item fits.
        let chat = try await CLIRunner.run(["chat"] + common, environment: environment,
                                           input: "a crime thriller from the 2020s\ntell me about the lighthouse keeper's heist\n")
        #expect(chat.status == 0, "\(chat.standardError)")
        #expect(chat.standardOutput.contains("  1. The Lighthouse Keeper's Heist (2024)"), "filtered by genre and year: \(chat.standardOutput)")
        // Asked about by its title, it is found and described (a question about a film is answered, no list).
        #expect(chat.standardOutput.contains("The Lighthouse Keeper's Heist (2024): A retired lighthouse keeper"), "named by its title: \(chat.standardOutput)")
        #expect(!chat.standardOutput.contains("Nothing in the catalog fits"), "\(chat.standardOutput)")
        // More like it: films near it in text, and no reason claims viewers of a film nobody has watched.
        let near = try await CLIRunner.run(["chat"] + common, environment: environment, input: "more like the lighthouse keeper's heist\n")
        let listed = near.standardOutput.split(separator: "\n").filter { $0.hasPrefix("  1. ") || $0.hasPrefix("  2. ") }
        #expect(listed.count == 2, "\(near.standardOutput)")
        for claim in ["liked The Lighthouse", "enjoyed The Lighthouse", "fans of The Lighthouse", "who liked The Lighthouse"] {
            #expect(!near.standardOutput.contains(claim), "\(near.standardOutput)")
        }
    }

    /// A file's items without an id get one from the title and year, as a single `items add`
    /// makes it (the file had demanded an id); an item of the dataset is refused in plain words,
    /// not as a flag "--id" the user never gave.
    @Test func fileItemsWithoutAnIdGetTheTitlesAndADatasetItemIsRefusedPlainly() async throws {
        let f = try await fixture()
        let file = f.dir.path + "/new.jsonl"
        try #"{"title":"The Quiet Harbor","year":2021,"genres":["Drama"],"text":"A fisherman rebuilds a boat."}"#.appending("\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let add = try await CLIRunner.run(["items", "add", "--file", file] + f.common())
        #expect(add.status == 0, "\(add.standardError)")
        #expect(add.standardOutput.contains("added   the-quiet-harbor-2021"), "\(add.standardOutput)")
        let csv = f.dir.path + "/new.csv"
        try "title,year\nNebula Run,2020\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let fromCSV = try await CLIRunner.run(["items", "add", "--file", csv] + f.common())
        #expect(fromCSV.standardOutput.contains("added   nebula-run-2020"), "\(fromCSV.standardOutput) \(fromCSV.standardError)")
        let first = try #require(try String(contentsOfFile: f.data + "/items.jsonl", encoding: .utf8).split(separator: "\n").first)
        let existing = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let id = try #require(existing["id"] as? String), title = try #require(existing["title"] as? String)
        let again = try await CLIRunner.run(["items", "add", "--id", id, "--title", title] + f.common())
        #expect(again.status != 0)
        #expect(again.standardError.contains("is already in the dataset, as id \(id)"), "\(again.standardError)")
        #expect(!again.standardError.contains("--id:"), "\(again.standardError)")
    }

    /// A stranger's trial on ml-100k: "dark crime thriller like heat, no horror" listed two films
    /// near Heat, then 0-score filler in id order, the catalog's "unknown" entry last; and read
    /// "like heat" as "liked Heat". Filler is now the most watched films the filters let
    /// through, said so; no placeholder is listed; "like" after a kind of film is a likeness.
    @Test func aListPadsOnlyWithFilmsThatFitByPopularityAndSaysSo() async throws {
        let dir = TemporaryDirectory()
        try TinyBertModel.write(to: dir.path + "/model")
        let items: [(id: String, title: String, genres: String)] = [
            ("unknown", "unknown", ""), ("a-rare", "Rare Crime", #""Crime","Thriller""#),
            ("heat", "Heat", #""Crime","Thriller""#), ("b-near", "Near Heat", #""Crime","Thriller""#),
            ("m-middle", "Middle Crime", #""Crime","Thriller""#), ("x-popular", "Popular Crime", #""Crime","Thriller""#),
            ("h-comedy", "Big Laughs", #""Comedy""#),
        ]
        _ = dir.write("data/items.jsonl", items.map { #"{"id":"\#($0.id)","title":"\#($0.title)","year":1995,"genres":[\#($0.genres)]}"# }
            .joined(separator: "\n") + "\n")
        // Heat is watched with b-near only; the other crime thrillers by other users, x-popular the most.
        var rows = ["user,item,timestamp,value"], time = 1_000
        func watch(_ users: ClosedRange<Int>, _ item: String) {
            for user in users { time += 1; rows.append("u\(user),\(item),\(time),4") }
        }
        watch(1...3, "heat"); watch(1...3, "b-near")
        watch(4...11, "x-popular"); watch(4...9, "m-middle"); watch(12...12, "a-rare")
        watch(4...11, "h-comedy"); watch(10...13, "unknown")
        _ = dir.write("data/interactions.csv", rows.joined(separator: "\n") + "\n")
        let result = try await CLIRunner.run(
            ["recommend", "--data", dir.path + "/data", "--state", dir.path + "/state", "--embedding-model-dir", dir.path + "/model",
             "--text", "a crime thriller like heat", "-k", "5"])
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("read as: like Heat (1995)"), "a likeness, as the chat reads \"something like Heat\": \(out)")
        let listed = out.split(separator: "\n").filter { $0.contains("[") }.compactMap { line in
            line.range(of: #"\[[^,]+"#, options: .regularExpression).map { String(line[$0].dropFirst()) }
        }
        #expect(listed == ["b-near", "x-popular", "m-middle", "a-rare"], "\(out)")
        #expect(out.contains("Only 1 film near what you named fits; the rest fit the filters, most watched first."), "\(out)")

        // A user's history names nothing and sets no filter: the note says what the list is.
        let user = try await CLIRunner.run(
            ["recommend", "--data", dir.path + "/data", "--state", dir.path + "/state", "--user", "u1", "--model", "itemknn", "-k", "5"])
        #expect(user.status == 0, "\(user.standardError)")
        #expect(user.standardOutput.contains("near this history; the rest are the most watched."), "\(user.standardOutput)")
        #expect(!user.standardOutput.contains("what you named") && !user.standardOutput.contains("filters"), "\(user.standardOutput)")
    }
}
