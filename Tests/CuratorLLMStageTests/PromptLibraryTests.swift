import CuratorLLMStage
import CuratorTestSupport
import Foundation
import Testing

@Suite("Prompt library: front matter, rendering, hashes, lookup")
struct PromptLibraryTests {
    static let file = """
        ---
        name: greet
        purpose: a test
        output: text
        version: 2
        ---
        Hello {{name}} & <{{who}}>{{#items}}
        - {{.}}{{/items}}
        """

    @Test func repositoryPromptsAllLoadWithTheirHeaders() throws {
        let library = try PipelineFixtures.prompts()
        for name in ["rerank-verbalizer", "rerank-listwise", "enhance-item", "enhance-user", "explain"] {
            let template = try library.template(name)
            #expect(!template.purpose.isEmpty && !template.output.isEmpty && !template.version.isEmpty, "\(name)")
            #expect(template.hash.count == 16)
        }
    }

    @Test func rendersPlainTextWithoutHTMLEscaping() throws {
        let template = try PromptTemplate(text: Self.file, fallbackName: "x", path: "x")
        #expect(template.name == "greet" && template.version == "2" && template.header["purpose"] == "a test")
        let text = template.render(["name": "Ann", "who": "Bob & \"Co\"", "items": ["a", "b"]])
        #expect(text == "Hello Ann & <Bob & \"Co\">\n- a\n- b")
    }

    @Test func anyEditChangesTheHashAndTheSameTextKeepsIt() throws {
        let a = try PromptTemplate(text: Self.file, fallbackName: "x", path: "x")
        let b = try PromptTemplate(text: Self.file, fallbackName: "y", path: "y")
        let c = try PromptTemplate(text: Self.file.replacingOccurrences(of: "version: 2", with: "version: 3"), fallbackName: "x", path: "x")
        #expect(a.hash == b.hash)
        #expect(a.hash != c.hash)
        #expect(FNV1a.hex("") == "cbf29ce484222325")
        #expect(FNV1a.hex("a") == "af63dc4c8601ec8c")
    }

    @Test func aMissingHeaderOrFieldIsAnErrorNamingTheFile() {
        #expect(throws: PromptError.self) { try PromptTemplate(text: "no header {{x}}", fallbackName: "x", path: "/p/x.mustache") }
        let error = #expect(throws: PromptError.self) {
            try PromptTemplate(text: "---\nname: x\npurpose: p\n---\nbody", fallbackName: "x", path: "/p/x.mustache")
        }
        #expect(error?.description.contains("/p/x.mustache") == true)
        #expect(error?.description.contains("output") == true)
    }

    @Test func lookupPrefersTheFlagThenTheEnvironmentThenThePackage() throws {
        let folder = TemporaryDirectory()
        #expect(try PromptLibrary.locate(explicit: folder.path, environment: ["CURATOR_PROMPTS": "/elsewhere"]).path == folder.path)
        #expect(try PromptLibrary.locate(environment: ["CURATOR_PROMPTS": folder.path]).path == folder.path)
        // An executable inside the package's .build folder finds the package's prompts/.
        let executable = PipelineFixtures.promptsFolder.deletingLastPathComponent().appendingPathComponent(".build/debug/curator")
        let found = try PromptLibrary.locate(environment: [:], executable: executable)
        #expect(found.standardizedFileURL.path == PipelineFixtures.promptsFolder.standardizedFileURL.path)
        let library = try PromptLibrary(folder: URL(fileURLWithPath: folder.path))
        #expect(library.templates.isEmpty)
        #expect(throws: PromptError.self) { try library.template("explain") }
    }
}
