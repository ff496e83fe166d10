import Foundation

/// The prompt templates of one folder (`prompts/`), by name.
///
/// Where the folder is: `--prompts DIR`, else `$CURATOR_PROMPTS`, else the `prompts/` folder of
/// the package the executable was built in (found by walking up from the executable), else
/// `prompts/` in the working directory or one of its parents.
public struct PromptLibrary: Sendable {
    /// The folder the templates came from.
    public let folder: URL
    /// The templates by name.
    public let templates: [String: PromptTemplate]

    /// Loads every `*.mustache` file of `folder`.
    /// - Throws: `PromptError` for a missing folder or a file that does not parse.
    public init(folder: URL) throws(PromptError) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else {
            throw PromptError(.folderNotFound, path: folder.path, message: "cannot list the prompts folder")
        }
        var templates: [String: PromptTemplate] = [:]
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let url = folder.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw PromptError(.badTemplate, path: url.path, message: "cannot read the file as UTF-8")
            }
            let template = try PromptTemplate(text: text, fallbackName: String(file.dropLast(".mustache".count)), path: url.path)
            templates[template.name] = template
        }
        self.folder = folder
        self.templates = templates
    }

    /// The template called `name`.
    /// - Throws: `PromptError.unknownTemplate`, naming the templates there are.
    public func template(_ name: String) throws(PromptError) -> PromptTemplate {
        guard let template = templates[name] else {
            throw PromptError(.unknownTemplate, path: folder.path,
                              message: "no template '\(name)' (have: \(templates.keys.sorted().joined(separator: ", ")))")
        }
        return template
    }

    /// Renders the template called `name` with `values`.
    /// - Throws: `PromptError.unknownTemplate`.
    public func render(_ name: String, _ values: [String: Any]) throws(PromptError) -> RenderedPrompt {
        let template = try template(name)
        return RenderedPrompt(text: template.render(values), templateName: template.name, templateHash: template.hash)
    }

    /// Finds the prompts folder (see the type's documentation).
    /// - Parameters:
    ///   - explicit: `--prompts DIR`.
    ///   - environment: the variables the executable read, for `CURATOR_PROMPTS`.
    ///   - executable: the running executable (default: this process's).
    /// - Throws: `PromptError.folderNotFound`, naming the places tried.
    public static func locate(
        explicit: String? = nil, environment: [String: String],
        executable: URL? = Bundle.main.executableURL
    ) throws(PromptError) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let folder = environment["CURATOR_PROMPTS"], !folder.isEmpty { return URL(fileURLWithPath: folder) }
        var tried: [String] = []
        // Last, the package this was built from: a binary copied elsewhere still finds its
        // templates on the machine that built it (as SwiftPM's resource bundles do).
        let starts = [executable?.resolvingSymlinksInPath().deletingLastPathComponent(),
                      URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                      URL(fileURLWithPath: #filePath).deletingLastPathComponent()].compactMap { $0 }
        for start in starts {
            var folder = start
            // Walk up to the root: `.build/debug/curator` → the package root, which holds Package.swift and prompts/.
            while true {
                let candidate = folder.appendingPathComponent("prompts")
                tried.append(candidate.path)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("rerank-verbalizer.mustache").path) {
                    return candidate
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw PromptError(.folderNotFound, path: tried.first ?? "prompts",
                          message: "no prompts folder found; pass --prompts DIR or set CURATOR_PROMPTS")
    }

    /// The library of the folder `locate` finds.
    /// - Throws: `PromptError`.
    public static func located(explicit: String?, environment: [String: String]) throws(PromptError) -> PromptLibrary {
        try PromptLibrary(folder: locate(explicit: explicit, environment: environment))
    }
}
