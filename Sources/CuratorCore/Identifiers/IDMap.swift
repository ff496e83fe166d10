/// A two-way map between external identifiers (as the data files spell them) and dense
/// indices `0..<count`, which every matrix and model uses.
///
/// Dense indices follow the external ids' natural order (numeric when every id is a number,
/// lexicographic otherwise), so "ties broken by item id ascending" means the same thing for
/// dense and external ids and results reproduce across loaders.
public struct IDMap: Sendable, Equatable {
    /// External ids, indexed by dense index.
    public private(set) var externalIDs: [String]
    private var indexByID: [String: Int32]

    /// Creates a map whose dense indices follow the order of `ids` (which must be unique).
    public init(orderedIDs ids: [String]) {
        externalIDs = ids
        indexByID = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
    }

    public var count: Int { externalIDs.count }

    /// The dense index of an external id, or `nil` when the id is unknown.
    public func index(of id: String) -> Int32? { indexByID[id] }

    /// The external id of a dense index.
    public func id(at index: Int32) -> String { externalIDs[Int(index)] }

    /// Appends a new id (a cold-start item, for instance) and returns its dense index;
    /// an id already present keeps its index.
    @discardableResult
    public mutating func insert(_ id: String) -> Int32 {
        if let existing = indexByID[id] { return existing }
        let index = Int32(externalIDs.count)
        externalIDs.append(id)
        indexByID[id] = index
        return index
    }
}

extension IDMap {
    /// Sorts ids the way a person reads them: numerically when all are integers.
    public static func naturalOrder(_ ids: some Sequence<String>) -> [String] {
        let unique = Array(Set(ids))
        // Only canonical spellings ("7", not "007" or "+7") round-trip through Int64.
        let numbers = unique.compactMap { id in Int64(id).flatMap { String($0) == id ? $0 : nil } }
        if numbers.count == unique.count {
            return numbers.sorted().map { String($0) }
        }
        return unique.sorted()
    }
}
