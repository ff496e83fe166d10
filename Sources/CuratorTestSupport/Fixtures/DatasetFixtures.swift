import CuratorCore

/// Small in-memory datasets with known structure.
public enum DatasetFixtures {
    /// A dataset from (user, item, timestamp) triples with ids used as given.
    public static func dataset(_ events: [(user: String, item: String, time: Int64)], name: String = "fixture") -> Dataset {
        let users = IDMap(orderedIDs: IDMap.naturalOrder(events.map(\.user)))
        let items = IDMap(orderedIDs: IDMap.naturalOrder(events.map(\.item)))
        var log = InteractionLog()
        for e in events {
            log.append(user: users.index(of: e.user)!, item: items.index(of: e.item)!, timestamp: e.time, value: 1)
        }
        return Dataset(
            name: name, users: users, items: items,
            catalog: items.externalIDs.map { Item(id: $0, title: "Title \($0)") }, interactions: log)
    }

    /// A random binary user × item dataset: `users` users, each with `perUser` distinct items.
    public static func random(users: Int, items: Int, perUser: Int, seed: UInt64) -> Dataset {
        var rng = SeededGenerator(seed: seed)
        var events: [(user: String, item: String, time: Int64)] = []
        for u in 0..<users {
            var chosen = Set<Int>()
            while chosen.count < min(perUser, items) { chosen.insert(Int(rng.next() % UInt64(items))) }
            for (t, i) in chosen.sorted().enumerated() { events.append(("\(u)", "\(i)", Int64(t))) }
        }
        return dataset(events)
    }
}
