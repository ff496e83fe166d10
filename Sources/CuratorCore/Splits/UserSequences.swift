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
    ///
    /// A counting sort groups events by user in one pass; only each user's own events are
    /// then sorted, which keeps 25M-row logs to seconds.
    public init(_ log: InteractionLog, userCount: Int) {
        var starts = [Int](repeating: 0, count: userCount + 1)
        for user in log.users { starts[Int(user) + 1] += 1 }
        for u in 0..<userCount { starts[u + 1] += starts[u] }
        var next = starts
        var events = [Int32](repeating: 0, count: log.count)
        for e in 0..<log.count {
            let u = Int(log.users[e])
            events[next[u]] = Int32(e)
            next[u] += 1
        }
        var items: [Int32] = []
        items.reserveCapacity(log.count)
        var kept = [Int](repeating: 0, count: userCount + 1)
        var seen = Set<Int32>()
        for user in 0..<userCount {
            kept[user] = items.count
            var mine = events[starts[user]..<starts[user + 1]].map { (time: log.timestamps[Int($0)], item: log.items[Int($0)]) }
            mine.sort { $0.time != $1.time ? $0.time < $1.time : $0.item < $1.item }
            seen.removeAll(keepingCapacity: true)
            for event in mine where seen.insert(event.item).inserted { items.append(event.item) }
        }
        kept[userCount] = items.count
        self.init(starts: kept, items: items)
    }

    /// The binary user × item matrix of these sequences (each row's items sorted; a
    /// sequence never repeats an item, so no cell needs merging).
    public func matrix(itemCount: Int) -> CSRMatrix {
        var columns = items
        for user in 0..<userCount { columns[starts[user]..<starts[user + 1]].sort() }
        return CSRMatrix(
            rowCount: userCount, columnCount: itemCount, rowStarts: starts, columns: columns,
            values: [Float](repeating: 1, count: items.count))
    }
}
