import Foundation

/// A horizontal bar chart of each cell's NDCG@10 uplift over recall-only, with its interval,
/// as SVG written by hand: one `rect class="uplift"` and one `line class="interval"` per cell.
public struct UpliftChart: Sendable {
    public var cells: [CellSummary]
    public var confidence: Double

    public init(cells: [CellSummary], confidence: Double) {
        self.cells = cells
        self.confidence = confidence
    }

    static let labelWidth = 300.0, plotWidth = 420.0, rowHeight = 26.0, top = 44.0, bottom = 36.0

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let lows = cells.map { min($0.uplift.low, $0.uplift.mean) }, highs = cells.map { max($0.uplift.high, $0.uplift.mean) }
        var low = min(0, lows.min() ?? 0), high = max(0, highs.max() ?? 0)
        if high - low < 1e-9 { low -= 0.05; high += 0.05 }
        let pad = (high - low) * 0.05
        low -= pad
        high += pad
        func x(_ value: Double) -> Double { Self.labelWidth + (value - low) / (high - low) * Self.plotWidth }
        let width = Self.labelWidth + Self.plotWidth + 20, height = Self.top + Double(cells.count) * Self.rowHeight + Self.bottom
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="sans-serif" font-size="12">
        <title>NDCG@10 uplift over recall-only, \(Int((confidence * 100).rounded()))% paired bootstrap intervals</title>
        <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="white"/>
        <text x="\(f(width / 2))" y="20" text-anchor="middle" font-weight="bold">NDCG@10 uplift over recall-only (\(Int((confidence * 100).rounded()))% CI)</text>

        """
        let plotBottom = Self.top + Double(cells.count) * Self.rowHeight
        out += "<line class=\"zero\" x1=\"\(f(x(0)))\" y1=\"\(f(Self.top - 6))\" x2=\"\(f(x(0)))\" y2=\"\(f(plotBottom))\" stroke=\"#444\"/>\n"
        for (row, cell) in cells.enumerated() {
            let y = Self.top + Double(row) * Self.rowHeight
            let middle = y + Self.rowHeight / 2
            let start = min(x(0), x(cell.uplift.mean)), end = max(x(0), x(cell.uplift.mean))
            let color = cell.uplift.low > 0 ? "#2a7d3f" : cell.uplift.high < 0 ? "#b03a2e" : "#7f8c8d"
            out += "<text x=\"\(f(Self.labelWidth - 8))\" y=\"\(f(middle + 4))\" text-anchor=\"end\">\(escape(cell.cell.label)) (n=\(cell.users))</text>\n"
            out += "<rect class=\"uplift\" x=\"\(f(start))\" y=\"\(f(y + 5))\" width=\"\(f(max(end - start, 0.5)))\" height=\"\(f(Self.rowHeight - 10))\" fill=\"\(color)\" fill-opacity=\"0.6\"><title>\(escape(cell.cell.label)): \(String(format: "%+.4f [%+.4f, %+.4f]", cell.uplift.mean, cell.uplift.low, cell.uplift.high))</title></rect>\n"
            out += "<line class=\"interval\" x1=\"\(f(x(cell.uplift.low)))\" y1=\"\(f(middle))\" x2=\"\(f(x(cell.uplift.high)))\" y2=\"\(f(middle))\" stroke=\"black\" stroke-width=\"1.5\"/>\n"
            for end in [cell.uplift.low, cell.uplift.high] {
                out += "<line class=\"cap\" x1=\"\(f(x(end)))\" y1=\"\(f(middle - 5))\" x2=\"\(f(x(end)))\" y2=\"\(f(middle + 5))\" stroke=\"black\"/>\n"
            }
        }
        for tick in [low + pad, 0, high - pad] where tick == 0 || abs(tick) > 1e-9 {
            out += "<text x=\"\(f(x(tick)))\" y=\"\(f(plotBottom + 18))\" text-anchor=\"middle\">\(String(format: "%+.3f", tick))</text>\n"
        }
        return out + "</svg>\n"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
