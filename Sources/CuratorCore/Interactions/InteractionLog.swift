/// Interactions as parallel columns (structure of arrays), indexed by event.
///
/// Users and items are dense indices into the dataset's `IDMap`s; `timestamps` are seconds
/// (or line order when a source has none); `values` hold ratings or counts, 1 when absent.
public struct InteractionLog: Sendable, Equatable {
    public var users: [Int32]
    public var items: [Int32]
    public var timestamps: [Int64]
    public var values: [Float]

    public init(users: [Int32] = [], items: [Int32] = [], timestamps: [Int64] = [], values: [Float] = []) {
        precondition(users.count == items.count && items.count == timestamps.count && timestamps.count == values.count)
        self.users = users
        self.items = items
        self.timestamps = timestamps
        self.values = values
    }

    public var count: Int { users.count }

    public mutating func append(user: Int32, item: Int32, timestamp: Int64, value: Float) {
        users.append(user)
        items.append(item)
        timestamps.append(timestamp)
        values.append(value)
    }

    public mutating func reserveCapacity(_ n: Int) {
        users.reserveCapacity(n)
        items.reserveCapacity(n)
        timestamps.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    /// Keeps the events for which `isIncluded` returns true, in order.
    public func filter(_ isIncluded: (Int) -> Bool) -> InteractionLog {
        var kept = InteractionLog()
        kept.reserveCapacity(count)
        for e in 0..<count where isIncluded(e) {
            kept.append(user: users[e], item: items[e], timestamp: timestamps[e], value: values[e])
        }
        return kept
    }
}
