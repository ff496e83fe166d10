/// A loaded dataset: who interacted with what and when, and what the items are.
///
/// Every item index in `interactions` has an entry in `items`; items the source described but
/// nobody interacted with are kept (they matter for cold start).
public struct Dataset: Sendable {
    /// A short name for messages and state folders ("ml-100k", "movies").
    public var name: String
    public var users: IDMap
    public var items: IDMap
    /// Catalog entries, indexed by dense item index.
    public var catalog: [Item]
    public var interactions: InteractionLog
    /// The ids before the filter that made this dataset, when one did (`filtered(by:)`).
    public var beforeFilter: FilterOrigin?

    public init(name: String, users: IDMap, items: IDMap, catalog: [Item], interactions: InteractionLog) {
        precondition(catalog.count == items.count, "one catalog entry per item")
        self.name = name
        self.users = users
        self.items = items
        self.catalog = catalog
        self.interactions = interactions
    }

    public var userCount: Int { users.count }
    public var itemCount: Int { items.count }

    /// Number of interactions per item, indexed by dense item index.
    public func itemInteractionCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: itemCount)
        for item in interactions.items { counts[Int(item)] += 1 }
        return counts
    }

    /// Which items each user liked, by their ratings (see `LikedItems`).
    public func likedItems() -> LikedItems { LikedItems(interactions, userCount: userCount) }

    /// Number of interactions per user, indexed by dense user index.
    public func userInteractionCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: userCount)
        for user in interactions.users { counts[Int(user)] += 1 }
        return counts
    }
}
