import CuratorLab
import CuratorLLMStage
import CuratorTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Reports: CSV and the SVG chart")
struct ReportTests {
    static func report(cells: Int) -> LabReport {
        var grid = LabGrid(endpoints: [LabEndpoint(name: "local", url: URL(string: "http://127.0.0.1:1")!)])
        grid.pricePerMillionPrompt = 2
        let strategies: [RerankStrategy] = [.verbalizer, .listwise, .bootstrap]
        let results = (0..<cells).map { c in
            let cell = LabCell(variant: c < 3 ? "default" : "terse", endpoint: "local", strategy: strategies[c % 3], candidates: 10)
            let users = (0..<6).map { u in
                UserResult(cell: cell.label, user: u, ndcg10: Double((u + c) % 3) / 3, hitRate10: 1, reciprocalRank: 0.5,
                           recallNDCG10: Double(u % 2) / 4, recallHitRate10: 1, recallReciprocalRank: 0.25,
                           validOutput: u != 0, fellBack: false, firstShownPickedFirst: u.isMultiple(of: 2),
                           promptTokens: 1000, completionTokens: 1, requests: 1, latencySeconds: Double(u),
                           cachedPasses: 0, freshPasses: 1)
            }
            return CellResults(cell: cell, key: cell.label, results: users)
        }
        return LabReport(dataset: "fixture", grid: grid, results: results, wallSeconds: 1)
    }

    /// Counts the elements of each `class` in an SVG document, failing on malformed XML.
    final class ClassCounter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var root: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if root == nil { root = name }
            if let kind = attributes["class"] { counts["\(name).\(kind)", default: 0] += 1 }
        }
    }

    @Test(arguments: [1, 6])
    func theChartIsWellFormedWithOneBarAndIntervalPerCell(cells: Int) throws {
        let folder = TemporaryDirectory()
        let written = try Self.report(cells: cells).write(to: folder.path)
        let svg = try #require(written.first { $0.hasSuffix("uplift.svg") })
        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: svg)))
        let counter = ClassCounter()
        parser.delegate = counter
        #expect(parser.parse(), "well-formed: \(String(describing: parser.parserError))")
        #expect(counter.root == "svg")
        #expect(counter.counts["rect.uplift"] == cells)
        #expect(counter.counts["line.interval"] == cells)
    }

    @Test func csvHasAHeaderAndALinePerCellWithMatchingColumns() throws {
        let report = Self.report(cells: 6)
        let lines = report.csv().split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == LabReport.csvColumns.count })
        let cell = report.cells[0]
        // 6 users × 1000 prompt tokens at 2 per million.
        #expect(abs(cell.cost - 0.012) < 1e-12)
        #expect(abs(cell.validOutputRate - 5.0 / 6) < 1e-12)
        #expect(cell.firstShownPickedFirstRate == 0.5)
        let json = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any]
        #expect((json?["cells"] as? [Any])?.count == 6)
    }
}
