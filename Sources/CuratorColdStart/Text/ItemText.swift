import CuratorCore

/// The text of an item that gets embedded: "Title (year). Genres. Description. Tags."
///
/// MovieLens items have only a title, a year and genres; items with a description or tags
/// (a shipped catalog, onboarded items, LLM-enriched text) add them.
public enum ItemText {
    public static func text(for item: Item) -> String {
        var parts = [item.displayTitle]
        if !item.genres.isEmpty { parts.append(item.genres.joined(separator: ", ")) }
        let body = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !body.isEmpty { parts.append(body) }
        if !item.tags.isEmpty { parts.append(item.tags.joined(separator: ", ")) }
        return parts.joined(separator: ". ")
    }
}

/// Writes a richer description for an item that has little text (only a title), before it is
/// embedded. The LLM stage implements it (one prompt per item, cached); `nil` leaves the item
/// as it is.
public protocol TextEnricher: Sendable {
    /// A short name for reports and caches.
    var name: String { get }
    /// A description of `item`, or `nil` to keep its own text.
    /// - Throws: when the model fails (callers fall back to the item's own text).
    func describe(_ item: Item) async throws -> String?
}

extension TextEnricher {
    /// `items` with enriched text where the enricher gave one (failures keep the item's text).
    public func enrich(_ items: [Item]) async -> [Item] {
        var out = items
        for index in out.indices where out[index].text.isEmpty {
            if let text = try? await describe(out[index]), !text.isEmpty { out[index].text = text }
        }
        return out
    }
}
