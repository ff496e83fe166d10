/// Whom to recommend for: a known user, or any ordered history (a chat session, a new user).
public struct UserContext: Sendable, Equatable {
    /// The user's dense index when the user was seen at fit time; models with per-user state
    /// may use it, every model must also work without it.
    public var user: Int32?
    /// Items in time order, oldest first.
    public var history: [Int32]
    /// A weight per history item (1 when absent): stronger likes weigh more.
    public var weights: [Float]?

    public init(user: Int32? = nil, history: [Int32], weights: [Float]? = nil) {
        precondition(weights == nil || weights!.count == history.count, "one weight per history item")
        self.user = user
        self.history = history
        self.weights = weights
    }

    /// The weight of the `position`-th history item.
    @inlinable
    public func weight(at position: Int) -> Float { weights?[position] ?? 1 }
}
