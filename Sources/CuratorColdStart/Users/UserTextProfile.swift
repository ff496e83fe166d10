import CuratorText

/// A user's taste as one unit vector in text space.
public enum UserTextProfile {
    /// The normalised weighted mean of the history items' embeddings (zeros for no history).
    public static func vector(history: [Int32], weights: [Float]?, embeddings: ItemEmbeddings) -> [Float] {
        let d = embeddings.dimension
        var profile = [Float](repeating: 0, count: d)
        for (position, item) in history.enumerated() where Int(item) < embeddings.count {
            let w = weights?[position] ?? 1
            for j in 0..<d { profile[j] += w * embeddings.vectors[Int(item) * d + j] }
        }
        return normalizedRows(profile, width: d)
    }
}
