import CuratorChat
import CuratorCore
@testable import CuratorServer
import Foundation
import NIOCore
import Testing

/// The hand-written JSON of the hot responses, byte for byte against JSONEncoder (the oracle).
@Suite("JSON writer")
struct JSONWriterTests {
    static let awkward = ["Heat", "Amélie (2001)", "Say \"hi\"", #"back\slash"#, "a/b", "tab\there", "line\nbreak", "\u{01}\u{1f}\u{7f}", "😀 emoji", ""]

    @Test(arguments: [1, 2, 3, 4, 5])
    func recommendationsAreWrittenAsJSONEncoderWritesThem(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let pick = { (random: inout SeededGenerator) in Self.awkward.randomElement(using: &random)! }
        let scores: [Float] = [0, 1, -1, 12.956612, 0.1, 1e-7, 3e12, 0.33333334, -2.5, 100]
        let items = (0..<Int.random(in: 0...12, using: &random)).map { i in
            RecommendedItem(
                id: "\(i)" + pick(&random), title: pick(&random), displayTitle: pick(&random), year: Bool.random(using: &random) ? Int.random(in: 1900...2030, using: &random) : nil,
                genres: (0..<Int.random(in: 0...3, using: &random)).map { _ in pick(&random) },
                score: scores.randomElement(using: &random)!, recallRank: Int.random(in: 1...5000, using: &random), reason: "Because you liked " + pick(&random))
        }
        let recommendation = Recommendation(recommendationID: UUID().uuidString.lowercased(), model: pick(&random), modelVersion: "itemknn-36da3a27", items: items)
        var writer = JSONWriter()
        recommendation.write(to: &writer)
        let written = String(decoding: writer.bytes, as: UTF8.self)
        let expected = String(decoding: try JSONBody.encoder.encode(recommendation), as: UTF8.self)
        #expect(written == expected)
    }

    /// A turn's whole reply, with every optional present or absent, nested lists empty or not.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func turnsAreWrittenAsJSONEncoderWritesThem(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let pick = { (random: inout SeededGenerator) in Self.awkward.randomElement(using: &random)! }
        let some = { (random: inout SeededGenerator) in Bool.random(using: &random) }
        let words = { (random: inout SeededGenerator) in (0..<Int.random(in: 0...3, using: &random)).map { _ in pick(&random) } }
        let seconds: [Double] = [0, 1, 0.000827358, 1e-05, 2.5, 12.000001, 3e-9, 0.1]
        let time = { (random: inout SeededGenerator) in seconds.randomElement(using: &random)! }
        let constraints = { (random: inout SeededGenerator) in
            var c = Constraints()
            c.includeGenres = Set(words(&random))
            c.heldGenres = (0..<Int.random(in: 0...2, using: &random)).map { _ in Set(words(&random)) }.filter { !$0.isEmpty }
            c.excludeGenres = Set(words(&random))
            c.minYear = some(&random) ? Int.random(in: 1900...2000, using: &random) : nil
            c.maxYear = some(&random) ? Int.random(in: 2000...2030, using: &random) : nil
            c.excludedYears = some(&random) ? [1980...1989, 1995...1995] : []
            c.wishes = words(&random)
            return c
        }
        var timings = Conversation.Timings()
        timings.firstItemSeconds = some(&random) ? time(&random) : nil
        timings.totalSeconds = time(&random)
        timings.understandingSeconds = time(&random)
        timings.readingSeconds = some(&random) ? time(&random) : nil
        timings.wordsSeconds = some(&random) ? time(&random) : nil
        timings.recallSeconds = time(&random)
        timings.rerankSeconds = some(&random) ? time(&random) : nil
        timings.explanationSeconds = some(&random) ? time(&random) : nil
        timings.promptTokens = Int.random(in: 0...900, using: &random)
        timings.completionTokens = Int.random(in: 0...900, using: &random)
        let scores: [Float] = [0, 1, -1, 12.956612, 0.1, 1e-7, 0.33333334]
        let items = (0..<Int.random(in: 0...6, using: &random)).map { i in
            SessionBodies.Item(position: i + 1, id: "\(i)" + pick(&random), title: pick(&random), displayTitle: pick(&random),
                               year: some(&random) ? Int.random(in: 1900...2030, using: &random) : nil, genres: words(&random),
                               score: scores.randomElement(using: &random)!, reason: pick(&random))
        }
        let understood = some(&random) ? SessionBodies.Understood(
            message: pick(&random),
            mentions: (0..<Int.random(in: 0...2, using: &random)).map { _ in .init(text: pick(&random), feeling: "liked", stated: some(&random), itemIDs: words(&random)) },
            constraints: .init(constraints(&random)), inForce: .init(constraints(&random)), readByLLM: some(&random)) : nil
        let turn = SessionBodies.Turn(
            sessionID: UUID().uuidString.lowercased(), turn: Int.random(in: 1...40, using: &random), understood: understood, items: items,
            message: some(&random) ? pick(&random) : nil, followUp: some(&random) ? pick(&random) : nil, notes: words(&random),
            fallbacks: some(&random) ? [.init(step: .words, reason: pick(&random), message: pick(&random))] : [],
            timings: .init(timings), text: pick(&random))
        var writer = JSONWriter()
        turn.write(to: &writer)
        let written = String(decoding: writer.bytes, as: UTF8.self)
        let expected = String(decoding: try JSONBody.encoder.encode(turn), as: UTF8.self)
        #expect(written == expected)
        // The streamed events' bodies, as `JSONBody.json` writes them.
        let ranked = SessionBodies.Ranked(items: items)
        #expect(try JSONBody.json(ranked) == Array(try JSONBody.encoder.encode(ranked)))
        if let understood {
            #expect(try JSONBody.json(understood) == Array(try JSONBody.encoder.encode(understood)))
        }
        #expect(try JSONBody.json(turn.timings) == Array(try JSONBody.encoder.encode(turn.timings)))
    }
}
