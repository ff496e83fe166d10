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
        return Dataset(name: name, users: newUsers, items: newItems, catalog: newCatalog, interactions: remapped)
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
