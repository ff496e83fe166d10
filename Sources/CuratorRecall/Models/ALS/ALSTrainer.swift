import CBLAS
import CuratorCore

/// The state of an ALS fit between iterations: exposed so tests can watch the loss fall and
/// the CLI can report it.
public struct ALSTrainer: Sendable {
    public let configuration: ALSModel.Configuration
    public private(set) var factors: FactorMatrices
    let userItems: CSRMatrix
    let itemUsers: CSRMatrix

    /// Starts from seeded factors uniform in [0, 0.01), as implicit does.
    public init(data: TrainingData, configuration: ALSModel.Configuration) {
        self.configuration = configuration
        userItems = data.userItems
        itemUsers = data.userItems.transposed()
        let f = configuration.factors
        factors = FactorMatrices(
            width: f, userCount: data.userCount, itemCount: data.itemCount,
            users: FactorMatrices.random(rows: data.userCount, width: f, low: 0, high: 0.01, seed: configuration.seed),
            items: FactorMatrices.random(rows: data.itemCount, width: f, low: 0, high: 0.01, seed: configuration.seed &+ 1))
    }

    /// One iteration: all user vectors, then all item vectors.
    public mutating func iterate() {
        Self.solve(rows: userItems, solved: &factors.users, fixed: factors.items, fixedCount: factors.itemCount,
                   configuration: configuration)
        Self.solve(rows: itemUsers, solved: &factors.items, fixed: factors.users, fixedCount: factors.userCount,
                   configuration: configuration)
    }

    /// The weighted squared error plus the regularisation:
    /// `Σ_ui c_ui (p_ui − x_u·y_i)² + λ (‖X‖² + ‖Y‖²)`, the objective every half-step lowers
    /// (in the spark formulation each row's squared norm is weighted by its interaction count).
    public func loss() -> Double {
        let f = factors.width, alpha = configuration.alpha
        let gram = FactorMatrices.gram(factors.items, rows: factors.itemCount, width: f)
        var total = 0.0
        var projected = [Float](repeating: 0, count: f)
        factors.users.withUnsafeBufferPointer { x in
            factors.items.withUnsafeBufferPointer { y in
                for u in 0..<factors.userCount {
                    let xu = x.baseAddress! + u * f
                    projected.withUnsafeMutableBufferPointer { p in
                        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(f), Int32(f), 1, gram, Int32(f), xu, 1, 0, p.baseAddress, 1)
                        total += Double(VectorMath.dot(xu, p.baseAddress!, f))
                    }
                    for k in userItems.rowStarts[u]..<userItems.rowStarts[u + 1] {
                        let s = Double(VectorMath.dot(xu, y.baseAddress! + Int(userItems.columns[k]) * f, f))
                        let c = 1 + Double(alpha * userItems.values[k])
                        total += c * (1 - s) * (1 - s) - s * s
                    }
                }
                total += Double(configuration.regularization)
                    * (Self.weightedNorm(x, rows: userItems, width: f, formulation: configuration.formulation)
                        + Self.weightedNorm(y, rows: itemUsers, width: f, formulation: configuration.formulation))
            }
        }
        return total
    }

    /// `Σ_r w_r ‖m_r‖²` with `w_r` = 1 (curator) or row r's interaction count (spark).
    static func weightedNorm(_ m: UnsafeBufferPointer<Float>, rows: CSRMatrix, width: Int, formulation: ALSModel.Formulation) -> Double {
        guard formulation == .spark else { return Double(cblas_sdot(Int32(m.count), m.baseAddress, 1, m.baseAddress, 1)) }
        var total = 0.0
        for r in 0..<rows.rowCount {
            let row = m.baseAddress! + r * width
            total += Double(rows.rowStarts[r + 1] - rows.rowStarts[r]) * Double(VectorMath.dot(row, row, width))
        }
        return total
    }

    /// Updates every row of `solved` by conjugate gradient on
    /// `(FᵀF + λ_r I + Σ (c−1) f fᵀ) x = Σ c f`, starting from its current value; `λ_r` is λ
    /// (curator formulation) or λ times the row's interaction count (spark).
    static func solve(rows: CSRMatrix, solved: inout [Float], fixed: [Float], fixedCount: Int,
                      configuration: ALSModel.Configuration) {
        let f = configuration.factors, alpha = configuration.alpha, steps = configuration.conjugateGradientSteps
        let scaled = configuration.formulation == .spark, lambda = configuration.regularization
        let gram = FactorMatrices.gram(fixed, rows: fixedCount, width: f, ridge: scaled ? 0 : lambda)
        let workers = Parallel.threadCount
        var scratch = [Float](repeating: 0, count: workers * 3 * f)
        solved.withUnsafeMutableBufferPointer { x in
            fixed.withUnsafeBufferPointer { y in
                gram.withUnsafeBufferPointer { gram in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        let x = DisjointWrites(x), scratch = DisjointWrites(scratch)
                        let y = SharedReads(y), gram = SharedReads(gram)
                        Parallel.forEachChunk(rows.rowCount, minimumChunk: 64) { range, worker in
                            let r = scratch.base + worker * 3 * f, p = r + f, ap = p + f
                            rows.columns.withUnsafeBufferPointer { columns in
                                rows.values.withUnsafeBufferPointer { values in
                                    for u in range {
                                        let xu = x.base + u * f
                                        let entries = rows.rowStarts[u]..<rows.rowStarts[u + 1]
                                        let rowRidge = scaled ? lambda * Float(entries.count) : 0
                                        // r = b − A x
                                        for row in 0..<f { r[row] = -cblas_sdot(Int32(f), gram.base + row * f, 1, xu, 1) - rowRidge * xu[row] }
                                        for k in entries {
                                            let yi = y.base + Int(columns[k]) * f
                                            let c = 1 + alpha * values[k]
                                            cblas_saxpy(Int32(f), c - (c - 1) * cblas_sdot(Int32(f), yi, 1, xu, 1), yi, 1, r, 1)
                                        }
                                        p.update(from: r, count: f)
                                        var rsOld = VectorMath.dot(r, r, f)
                                        guard rsOld >= 1e-20 else { continue }
                                        for _ in 0..<steps {
                                            for row in 0..<f { ap[row] = cblas_sdot(Int32(f), gram.base + row * f, 1, p, 1) + rowRidge * p[row] }
                                            for k in entries {
                                                let yi = y.base + Int(columns[k]) * f
                                                let c = 1 + alpha * values[k]
                                                cblas_saxpy(Int32(f), (c - 1) * cblas_sdot(Int32(f), yi, 1, p, 1), yi, 1, ap, 1)
                                            }
                                            let step = rsOld / VectorMath.dot(p, ap, f)
                                            VectorMath.axpy(step, p, xu, f)
                                            VectorMath.axpy(-step, ap, r, f)
                                            let rsNew = VectorMath.dot(r, r, f)
                                            if rsNew < 1e-20 { break }
                                            let beta = rsNew / rsOld
                                            for j in 0..<f { p[j] = r[j] + beta * p[j] }
                                            rsOld = rsNew
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
