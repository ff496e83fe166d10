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
                id: "\(i)" + pick(&random), title: pick(&random), year: Bool.random(using: &random) ? Int.random(in: 1900...2030, using: &random) : nil,
                genres: (0..<Int.random(in: 0...3, using: &random)).map { _ in pick(&random) },
                score: scores.randomElement(using: &random)!, recallRank: Int.random(in: 1...5000, using: &random), reason: "Because you liked " + pick(&random))
        }
        let recommendation = Recommendation(recommendationID: UUID().uuidString.lowercased(), model: pick(&random), modelVersion: "itemknn-36da3a27", items: items)
        var writer = JSONWriter()
        recommendation.write(to: &writer)
        let written = String(buffer: writer.buffer)
        let expected = String(decoding: try JSONBody.encoder.encode(recommendation), as: UTF8.self)
        #expect(written == expected)
    }
}
