import CuratorLLM

/// The token budget that lets a schema-constrained answer always finish.
///
/// llama.cpp turns a JSON schema into a grammar that allows, between any two JSON tokens, a
/// newline and up to 20 spaces or tabs; the bundled Gemma 3 270M uses them (measured on
/// ml-100k: `"description"` indented by ten " \t" pairs), and at the old budget of 200 tokens
/// 60 of 338 item answers were cut off before their closing brace. A generated token is at
/// least one character, so a budget of the schema's longest answer in characters, whitespace
/// included, is never hit by an answer the grammar accepts.
enum AnswerBudget {
    /// The most whitespace the grammar allows in one place: two newlines and 20 spaces or tabs.
    static let whitespace = 22

    /// The longest answer `schema` allows, in characters (string escapes counted as one
    /// character), or nil when a string or an array in it has no upper bound.
    static func characters(_ schema: JSONValue) -> Int? {
        guard case .object(let fields) = schema, case .string(let type)? = fields["type"] else { return nil }
        switch type {
        case "string":
            guard case .number(let length)? = fields["maxLength"] else { return nil }
            return Int(length) + 2 + whitespace
        case "array":
            guard case .number(let count)? = fields["maxItems"], let items = fields["items"], let item = characters(items) else { return nil }
            let n = Int(count)
            return 2 + 2 * whitespace + n * item + max(0, n - 1) * (1 + whitespace)
        case "object":
            guard case .object(let properties)? = fields["properties"] else { return nil }
            var total = 2 + 2 * whitespace + max(0, properties.count - 1) * (1 + whitespace)
            for (name, value) in properties {
                guard let bound = characters(value) else { return nil }
                total += name.count + 3 + 2 * whitespace + bound
            }
            return total
        case "integer", "number": return 24 + whitespace
        case "boolean": return 5 + whitespace
        default: return nil
        }
    }

    /// The token budget for an answer to `schema`: its longest answer, or `fallback` when the
    /// schema is unbounded.
    static func tokens(_ schema: JSONValue, fallback: Int) -> Int { characters(schema) ?? fallback }
}
