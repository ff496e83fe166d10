/// A prompt template that cannot be found, read, parsed or rendered.
public struct PromptError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// No prompts folder was found.
        case folderNotFound
        /// The file has no `---` front-matter header, or it lacks a required field.
        case badHeader
        /// The Mustache body does not parse.
        case badTemplate
        /// No template of that name is in the library.
        case unknownTemplate
    }

    /// What went wrong.
    public var reason: Reason
    /// The file or folder concerned.
    public var path: String
    /// A human-readable explanation, with the underlying error when there is one.
    public var message: String

    public init(_ reason: Reason, path: String, message: String) {
        self.reason = reason
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
