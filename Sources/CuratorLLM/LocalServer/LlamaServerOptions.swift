import Foundation

/// How to launch one `llama-server`.
public struct LlamaServerOptions: Sendable, Equatable {
    /// The `llama-server` binary.
    public var binary: String
    /// The GGUF model.
    public var model: String
    /// The port; `nil` picks a free one on 127.0.0.1.
    public var port: Int?
    /// CPU threads for generation and prompt processing.
    public var threads: Int
    /// Context size in tokens, shared by the slots.
    public var contextSize: Int
    /// Parallel request slots.
    public var parallelSlots: Int
    /// Serve embeddings only (`--embeddings`, mean pooling).
    public var embeddings: Bool
    /// The server's host-memory cache of prompt states, in MiB (`--cache-ram`).
    ///
    /// llama.cpp keeps up to 8 GiB by default; a 200-user prompt-lab run filled it (each
    /// state of a ~600-token prompt of Gemma 3 270M is about 9 MiB) and the server held 9.3 GB.
    /// 512 MiB still keeps some fifty prompts, far more than a chat or a lab cell reuses.
    public var promptCacheMiB = 512
    /// A built-in chat template name (`gemma`, `chatml`, ...) or a Jinja template file.
    public var chatTemplate: String?
    /// Where the server's output goes.
    public var logFile: URL
    /// Further arguments, passed as they are.
    public var extraArguments: [String]

    /// Options from a configuration: its binary, model, threads, context and slots.
    /// - Throws: `LocalServerError.notInstalled` when the binary or the model is missing.
    public init(configuration: LLMConfiguration, embeddings: Bool = false, port: Int? = nil, logFile: URL? = nil) throws(LocalServerError) {
        let manager = FileManager.default
        guard let binary = configuration.serverBinary, manager.isExecutableFile(atPath: binary) else {
            throw LocalServerError(.notInstalled, "llama-server not found (\(configuration.serverBinary ?? "no path configured")); \(LocalServerError.installHint)")
        }
        guard let model = configuration.modelPath, manager.fileExists(atPath: model) else {
            throw LocalServerError(.notInstalled, "model not found (\(configuration.modelPath ?? "no path configured")); \(LocalServerError.installHint)")
        }
        self.binary = binary
        self.model = model
        self.port = port
        self.threads = max(1, configuration.threads)
        self.contextSize = configuration.contextSize
        // One slot for embeddings: with two, llama.cpp (11434) gave a different vector for the
        // same text when other texts shared its batch (measured with Gemma 3 270M).
        self.parallelSlots = embeddings ? 1 : max(1, configuration.parallelSlots)
        self.embeddings = embeddings
        // Gemma 3 270M is a base model without a chat template; llama.cpp would fall back to
        // ChatML. Use llama.cpp's built-in Gemma template for it.
        let isGemma270m = URL(fileURLWithPath: model).lastPathComponent.lowercased().hasPrefix("gemma-3-270m")
        self.chatTemplate = embeddings ? nil : configuration.chatTemplate ?? (isGemma270m ? "gemma" : nil)
        self.logFile = logFile ?? URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("curator-llama-server-\(embeddings ? "embeddings-" : "")\(UUID().uuidString.prefix(8)).log")
        self.extraArguments = []
    }

    /// The command-line arguments for `port`.
    func arguments(port: Int) -> [String] {
        var arguments = [
            "--model", model, "--host", "127.0.0.1", "--port", String(port),
            "--threads", String(threads), "--threads-batch", String(threads),
            "--ctx-size", String(contextSize * parallelSlots), "--parallel", String(parallelSlots),
            "--no-webui", "--cache-ram", String(promptCacheMiB),
        ]
        if embeddings { arguments += ["--embeddings", "--pooling", "mean"] }
        if let chatTemplate {
            // A built-in template name is only accepted without the Jinja engine; with it,
            // llama.cpp would take the name itself as the template text.
            arguments += FileManager.default.fileExists(atPath: chatTemplate)
                ? ["--jinja", "--chat-template-file", chatTemplate]
                : ["--no-jinja", "--chat-template", chatTemplate]
        }
        return arguments + extraArguments
    }
}
