import CuratorCore
import CuratorLab
import CuratorLLMStage
import CuratorTestSupport
import Foundation

/// A tiny dataset, its loo cases and the repository's prompts, shared by the lab tests.
enum LabFixtures {
    static let promptsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("prompts")

    static func prompts() throws -> PromptLibrary { try PromptLibrary(folder: promptsFolder) }

    static let dataset = DatasetFixtures.random(users: 12, items: 30, perUser: 8, seed: 7)

    /// `users` sampled loo users with 5 popularity candidates each.
    static func cases(users: Int = 3) throws -> [LabCase] {
        try LabCase.leaveLastOut(dataset: dataset, users: users, seed: 1, model: "popularity", candidates: 5)
    }

    /// A grid of the two verbalizer variants on one endpoint, 5 candidates.
    static func grid(endpoint: URL, users: Int = 3) -> LabGrid {
        var grid = LabGrid(endpoints: [LabEndpoint(name: "local", url: endpoint, model: "fixture-model")])
        grid.variants = ["default", "terse"]
        grid.strategies = [.verbalizer]
        grid.candidateCounts = [5]
        grid.users = users
        grid.bootstrapResamples = 200
        grid.explainedUsers = 0  // rerank passes only: the explanations' check has tests of its own
        return grid
    }

    /// A scripted llama.cpp: `/tokenize` one token per letter, chat answers "A" with letter log-probabilities.
    static func scriptedServer() throws -> LocalHTTPServer {
        try LocalHTTPServer { request in
            if request.path.hasPrefix("/tokenize") {
                let content = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any])?["content"] as? String ?? ""
                let tokens = content.unicodeScalars.map { #"{"id":\#(1000 + Int($0.value)),"piece":"\#(Character($0))"}"# }
                return .json(#"{"tokens":[\#(tokens.joined(separator: ","))]}"#)
            }
            let top = [("A", -0.2), ("B", -1.1), ("C", -2.0), ("D", -2.5), ("E", -3.0)]
                .map { #"{"token":"\#($0.0)","logprob":\#($0.1)}"# }.joined(separator: ",")
            return .json(#"{"choices":[{"index":0,"message":{"role":"assistant","content":"A"},"finish_reason":"stop","logprobs":{"content":[{"token":"A","logprob":-0.2,"top_logprobs":[\#(top)]}]}}],"usage":{"prompt_tokens":120,"completion_tokens":1,"total_tokens":121}}"#)
        }
    }
}
