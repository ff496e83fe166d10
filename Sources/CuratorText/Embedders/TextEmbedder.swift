/// Turns texts into unit-length vectors whose dot products measure how alike the texts are.
public protocol TextEmbedder: Sendable {
    /// A short name that identifies the model (it keys embedding caches).
    var name: String { get }
    /// Floats per embedding.
    var dimension: Int { get }

    /// Embeds `texts`.
    /// - Returns: `texts.count × dimension` floats, row-major, each row of unit length.
    /// - Throws: when the model or endpoint fails.
    func embed(_ texts: [String]) async throws -> [Float]
}

/// Rows of `matrix` (`rows × width`) scaled to unit length (zero rows stay zero).
public func normalizedRows(_ matrix: [Float], width: Int) -> [Float] {
    var out = matrix
    guard width > 0 else { return out }
    for start in stride(from: 0, to: out.count, by: width) {
        var norm: Float = 0
        for j in start..<(start + width) { norm += out[j] * out[j] }
        guard norm > 0 else { continue }
        let scale = 1 / norm.squareRoot()
        for j in start..<(start + width) { out[j] *= scale }
    }
    return out
}
