import CuratorCore

/// The template variables every prompt shares, built from sanitised catalog text only.
///
/// Everything a catalog supplies (titles, genres, descriptions, tags) passes the
/// `PromptSanitizer` here, before any template sees it: this is the one door into the prompts.
public struct PromptValues: Sendable {
    /// Cleans catalog text.
    public var sanitizer: PromptSanitizer
    /// How many of the most recent history items the prompts show.
    public var historyLimit: Int

    public init(sanitizer: PromptSanitizer = PromptSanitizer(), historyLimit: Int = 10) {
        self.sanitizer = sanitizer
        self.historyLimit = historyLimit
    }

    /// One item as template values: `title`, `year`, `genres` (joined), `text`, `tags` (joined).
    public func item(_ item: Item, textLength: Int? = nil) -> [String: Any] {
        var values: [String: Any] = ["title": PromptSanitizer(maximumLength: 120).sanitize(item.title)]
        if let year = item.year { values["year"] = String(year) }
        let genres = item.genres.map { PromptSanitizer(maximumLength: 40).sanitize($0) }.filter { !$0.isEmpty }
        if !genres.isEmpty { values["genres"] = genres.joined(separator: ", ") }
        var cleaner = sanitizer
        if let textLength { cleaner.maximumLength = textLength }
        let text = cleaner.sanitize(item.text)
        if !text.isEmpty { values["text"] = text }
        let tags = item.tags.map { PromptSanitizer(maximumLength: 40).sanitize($0) }.filter { !$0.isEmpty }
        if !tags.isEmpty { values["tags"] = tags.joined(separator: ", ") }
        return values
    }

    /// The user's most recent `historyLimit` items, oldest first.
    public func history(_ history: [Item]) -> [[String: Any]] {
        history.suffix(historyLimit).map { item($0) }
    }

    /// The values of a rerank prompt.
    /// - Parameters:
    ///   - request: the user and the candidates.
    ///   - order: the order to list the candidates in (indices of `request.candidates`).
    ///   - keys: the label or id each listed candidate is shown with, parallel to `order`.
    public func rerank(_ request: RerankRequest, order: [Int], keys: [String]) -> [String: Any] {
        var candidates: [[String: Any]] = []
        for (position, index) in order.enumerated() {
            var values = item(request.candidates[index].item)
            values["label"] = keys[position]
            values["id"] = keys[position]
            candidates.append(values)
        }
        var values: [String: Any] = [
            "history": history(request.history), "candidates": candidates, "count": String(order.count),
            "constraints": request.constraints.map { sanitizer.sanitize($0) }.filter { !$0.isEmpty },
        ]
        if let chat = request.chatRequest.map({ sanitizer.sanitize($0) }), !chat.isEmpty { values["request"] = chat }
        return values
    }
}
