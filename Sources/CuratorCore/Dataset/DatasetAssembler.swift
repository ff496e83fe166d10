/// Collects interactions and catalog entries as readers find them, then assigns final dense
/// indices in natural id order (see `IDMap`), so the same data always gets the same indices.
struct DatasetAssembler {
    var userIDs = IDInterner()
    var itemIDs = IDInterner()
    var userKeys: [Int32] = []
    var itemKeys: [Int32] = []
    var timestamps: [Int64] = []
    var values: [Float] = []
    /// Catalog entries by provisional item key.
    var catalog: [Int32: Item] = [:]

    mutating func reserveCapacity(_ n: Int) {
        userKeys.reserveCapacity(n)
        itemKeys.reserveCapacity(n)
        timestamps.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    mutating func appendInteraction(user: Int32, item: Int32, timestamp: Int64, value: Float) {
        userKeys.append(user)
        itemKeys.append(item)
        timestamps.append(timestamp)
        values.append(value)
    }

    /// Adds a catalog entry (a later entry with the same id replaces it: readers that can
    /// name lines refuse duplicates before this).
    /// - Throws: `DataError` naming `file` and the id field when the id breaks `ExternalID`'s rules.
    mutating func addItem(_ item: Item, file: String) throws {
        let key: Int32
        do throws(DataError.Kind) { key = try itemIDs.intern(item.id) } catch { throw DataError(error, file: file, field: "id") }
        catalog[key] = item
    }

    /// Finishes the dataset: final ids sorted naturally, catalog aligned to them.
    func build(name: String) -> Dataset {
        let (users, userRemap) = Self.finalize(userIDs)
        let (items, itemRemap) = Self.finalize(itemIDs)
        var log = InteractionLog()
        log.users = userKeys.map { userRemap[Int($0)] }
        log.items = itemKeys.map { itemRemap[Int($0)] }
        log.timestamps = timestamps
        log.values = values
        var entries = [Item?](repeating: nil, count: items.count)
        for (key, item) in catalog { entries[Int(itemRemap[Int(key)])] = item }
        let aligned = entries.enumerated().map { $1 ?? Item.placeholder(id: items.id(at: Int32($0))) }
        return Dataset(name: name, users: users, items: items, catalog: aligned, interactions: log)
    }

    /// The final map, and for each provisional key its final index.
    private static func finalize(_ interner: IDInterner) -> (IDMap, [Int32]) {
        let ordered = IDMap.naturalOrder(interner.ids)
        let map = IDMap(orderedIDs: ordered)
        let remap = interner.ids.map { map.index(of: $0)! }
        return (map, remap)
    }
}
