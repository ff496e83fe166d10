import CuratorChat
import CuratorCore

extension Dataset {
    /// The index of the item with external id `id`.
    /// - Throws: `UserError` for an unknown id, naming the items whose titles the words match
    ///   (`--item "the matrix"` → the-matrix-1999), else showing what ids look like.
    func requireItem(_ id: String) throws -> Int32 {
        if let index = items.index(of: id) { return index }
        let matched = Array(TitleMatcher(catalog: catalog).mentions(in: id).flatMap(\.items).prefix(3))
        let hint = matched.isEmpty
            ? "ids look like: \(items.externalIDs.prefix(3).joined(separator: ", "))"
            : "did you mean " + matched.map { "\(items.id(at: $0)) (\(catalog[Int($0)].spokenDisplayTitle))" }.joined(separator: " or ") + "?"
        throw UserError("unknown item '\(id)' in \(name); \(hint)")
    }
}
