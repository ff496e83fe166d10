import CuratorChat
import CuratorCore
import Foundation
import Testing

/// The linker on a real catalog, with phrasings written here (not the reader's word lists):
/// mention precision and recall, feeling accuracy and per-turn time. It runs only when
/// `CURATOR_LINKER_DATA` names a dataset folder (MovieLens 100K, say), prints its figures,
/// and asserts nothing about time (the machine is shared).
@Suite("Linker on real data", .enabled(if: ProcessInfo.processInfo.environment["CURATOR_LINKER_DATA"] != nil))
struct LinkerOnRealDataTests {
    /// How a person might type `title`: lower case, the article moved back or dropped, the
    /// part before a bracket or colon, sometimes one slip of the keys.
    static func typed(_ title: String, _ random: inout SeededGenerator) -> String {
        var name = title
        if let open = name.range(of: " (") { name = String(name[..<open.lowerBound]) }
        for article in ["The", "A", "An"] where name.hasSuffix(", \(article)") {
            name = String(name.dropLast(article.count + 2))
            if Double.random(in: 0..<1, using: &random) < 0.6 { name = article + " " + name }
        }
        if name.contains(":"), Double.random(in: 0..<1, using: &random) < 0.3 { name = String(name[..<name.firstIndex(of: ":")!]) }
        name = name.lowercased()
        if Double.random(in: 0..<1, using: &random) < 0.5 { name = name.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: ",", with: "") }
        if Double.random(in: 0..<1, using: &random) < 0.1 {
            var words = name.split(separator: " ").map(String.init)
            if let long = words.indices.filter({ words[$0].count >= 7 }).randomElement(using: &random) {
                var letters = Array(words[long])
                let at = Int.random(in: 2..<(letters.count - 2), using: &random)
                letters.swapAt(at, at + 1)
                words[long] = String(letters)
                name = words.joined(separator: " ")
            }
        }
        return name
    }

    static let liking = [
        "I loved %@", "%@ was great", "i really enjoyed %@", "have you seen %@? one of my favourites", "something like %@",
        "my favourite film is %@", "%@ is a masterpiece", "we watched %@ last weekend and loved it", "big fan of %@",
        "%@ was so much fun", "I adored %@ as a kid",
    ]
    static let disliking = [
        "%@ bored me", "%@ was too long", "I hated %@", "honestly %@ was a letdown", "I didn't like %@",
        "couldn't get into %@", "%@ was awful", "not a fan of %@",
    ]

    struct Figures {
        var linked = 0, correct = 0, targets = 0, found = 0, ambiguous = 0, feelingsRight = 0
        var misses: [String] = [], wrong: [String] = []
        var seconds: [Double] = []
    }

    @Test func mentionsOnTheRealCatalog() throws {
        let path = ProcessInfo.processInfo.environment["CURATOR_LINKER_DATA"]!
        let dataset = try DatasetLoader.load(path: path).dataset
        let counts = dataset.itemInteractionCounts().map { Float($0) }
        let clock = ContinuousClock()
        let built = clock.now
        let interpreter = RuleInterpreter(catalog: dataset.catalog, popularity: counts)
        print("index built in \((clock.now - built))")
        var random = SeededGenerator(seed: 7)
        var figures = Figures()
        // Films people have heard of: weighted toward popular ones, as users name them.
        let pool = dataset.catalog.indices.filter { counts[$0] >= 20 }
        for _ in 0..<1500 {
            let count = Int.random(in: 1...2, using: &random)
            let picked = (0..<count).map { _ in pool.randomElement(using: &random)! }
            guard Set(picked).count == count, Set(picked.map { dataset.catalog[$0].title }).count == count else { continue }
            let disliked = picked.map { _ in Double.random(in: 0..<1, using: &random) < 0.3 }
            let parts = zip(picked, disliked).map { item, dislike in
                let pattern = (dislike ? Self.disliking : Self.liking).randomElement(using: &random)!
                return pattern.replacingOccurrences(of: "%@", with: Self.typed(dataset.catalog[item].title, &random))
            }
            let text = parts.joined(separator: Bool.random(using: &random) ? ", and " : ". ")
            let start = clock.now
            let reading = interpreter.interpret(text)
            figures.seconds.append((clock.now - start).seconds)
            figures.targets += picked.count
            figures.linked += reading.mentions.count
            // The same film listed twice in the catalog is one film.
            let same = { (a: Int32, b: Int) in dataset.catalog[Int(a)].displayTitle == dataset.catalog[b].displayTitle }
            for mention in reading.mentions {
                if mention.items.count > 1, picked.contains(where: { target in mention.items.contains { same($0, target) } }) {
                    figures.ambiguous += 1  // a question back, not a wrong link
                    figures.linked -= 1
                    continue
                }
                if let index = picked.firstIndex(where: { target in mention.items.count == 1 && same(mention.items[0], target) }) {
                    figures.correct += 1
                    if mention.feeling == (disliked[index] ? .disliked : .liked) { figures.feelingsRight += 1 }
                    else { figures.wrong.append("feeling \(mention.feeling) ← \(text)") }
                } else {
                    figures.wrong.append("\(mention.items.map { dataset.catalog[Int($0)].displayTitle }) ← \(text)")
                }
            }
            for item in picked where !reading.mentions.contains(where: { $0.items.count == 1 && same($0.items[0], item) }) {
                figures.misses.append("\(dataset.catalog[item].displayTitle) ← \(text)")
            }
        }
        let sorted = figures.seconds.sorted()
        print(String(format: "sentences %d, mentions %d: precision %.4f recall %.4f feeling accuracy %.4f, asked back %d; per turn p50 %.2f ms p95 %.2f ms",
                     figures.seconds.count, figures.targets, Double(figures.correct) / Double(max(1, figures.linked)),
                     Double(figures.correct) / Double(figures.targets), Double(figures.feelingsRight) / Double(max(1, figures.correct)),
                     figures.ambiguous, sorted[sorted.count / 2] * 1000, sorted[sorted.count * 95 / 100] * 1000))
        for line in figures.wrong.prefix(80) { print("WRONG  \(line)") }
        for line in figures.misses.prefix(80) { print("MISSED \(line)") }
    }

    @Test func aSixtyThousandTitleCatalog() throws {
        let path = ProcessInfo.processInfo.environment["CURATOR_LINKER_DATA"]!
        let dataset = try DatasetLoader.load(path: path).dataset
        // Real titles, and 60k more made of their words, with shared and inverted names.
        let words = Array(Set(dataset.catalog.flatMap { $0.title.split(separator: " ").map(String.init) })).sorted()
        var random = SeededGenerator(seed: 3)
        var catalog = dataset.catalog
        for index in 0..<60_000 {
            let title = (0..<Int.random(in: 1...5, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            catalog.append(Item(id: "synthetic\(index)", title: index % 7 == 0 ? title + ", The" : title, year: Int.random(in: 1920...2020, using: &random)))
        }
        let clock = ContinuousClock()
        let built = clock.now
        let interpreter = RuleInterpreter(catalog: catalog, popularity: catalog.indices.map { _ in Float.random(in: 0..<500, using: &random) })
        let buildTime = clock.now - built
        var seconds: [Double] = []
        for _ in 0..<300 {
            let a = dataset.catalog.randomElement(using: &random)!.title.lowercased(), b = words.randomElement(using: &random)!.lowercased()
            let start = clock.now
            _ = interpreter.interpret("I loved \(a) and \(b) bored me, something from the 80s but not horror")
            seconds.append((clock.now - start).seconds)
        }
        seconds.sort()
        print(String(format: "%d titles: index built in %@, per turn p50 %.2f ms p95 %.2f ms", catalog.count, "\(buildTime)",
                     seconds[seconds.count / 2] * 1000, seconds[seconds.count * 95 / 100] * 1000))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
