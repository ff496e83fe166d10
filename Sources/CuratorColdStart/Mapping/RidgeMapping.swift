import CBLAS
import CuratorCore
import CuratorText

/// A linear map from text embeddings to another vector space (collaborative item factors),
/// fitted by ridge regression on warm items: `W = (XᵀX + λI)⁻¹ XᵀY`, with an intercept.
public struct RidgeMapping: Sendable, Equatable {
    public let inputWidth: Int
    public let outputWidth: Int
    /// `(inputWidth + 1) × outputWidth`, row-major; the last row is the intercept.
    public let weights: [Float]

    public init(inputWidth: Int, outputWidth: Int, weights: [Float]) {
        precondition(weights.count == (inputWidth + 1) * outputWidth, "weight shape")
        self.inputWidth = inputWidth
        self.outputWidth = outputWidth
        self.weights = weights
    }

    /// Fits the map from `inputs` (`rows × inputWidth`) to `targets` (`rows × outputWidth`).
    /// - Parameter ridge: λ, the L2 penalty (the intercept is penalised too, lightly).
    /// - Returns: `nil` when the system cannot be solved (no rows, or λ = 0 and singular).
    public static func fit(inputs: [Float], inputWidth: Int, targets: [Float], outputWidth: Int, ridge: Float) -> RidgeMapping? {
        let rows = inputs.count / inputWidth
        guard rows > 0, targets.count == rows * outputWidth else { return nil }
        let d = inputWidth + 1
        var x = [Float](repeating: 1, count: rows * d)
        for r in 0..<rows { for j in 0..<inputWidth { x[r * d + j] = inputs[r * inputWidth + j] } }
        var gram = [Float](repeating: 0, count: d * d)
        var rhs = [Float](repeating: 0, count: d * outputWidth)
        x.withUnsafeBufferPointer { x in
            gram.withUnsafeMutableBufferPointer { g in
                cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(rows), 1, x.baseAddress, Int32(d), 0, g.baseAddress, Int32(d))
            }
            targets.withUnsafeBufferPointer { y in
                rhs.withUnsafeMutableBufferPointer { b in
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d), Int32(outputWidth), Int32(rows), 1,
                                x.baseAddress, Int32(d), y.baseAddress, Int32(outputWidth), 0, b.baseAddress, Int32(outputWidth))
                }
            }
        }
        for j in 0..<d { gram[j * d + j] += ridge }
        // Row-major upper = column-major lower: Cholesky gives A = L Lᵀ with Lᵀ in our upper triangle.
        let info = gram.withUnsafeMutableBufferPointer { curator_spotrf(CChar(UInt8(ascii: "L")), Int32(d), $0.baseAddress, Int32(d)) }
        guard info == 0 else { return nil }
        gram.withUnsafeBufferPointer { u in
            rhs.withUnsafeMutableBufferPointer { b in
                // L Z = B, then Lᵀ W = Z (L = Uᵀ, U the row-major upper triangle).
                cblas_strsm(CblasRowMajor, CblasLeft, CblasUpper, CblasTrans, CblasNonUnit, Int32(d), Int32(outputWidth), 1,
                            u.baseAddress, Int32(d), b.baseAddress, Int32(outputWidth))
                cblas_strsm(CblasRowMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(d), Int32(outputWidth), 1,
                            u.baseAddress, Int32(d), b.baseAddress, Int32(outputWidth))
            }
        }
        return RidgeMapping(inputWidth: inputWidth, outputWidth: outputWidth, weights: rhs)
    }

    /// Maps `inputs` (`rows × inputWidth`) to `rows × outputWidth` with one sgemm.
    public func apply(_ inputs: [Float]) -> [Float] {
        let rows = inputs.count / inputWidth
        var out = [Float](repeating: 0, count: rows * outputWidth)
        guard rows > 0 else { return out }
        for r in 0..<rows { for k in 0..<outputWidth { out[r * outputWidth + k] = weights[inputWidth * outputWidth + k] } }
        inputs.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { y in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(outputWidth), Int32(inputWidth), 1,
                                x.baseAddress, Int32(inputWidth), w.baseAddress, Int32(outputWidth), 1, y.baseAddress, Int32(outputWidth))
                }
            }
        }
        return out
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(UInt64(inputWidth))
        writer.write(UInt64(outputWidth))
        writer.write(array: weights)
    }

    public init(decoding reader: inout BinaryReader) throws {
        let input = Int(try reader.read(UInt64.self)), output = Int(try reader.read(UInt64.self))
        let weights = try reader.readArray(of: Float.self)
        guard weights.count == (input + 1) * output else {
            throw TextError(.malformed("ridge weights: \(weights.count) floats for \(input) × \(output)"), location: "text mapping")
        }
        self.init(inputWidth: input, outputWidth: output, weights: weights)
    }
}
