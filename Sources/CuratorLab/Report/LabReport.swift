import Foundation

/// A run's report: the grid, the figures of every cell, and their exports (JSON, CSV, SVG).
public struct LabReport: Sendable, Codable {
    public var dataset: String
    public var grid: LabGrid
    public var cells: [CellSummary]
    /// Wall time of the run that produced the report.
    public var wallSeconds: Double

    public init(dataset: String, grid: LabGrid, results: [CellResults], wallSeconds: Double) {
        self.dataset = dataset
        self.grid = grid
        self.cells = results.map { CellSummary($0, grid: grid) }
        self.wallSeconds = wallSeconds
    }

    /// The report as pretty JSON (snake_case keys).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The CSV columns, in order.
    public static let csvColumns = [
        "variant", "template", "endpoint", "strategy", "candidates", "users", "ndcg10", "hr10", "mrr",
        "recall_ndcg10", "recall_hr10", "recall_mrr", "uplift_ndcg10", "uplift_low", "uplift_high",
        "valid_rate", "fallback_rate", "first_shown_first_rate", "shuffled_first_shown_first_rate", "shuffled_ndcg10",
        "prompt_tokens_per_user", "completion_tokens_per_user", "latency_p50_s", "latency_p95_s", "cost",
    ]

    /// One header line, then a line per cell.
    public func csv() -> String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.6g", $0) } ?? "" }
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [Self.csvColumns.joined(separator: ",")]
        for c in cells {
            let fields = [field(c.cell.variant), field(c.template), field(c.cell.endpoint), c.cell.strategy.rawValue, "\(c.cell.candidates)", "\(c.users)"]
                + [c.ndcg10, c.hitRate10, c.mrr, c.recallNDCG10, c.recallHitRate10, c.recallMRR,
                   c.uplift.mean, c.uplift.low, c.uplift.high, c.validOutputRate, c.fallBackRate].map(number)
                + [c.firstShownPickedFirstRate, c.shuffledFirstShownPickedFirstRate, c.shuffledNDCG10].map(number)
                + [c.promptTokensPerUser, c.completionTokensPerUser, c.latencyP50Seconds, c.latencyP95Seconds, c.cost].map(number)
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `report.json`, `report.csv` and `uplift.svg` into `folder`.
    /// - Returns: the paths written.
    /// - Throws: `LabError.file`.
    @discardableResult
    public func write(to folder: String) throws(LabError) -> [String] {
        let files = [("report.json", json()), ("report.csv", csv()), ("uplift.svg", UpliftChart(cells: cells, confidence: grid.confidence).svg())]
        var written: [String] = []
        for (name, text) in files {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw .file(path: path, message: "cannot write: \(error)")
            }
            written.append(path)
        }
        return written
    }
}
