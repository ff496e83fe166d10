import ArgumentParser
import CuratorCore
import CuratorLab
import CuratorLLMStage
import Foundation

/// `curator prompts`: the prompt laboratory.
struct PromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "The prompt lab: list, show and render the templates of prompts/, and evaluate variants on data.",
        subcommands: [PromptsListCommand.self, PromptsShowCommand.self, PromptsRenderCommand.self, PromptsEvalCommand.self,
                      PromptsCalibrationCommand.self])
}

/// `--prompts DIR`, shared by the prompt commands.
struct PromptsFolderOption: ParsableArguments {
    @Option(help: ArgumentHelp("Prompt templates folder (default: $CURATOR_PROMPTS, else the package's prompts/).", valueName: "dir"))
    var prompts: String?

    func library() throws -> PromptLibrary { try PromptLibrary.located(explicit: prompts, environment: ProcessEnvironment.variables) }
}

struct PromptsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the templates: name, version, hash, purpose.")
    @OptionGroup var folder: PromptsFolderOption
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let library = try folder.library()
        let templates = library.templates.values.sorted { $0.name < $1.name }
        if json {
            return try Terminal.json(encoding: templates.map {
                ["name": $0.name, "version": $0.version, "hash": $0.hash, "purpose": $0.purpose, "output": $0.output]
            })
        }
        var table = TextTable("name", "version", "hash", "purpose")
        for t in templates { table.add([t.name, t.version, t.hash, t.purpose]) }
        Terminal.out(table.render())
        Terminal.err(Terminal.dim("from \(library.folder.path)"))
    }
}

struct PromptsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one template: its header fields, hash and body.")
    @OptionGroup var folder: PromptsFolderOption
    @Argument(help: "The template's name.") var name: String

    func run() throws {
        let template = try folder.library().template(name)
        for key in template.header.keys.sorted() { Terminal.out("\(key): \(template.header[key]!)") }
        Terminal.out("hash: \(template.hash)")
        Terminal.out("---")
        Terminal.out(template.body.trimmingCharacters(in: .newlines))
    }
}

struct PromptsRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a rerank template for a user's loo candidates, exactly as the lab sends it.",
        discussion: """
        The user's history and candidates are those `prompts eval` uses: the loo test phase, \
        candidates from --model fitted on training + validation.
        Example:
          curator prompts render rerank-verbalizer-terse --data ../shared/data/ml-100k --user 1 --candidates 5
        """)
    @OptionGroup var data: DataOptions
    @OptionGroup var folder: PromptsFolderOption
    @Argument(help: "The template's name (a rerank-verbalizer or rerank-listwise variant).") var name: String
    @Option(help: "A user id of the dataset.") var user: String
    @Option(help: "Candidates shown (at most 26).") var candidates = 20
    @Option(help: "The recall model.") var model = "itemknn"

    func validate() throws {
        guard (1...26).contains(candidates) else { throw ValidationError("--candidates must be between 1 and 26") }
    }

    func run() throws {
        let library = try folder.library()
        _ = try library.template(name)
        let dataset = try data.load()
        guard let index = dataset.users.index(of: user) else { throw UserError("unknown user '\(user)' in \(dataset.name)") }
        let cases = try LabCase.leaveLastOut(dataset: dataset, users: 1, seed: 0, model: model, candidates: candidates, only: [Int(index)])
        guard let labCase = cases.first else { throw UserError("user '\(user)' has no training history in the loo split") }
        let rendered = try LabPrompt.render(name, prompts: library, user: labCase, catalog: dataset.catalog, candidates: candidates)
        Terminal.err(Terminal.dim("\(rendered.templateName) \(rendered.templateHash), user \(user), \(min(candidates, labCase.recall.count)) \(model) candidates; sent as one user message"))
        Terminal.out(rendered.text)
    }
}
