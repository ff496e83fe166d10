/// Which feedback types the service accepts and what each does to a user's next answer.
///
/// A type with a positive weight adds its item to the user's history with that weight (the
/// models fold any weighted history in); a negative weight marks the item as unwanted: it is
/// never recommended to that user again and stays out of the history. `rating` events are
/// positive at or above `ratingThreshold` and unwanted below it.
public struct FeedbackPolicy: Sendable, Equatable {
    public var weights: [String: Float]
    public var ratingThreshold: Float

    public static let ratingType = "rating"

    public init(weights: [String: Float] = ["like": 1, "dislike": -1, "view": 0.5, "rating": 1, "purchase": 2], ratingThreshold: Float = 3.5) {
        self.weights = weights
        self.ratingThreshold = ratingThreshold
    }

    /// Reads `like=1,dislike=-1,view=0.5` (the `--feedback-types` flag).
    /// - Throws: `ServerSetupError` naming the bad pair.
    public init(parsing spec: String, ratingThreshold: Float = 3.5) throws {
        var weights: [String: Float] = [:]
        for pair in spec.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let weight = Float(parts[1]), weight.isFinite, weight != 0 else {
                throw ServerSetupError("feedback type '\(pair)' is not name=weight (a non-zero number; negative means unwanted)")
            }
            weights[parts[0]] = weight
        }
        guard !weights.isEmpty else { throw ServerSetupError("no feedback types given") }
        self.init(weights: weights, ratingThreshold: ratingThreshold)
    }

    public var types: [String] { weights.keys.sorted() }

    /// The history weight of an event: positive adds the item, negative marks it unwanted, nil
    /// for an unknown type.
    public func weight(type: String, value: Float?) -> Float? {
        guard let weight = weights[type] else { return nil }
        if type == Self.ratingType {
            guard let value else { return nil }
            return value >= ratingThreshold ? abs(weight) : -abs(weight)
        }
        return weight
    }
}
