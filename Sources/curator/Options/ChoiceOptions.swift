import ArgumentParser
import CuratorColdStart
import CuratorConversationEval
import CuratorEval
import Foundation

/// `--llm none|local|URL`: which LLM a command talks to, parsed once for every command that
/// takes it.
enum LLMChoice: ExpressibleByArgument, Equatable, Sendable, CustomStringConvertible {
    /// No LLM: recall and rules only.
    case none
    /// The configured server, else the local llama.cpp server (started when none runs).
    case local
    /// An OpenAI-compatible server at this address.
    case server(URL)

    /// The `--help` text: what each choice does, then `detail` (the command's own use of it).
    static func help(_ detail: String = "", allowsNone: Bool = true) -> ArgumentHelp {
        let choices = allowsNone
            ? "none (recall and rules only), local (the configured or bundled llama.cpp server, started when none runs), or an OpenAI-compatible server URL such as http://127.0.0.1:8080"
            : "local (the configured or bundled llama.cpp server, started when none runs) or an OpenAI-compatible server URL such as http://127.0.0.1:8080"
        return ArgumentHelp("The LLM: \(choices).\(detail.isEmpty ? "" : " " + detail)", valueName: allowsNone ? "none|local|url" : "local|url")
    }

    init?(argument: String) {
        switch argument {
        case "none": self = .none
        case "local": self = .local
        default:
            guard let url = URL(string: argument), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else { return nil }
            self = .server(url)
        }
    }

    var description: String {
        switch self {
        case .none: "none"
        case .local: "local"
        case .server(let url): url.absoluteString
        }
    }

    /// The endpoint `LLMConnection` is aimed at: nil for the configured or local server.
    var endpoint: String? {
        if case .server(let url) = self { return url.absoluteString }
        return nil
    }
}

/// `--embedder`: which text embedder a command uses.
enum EmbedderKind: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// all-MiniLM-L6-v2 in this process.
    case native
    /// An OpenAI-compatible /v1/embeddings server.
    case remote
}

/// `--protocol`: the offline protocols `eval` runs (and `prompts eval` draws users from),
/// spelled as the libraries name them.
enum EvaluationProtocol: ExpressibleByArgument, CaseIterable, Sendable {
    case loo, coldItems, conversation

    var name: String {
        switch self {
        case .loo: LeaveLastOutProtocol.name
        case .coldItems: ColdItemsProtocol.name
        case .conversation: ConversationBenchmark.name
        }
    }

    init?(argument: String) {
        guard let found = Self.allCases.first(where: { $0.name == argument }) else { return nil }
        self = found
    }

    static var allValueStrings: [String] { allCases.map(\.name) }
    var defaultValueDescription: String { name }
}
