/// Each user's items in time order, stored flat: user `u` owns
/// `items[starts[u]..<starts[u + 1]]`. The input of sequential models and of splits.
public struct UserSequences: Sendable, Equatable {
    public var starts: [Int]
    public var items: [Int32]

    public init(starts: [Int], items: [Int32]) {
        precondition(starts.first == 0 && starts.last == items.count)
        self.starts = starts
        self.items = items
    }

    public var userCount: Int { starts.count - 1 }

    public func sequence(of user: Int) -> ArraySlice<Int32> { items[starts[user]..<starts[user + 1]] }

    /// Orders every user's interactions by (timestamp, item index). A repeated (user, item)
    /// pair counts once, at its first time: implicit feedback says "seen", not "how often".
    public init(_ log: InteractionLog, userCount: Int) {
        var order = Array(0..<log.count)
        order.sort { a, b in
            let ua = log.users[a], ub = log.users[b]
            if ua != ub { return ua < ub }
            let ta = log.timestamps[a], tb = log.timestamps[b]
            if ta != tb { return ta < tb }
            return log.items[a] < log.items[b]
        }
        var starts = [Int](repeating: 0, count: userCount + 1)
        var items: [Int32] = []
        items.reserveCapacity(log.count)
        var seen = Set<Int64>()
        var e = 0
        for user in 0..<userCount {
            starts[user] = items.count
            seen.removeAll(keepingCapacity: true)
            while e < order.count && Int(log.users[order[e]]) == user {
                let item = log.items[order[e]]
                if seen.insert(Int64(item)).inserted { items.append(item) }
                e += 1
            }
        }
        starts[userCount] = items.count
        self.init(starts: starts, items: items)
    }

    /// The binary user × item matrix of these sequences.
    public func matrix(itemCount: Int) -> CSRMatrix {
        var rows: [Int32] = []
        rows.reserveCapacity(items.count)
        for user in 0..<userCount {
            rows.append(contentsOf: repeatElement(Int32(user), count: starts[user + 1] - starts[user]))
        }
        return CSRMatrix(rowCount: userCount, columnCount: itemCount, rows: rows, cols: items,
                         vals: [Float](repeating: 1, count: items.count))
    }
}
