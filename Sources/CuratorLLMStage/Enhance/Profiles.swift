import CuratorLLM

/// What the LLM makes of one catalog item.
public struct ItemProfile: Sendable, Codable, Equatable {
    public var description: String
    public var themes: [String]
    public var audience: String

    /// The answer's JSON schema.
    public static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "description": ["type": "string", "maxLength": 300],
            "themes": ["type": "array", "items": ["type": "string", "maxLength": 40], "maxItems": 3],
            "audience": ["type": "string", "maxLength": 120],
        ],
        "required": ["description", "themes", "audience"],
        "additionalProperties": false,
    ]
}

/// What the LLM makes of a user's history.
public struct TasteProfile: Sendable, Codable, Equatable {
    public var summary: String
    public var themes: [String]
    public var avoid: [String]

    /// The answer's JSON schema.
    public static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "summary": ["type": "string", "maxLength": 300],
            "themes": ["type": "array", "items": ["type": "string", "maxLength": 40], "maxItems": 3],
            "avoid": ["type": "array", "items": ["type": "string", "maxLength": 40], "maxItems": 3],
        ],
        "required": ["summary", "themes", "avoid"],
        "additionalProperties": false,
    ]
}

/// A generated value and where it came from.
public struct Enhanced<Value: Sendable>: Sendable {
    public var value: Value
    /// Whether the cache answered (no request was made).
    public var fromCache: Bool
    /// The hash of the template that produced it.
    public var templateHash: String
}
