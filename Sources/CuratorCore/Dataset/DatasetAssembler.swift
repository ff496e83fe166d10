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
    /// The file the catalog entries came from (`nil` until one is added).
    var catalogFile: String?
    /// The file the interactions came from, and for each provisional item key the line of the
    /// first interaction naming it (0: none, or a reader that does not count lines).
    var interactionsFile: String?
    var firstLineByItem: [Int] = []
    /// The interactions file without timestamps, when it has none: each interaction's time is
    /// its place in the file, so "latest" means "last in the file".
    var untimedFile: String?

    mutating func reserveCapacity(_ n: Int) {
        userKeys.reserveCapacity(n)
        itemKeys.reserveCapacity(n)
        timestamps.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    mutating func appendInteraction(user: Int32, item: Int32, timestamp: Int64, value: Float, line: Int = 0) {
        let key = Int(item)
        if key >= firstLineByItem.count { firstLineByItem.append(contentsOf: repeatElement(0, count: key + 1 - firstLineByItem.count)) }
        if firstLineByItem[key] == 0 { firstLineByItem[key] = line }
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
        catalogFile = file
    }

    /// The interactions that name items the catalog lacks, when there is a catalog.
    ///
    /// Such items are kept, as untitled items (`Item.placeholder`, `Item.hasTitle` false): the
    /// interactions are users' real history, and dropping them would change every history and
    /// evaluation without a word. Recommenders show them by id, never as a title.
    func catalogGap() -> CatalogGap? {
        guard let catalogFile, catalog.count < itemIDs.count else { return nil }
        var missing = [Bool](repeating: false, count: itemIDs.count)
        for key in 0..<itemIDs.count where catalog[Int32(key)] == nil { missing[key] = true }
        let interactions = itemKeys.count { missing[Int($0)] }
        guard interactions > 0 else { return nil }
        let named = (0..<itemIDs.count).filter { missing[$0] && $0 < firstLineByItem.count }
        let byLine = named.sorted { (firstLineByItem[$0], $0) < (firstLineByItem[$1], $1) }
        return CatalogGap(
            interactions: interactions, items: named.count, examples: byLine.prefix(3).map { itemIDs.ids[$0] },
            interactionsFile: interactionsFile ?? "the interactions", firstLine: byLine.first.map { firstLineByItem[$0] } ?? 0,
            catalogFile: catalogFile)
    }

    /// What the user should know of what was read, added to `report`.
    func noted(_ report: ReadReport) -> ReadReport {
        var report = report
        report.catalogGap = catalogGap()
        report.untimedFile = untimedFile
        return report
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
