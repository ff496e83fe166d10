/// A compressed sparse row matrix of `Float`, the shape every collaborative model reads:
/// row `r` holds columns `columns[rowStarts[r]..<rowStarts[r + 1]]`, sorted ascending.
public struct CSRMatrix: Sendable, Equatable {
    public let rowCount: Int
    public let columnCount: Int
    public var rowStarts: [Int]
    public var columns: [Int32]
    public var values: [Float]

    public init(rowCount: Int, columnCount: Int, rowStarts: [Int], columns: [Int32], values: [Float]) {
        precondition(rowStarts.count == rowCount + 1 && columns.count == values.count)
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
    }

    /// Builds a matrix from (row, column, value) triples; repeated cells are summed.
    public init(rowCount: Int, columnCount: Int, rows: [Int32], cols: [Int32], vals: [Float]) {
        precondition(rows.count == cols.count && cols.count == vals.count)
        var counts = [Int](repeating: 0, count: rowCount + 1)
        for r in rows { counts[Int(r) + 1] += 1 }
        for r in 0..<rowCount { counts[r + 1] += counts[r] }
        var next = counts
        var columns = [Int32](repeating: 0, count: rows.count)
        var values = [Float](repeating: 0, count: rows.count)
        for e in rows.indices {
            let slot = next[Int(rows[e])]
            columns[slot] = cols[e]
            values[slot] = vals[e]
            next[Int(rows[e])] += 1
        }
        // Sort each row by column and merge repeats.
        var starts = [Int](repeating: 0, count: rowCount + 1)
        var write = 0
        for r in 0..<rowCount {
            let lo = counts[r], hi = counts[r + 1]
            let sorted = (lo..<hi).sorted { columns[$0] < columns[$1] }
            let rowColumns = sorted.map { columns[$0] }, rowValues = sorted.map { values[$0] }
            starts[r] = write
            for k in rowColumns.indices {
                if write > starts[r] && columns[write - 1] == rowColumns[k] {
                    values[write - 1] += rowValues[k]
                } else {
                    columns[write] = rowColumns[k]
                    values[write] = rowValues[k]
                    write += 1
                }
            }
        }
        starts[rowCount] = write
        columns.removeSubrange(write...)
        values.removeSubrange(write...)
        self.init(rowCount: rowCount, columnCount: columnCount, rowStarts: starts, columns: columns, values: values)
    }

    public var nonZeroCount: Int { columns.count }

    /// The column indices of row `r`.
    public func columns(ofRow r: Int) -> ArraySlice<Int32> { columns[rowStarts[r]..<rowStarts[r + 1]] }

    /// The values of row `r`, aligned with `columns(ofRow:)`.
    public func values(ofRow r: Int) -> ArraySlice<Float> { values[rowStarts[r]..<rowStarts[r + 1]] }

    /// The transpose, also in CSR form (so the CSC view of this matrix).
    public func transposed() -> CSRMatrix {
        var counts = [Int](repeating: 0, count: columnCount + 1)
        for c in columns { counts[Int(c) + 1] += 1 }
        for c in 0..<columnCount { counts[c + 1] += counts[c] }
        var next = counts
        var tColumns = [Int32](repeating: 0, count: nonZeroCount)
        var tValues = [Float](repeating: 0, count: nonZeroCount)
        for r in 0..<rowCount {
            for k in rowStarts[r]..<rowStarts[r + 1] {
                let c = Int(columns[k])
                tColumns[next[c]] = Int32(r)
                tValues[next[c]] = values[k]
                next[c] += 1
            }
        }
        return CSRMatrix(rowCount: columnCount, columnCount: rowCount, rowStarts: counts, columns: tColumns, values: tValues)
    }
}
