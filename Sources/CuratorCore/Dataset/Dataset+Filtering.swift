extension Dataset {
    /// The dataset after a rating threshold and k-core filtering, re-indexed densely (the
    /// surviving ids keep their relative order). K-core filtering repeats until every user and
    /// every item meets its minimum, since dropping one can push another below.
    public func filtered(by filter: InteractionFilter) -> Dataset {
        guard !filter.isIdentity else { return self }
        var keep = [Bool](repeating: true, count: interactions.count)
        if let minValue = filter.minValue {
            for e in 0..<interactions.count where interactions.values[e] < minValue { keep[e] = false }
        }
        while true {
            var userCounts = [Int](repeating: 0, count: userCount)
            var itemCounts = [Int](repeating: 0, count: itemCount)
            for e in 0..<interactions.count where keep[e] {
                userCounts[Int(interactions.users[e])] += 1
                itemCounts[Int(interactions.items[e])] += 1
            }
            var changed = false
            for e in 0..<interactions.count where keep[e] {
                if userCounts[Int(interactions.users[e])] < filter.minUserInteractions
                    || itemCounts[Int(interactions.items[e])] < filter.minItemInteractions
                {
                    keep[e] = false
                    changed = true
                }
            }
            if !changed { break }
        }
        let log = interactions.filter { keep[$0] }
        var userUsed = [Bool](repeating: false, count: userCount)
        var itemUsed = [Bool](repeating: filter.minItemInteractions <= 0, count: itemCount)
        for e in 0..<log.count {
            userUsed[Int(log.users[e])] = true
            itemUsed[Int(log.items[e])] = true
        }
        let (newUsers, userRemap) = Self.compact(users, used: userUsed)
        let (newItems, itemRemap) = Self.compact(items, used: itemUsed)
        var remapped = log
        remapped.users = log.users.map { userRemap[Int($0)] }
        remapped.items = log.items.map { itemRemap[Int($0)] }
        let newCatalog = catalog.indices.filter { itemUsed[$0] }.map { catalog[$0] }
        var result = Dataset(name: name, users: newUsers, items: newItems, catalog: newCatalog, interactions: remapped)
        result.beforeFilter = FilterOrigin(filter: filter, users: users, items: items)
        return result
    }

    /// `filtered(by:)`, refusing a filter that leaves nothing to work with, before any work
    /// is done on nothing.
    /// - Throws: `FilteredOut` naming the filter, what it left and what the data holds.
    public func filteredKeepingSome(by filter: InteractionFilter) throws(FilteredOut) -> Dataset {
        let result = filtered(by: filter)
        guard !filter.isIdentity, interactions.count > 0,
              result.userCount == 0 || result.itemCount == 0 || result.interactions.count == 0 else { return result }
        throw FilteredOut(
            filter: filter, name: name, users: userCount, items: itemCount, interactions: interactions.count,
            longestHistory: userInteractionCounts().max() ?? 0, mostInteractedItem: itemInteractionCounts().max() ?? 0,
            highestValue: interactions.values.max() ?? 0)
    }

    /// Why the user `id` is not in this dataset although its data has them: the filter
    /// removed them (a sentence naming the filter), or `nil` when that is not why.
    public func removedByFilter(user id: String) -> String? {
        guard users.index(of: id) == nil, let origin = beforeFilter, origin.users.index(of: id) != nil else { return nil }
        return "user '\(id)' is in \(name), but the filter \(origin.filter.flags) removed them; loosen it to use them"
    }

    /// Why the item `id` is not in this dataset although its data has it: the filter removed
    /// it (a sentence naming the filter), or `nil` when that is not why.
    public func removedByFilter(item id: String) -> String? {
        guard items.index(of: id) == nil, let origin = beforeFilter, origin.items.index(of: id) != nil else { return nil }
        return "item '\(id)' is in \(name), but the filter \(origin.filter.flags) removed it; loosen it to use it"
    }

    private static func compact(_ map: IDMap, used: [Bool]) -> (IDMap, [Int32]) {
        var remap = [Int32](repeating: -1, count: map.count)
        var ids: [String] = []
        for index in 0..<map.count where used[index] {
            remap[index] = Int32(ids.count)
            ids.append(map.externalIDs[index])
        }
        return (IDMap(orderedIDs: ids), remap)
    }
}

/// The ids a dataset had before a filter, to tell "removed by the filter" from "unknown".
public struct FilterOrigin: Sendable {
    public var filter: InteractionFilter
    public var users: IDMap
    public var items: IDMap
}

/// A filter that leaves no users, items or interactions: nothing to train, evaluate or
/// recommend from, said before any work rather than as a table of zeros.
public struct FilteredOut: Error, CustomStringConvertible, Sendable, Equatable {
    public var filter: InteractionFilter
    /// What the data held before the filter.
    public var name: String
    public var users: Int
    public var items: Int
    public var interactions: Int
    public var longestHistory: Int
    public var mostInteractedItem: Int
    public var highestValue: Float

    public var description: String {
        var limits: [String] = []
        if filter.minUserInteractions > 1 { limits.append("the longest user history has \(longestHistory)") }
        if filter.minItemInteractions > 0 { limits.append("the most interacted item has \(mostInteractedItem)") }
        if filter.minValue != nil { limits.append("the highest value is \(highestValue)") }
        return "the filter \(filter.flags) leaves no users, items or interactions of \(name) "
            + "(\(users) users, \(items) items, \(interactions) interactions before it; \(limits.joined(separator: ", "))): loosen it"
    }
}
