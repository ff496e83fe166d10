import Foundation

/// A secret API key. Its `description` is redacted, so it never reaches a log or the terminal.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key itself; only the client's `Authorization` header reads it.
    let secret: String

    /// Wraps `secret`; `nil` for an empty string.
    public init?(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.secret = trimmed
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
