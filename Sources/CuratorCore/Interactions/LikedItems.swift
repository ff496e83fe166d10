/// Which of a user's items they liked, as far as their ratings tell: an item rated below the
/// user's own mean rating is not liked (a 2 of 5 from someone whose ratings average 3.6).
/// Without ratings (every value of a user the same) every item is liked.
///
/// Recall models learn from every interaction; a sentence that says "because you liked X" may
/// name only an X the user liked (MovieLens user 42 was told "Because you liked Grease", which
/// they rated 2 of 5).
public struct LikedItems: Sendable {
    /// (user, item) pairs rated below the user's mean, as `user << 32 | item`.
    private let belowMean: Set<UInt64>

    public init(_ log: InteractionLog, userCount: Int) {
        var sums = [Double](repeating: 0, count: userCount), counts = [Int](repeating: 0, count: userCount)
        for row in 0..<log.count {
            let user = Int(log.users[row])
            sums[user] += Double(log.values[row])
            counts[user] += 1
        }
        var below = Set<UInt64>()
        for row in 0..<log.count {
            let user = Int(log.users[row])
            if Double(log.values[row]) < sums[user] / Double(counts[user]) { below.insert(Self.key(log.users[row], log.items[row])) }
        }
        belowMean = below
    }

    private static func key(_ user: Int32, _ item: Int32) -> UInt64 { UInt64(UInt32(bitPattern: user)) << 32 | UInt64(UInt32(bitPattern: item)) }

    /// Whether `user` liked `item` (true for an item they never rated: nothing says otherwise).
    public func liked(_ item: Int32, by user: Int32) -> Bool { !belowMean.contains(Self.key(user, item)) }

    /// The items of `history` that `user` liked, in their order.
    public func liked(_ history: [Int32], by user: Int32) -> [Int32] { history.filter { liked($0, by: user) } }
}
