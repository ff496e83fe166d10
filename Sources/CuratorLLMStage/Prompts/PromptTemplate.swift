import Foundation
import Mustache

/// One prompt file of `prompts/`: a `---` front-matter header, then a Mustache body.
///
/// ```
/// ---
/// name: rerank-verbalizer
/// purpose: what the prompt is for
/// output: what the model is expected to answer
/// version: 1
/// ---
/// body with {{variables}}
/// ```
/// Prompts are plain text: the body is always rendered with Mustache's TEXT content type, so
/// nothing is HTML-escaped. The `hash` covers the whole file, header included, so any edit
/// gives results (and cache entries) a new identity.
public struct PromptTemplate: Sendable {
    /// The header's `name` (the file name without `.mustache` when absent).
    public let name: String
    /// What the prompt is for.
    public let purpose: String
    /// What the model is expected to answer.
    public let output: String
    /// The header's `version`.
    public let version: String
    /// Every header field, the four above included.
    public let header: [String: String]
    /// The Mustache body.
    public let body: String
    /// FNV-1a 64 of the whole file, as 16 hex digits.
    public let hash: String
    private let template: MustacheTemplate

    /// The header fields every template must have.
    public static let requiredFields = ["purpose", "output", "version"]

    /// Parses a template file's text.
    /// - Parameters:
    ///   - text: the whole file.
    ///   - fallbackName: the name when the header has none (the file name).
    ///   - path: for error messages.
    /// - Throws: `PromptError` (`.badHeader`, `.badTemplate`).
    public init(text: String, fallbackName: String, path: String) throws(PromptError) {
        let (header, body) = try Self.split(text, path: path)
        for field in Self.requiredFields where header[field, default: ""].isEmpty {
            throw PromptError(.badHeader, path: path, message: "the front-matter header lacks '\(field):'")
        }
        do {
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + body)
        } catch {
            throw PromptError(.badTemplate, path: path, message: "the Mustache body does not parse: \(error)")
        }
        self.header = header
        self.body = body
        self.name = header["name"] ?? fallbackName
        self.purpose = header["purpose"]!
        self.output = header["output"]!
        self.version = header["version"]!
        self.hash = FNV1a.hex(text)
    }

    /// Renders the body with `values` (dictionaries, arrays, strings, numbers, booleans),
    /// trimming surrounding blank space.
    public func render(_ values: [String: Any]) -> String {
        template.render(values).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Splits `---\nkey: value\n---\nbody`.
    static func split(_ text: String, path: String) throws(PromptError) -> (header: [String: String], body: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else {
            throw PromptError(.badHeader, path: path, message: "expected a front-matter header between two '---' lines at the top")
        }
        var header: [String: String] = [:]
        for (offset, line) in lines[1..<end].enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw PromptError(.badHeader, path: path, message: "line \(offset + 2): expected 'key: value', got '\(trimmed)'")
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            header[key] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (header, lines[(end + 1)...].joined(separator: "\n"))
    }
}

/// A rendered prompt and the identity of the template that produced it.
public struct RenderedPrompt: Sendable, Equatable {
    /// The prompt text.
    public var text: String
    /// The template's name.
    public var templateName: String
    /// The template's hash.
    public var templateHash: String
}
