/// Interactions that name items the catalog does not describe: a dataset with an
/// `items.jsonl` whose interactions mention `zzz` that it lacks. The items are kept, untitled
/// (see `DatasetAssembler.catalogGap()`); this says how many and where.
public struct CatalogGap: Sendable, Equatable, Codable {
    /// Interactions naming such items.
    public var interactions: Int
    /// Distinct items named.
    public var items: Int
    /// The first few ids, in the order the interactions first name them.
    public var examples: [String]
    public var interactionsFile: String
    /// The line of the first interaction naming one (0 when the reader does not count lines).
    public var firstLine: Int
    public var catalogFile: String

    /// "1 interaction names 1 item that items.jsonl lacks (zzz)": how many, and the first ids.
    public var counts: String {
        let more = items > examples.count ? ", …" : ""
        let plural = { (n: Int, word: String) in "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(interactions, "interaction")) \(interactions == 1 ? "names" : "name") \(plural(items, "item")) "
            + "that \(catalogFile) lacks (\(examples.joined(separator: ", "))\(more))"
    }

    /// One line: where, what, and what to do.
    public var description: String {
        let location = firstLine > 0 ? "\(interactionsFile):\(firstLine)" : interactionsFile
        return "\(location): \(counts); they are kept as untitled items: add them to the catalog to give them titles"
    }
}

extension ReadReport {
    /// What the user should know about the data read, one line each (none when all is well).
    public var notices: [String] {
        var lines = columnsTaken
        if let catalogGap { lines.append(catalogGap.description) }
        if let untimedFile {
            lines.append("\(untimedFile): no timestamp column: the file's order stands for time (each user's last line is their latest)")
        }
        return lines
    }
}
