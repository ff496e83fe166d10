import CuratorCore

/// The text of an item that gets embedded: "Title (year). Genres. Description. Tags."
///
/// MovieLens items have only a title, a year and genres; items with a description or tags
/// (a shipped catalog, onboarded items, descriptions from `curator items enhance`) add them.
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
