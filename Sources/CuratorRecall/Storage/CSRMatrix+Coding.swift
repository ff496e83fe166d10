import CuratorCore

extension CSRMatrix {
    /// Writes a square sparse matrix (item × item) for a model file.
    func encodeSquare(into writer: inout BinaryWriter) {
        writer.write(UInt64(rowCount))
        writer.write(array: rowStarts.map { UInt64($0) })
        writer.write(array: columns)
        writer.write(array: values)
    }

    /// Reads what `encodeSquare(into:)` wrote, checking every index.
    /// - Throws: `ModelFileError` naming `kind` when the matrix is inconsistent.
    static func decodeSquare(from reader: inout BinaryReader, kind: String) throws -> CSRMatrix {
        let rows = Int(try reader.read(UInt64.self))
        let starts = try reader.readArray(of: UInt64.self).map { Int($0) }
        let columns = try reader.readArray(of: Int32.self)
        let values = try reader.readArray(of: Float.self)
        guard starts.count == rows + 1, starts.first == 0, starts.last == columns.count, columns.count == values.count,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }),
              columns.allSatisfy({ $0 >= 0 && Int($0) < rows })
        else { throw ModelFileError(.badPayload("inconsistent sparse matrix"), path: kind) }
        return CSRMatrix(rowCount: rows, columnCount: rows, rowStarts: starts, columns: columns, values: values)
    }
}
