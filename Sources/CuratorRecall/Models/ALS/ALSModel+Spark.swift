import CBLAS
import CuratorCore

extension ALSModel {
    /// Spark MLlib's implicit update for one history, in double precision as MLlib solves it
    /// (`NormalEquation` and `CholeskySolver` in `ALS.scala`): with r the history's weights,
    /// `(YᵀY + Σ α|r| y yᵀ + λ·n·I) x = Σ_{r>0} (1 + α r) y`, n the count of r > 0.
    func foldInAsSpark(_ context: UserContext) -> [Float] {
        let f = factors.width
        let alpha = Double(configuration.alpha)
        var a = itemGramDouble
        var b = [Double](repeating: 0, count: f)
        var row = [Double](repeating: 0, count: f)
        var positives = 0
        factors.items.withUnsafeBufferPointer { y in
            for (position, item) in context.history.enumerated() where item >= 0 && Int(item) < factors.itemCount {
                let r = Double(context.weight(at: position))
                let c1 = alpha * abs(r)
                for k in 0..<f { row[k] = Double(y[Int(item) * f + k]) }
                cblas_dsyr(CblasRowMajor, CblasUpper, Int32(f), c1, row, 1, &a, Int32(f))
                if r > 0 {
                    positives += 1
                    cblas_daxpy(Int32(f), 1 + c1, row, 1, &b, 1)
                }
            }
        }
        let ridge = Double(configuration.regularization) * Double(positives)
        for k in 0..<f { a[k * f + k] += ridge }
        // Row-major upper is column-major lower.
        let info = a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { curator_dposv(UInt8(ascii: "L").asCChar, Int32(f), a.baseAddress, Int32(f), $0.baseAddress) }
        }
        return info == 0 ? b.map { Float($0) } : [Float](repeating: 0, count: f)
    }
}

extension FactorMatrices {
    /// `MᵀM` in double precision (both triangles filled), as Spark accumulates `YᵀY`.
    static func gramDouble(_ matrix: [Float], rows: Int, width: Int) -> [Double] {
        var gram = [Double](repeating: 0, count: width * width)
        guard rows > 0 else { return gram }
        let wide = matrix.map { Double($0) }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(width), Int32(rows), 1,
                    wide, Int32(width), 0, &gram, Int32(width))
        for r in 0..<width {
            for c in 0..<r { gram[r * width + c] = gram[c * width + r] }
        }
        return gram
    }
}
