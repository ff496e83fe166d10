import ArgumentParser
import CuratorLLM
import Foundation

/// `curator llm`: the language-model connection and the local llama.cpp server.
struct LLMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm",
        abstract: "Run the local llama.cpp server and check the language-model connection.",
        subcommands: [Start.self, Status.self, Stop.self])

    /// Options shared by the subcommands: where the configuration comes from, and overrides.
    struct Options: ParsableArguments {
        @Option(help: "The config file (default: $CURATOR_CONFIG_DIR/llm.json or ~/.config/curator/llm.json).")
        var config: String?
        @Option(help: "The server's URL (root or /v1 base); overrides CURATOR_LLM_ENDPOINT.")
        var endpoint: String?
        @Option(help: "The model name sent with requests.")
        var model: String?
        @Option(help: "CPU threads for the local server (default: free cores).")
        var threads: Int?
        @Option(help: "Per-request deadline in seconds.")
        var timeout: Double?

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
            if let timeout, timeout <= 0 { throw ValidationError("--timeout must be positive") }
        }

        /// File, then environment, then these flags.
        func load() throws -> LLMConfiguration {
            var configuration = try LLMConfiguration.load(file: config.map { URL(fileURLWithPath: $0) })
            if let endpoint {
                guard let url = URL(string: endpoint), url.host != nil else { throw ValidationError("--endpoint: not a URL: \(endpoint)") }
                configuration.endpoint = url
            }
            if let model { configuration.model = model }
            if let threads { configuration.threads = threads }
            if let timeout { configuration.requestTimeout = .milliseconds(Int(timeout * 1000)) }
            return configuration
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start llama-server on 127.0.0.1 (a free port unless --port).")
        @OptionGroup var options: Options
        @Flag(help: "Start the embeddings server (--embeddings) instead of the chat server.")
        var embeddings = false
        @Option(help: "The port (default: a free one).")
        var port: Int?

        func run() async throws {
            let configuration = try options.load()
            let (record, started) = try await LocalServerRegistry().start(configuration: configuration, embeddings: embeddings, port: port)
            let kind = embeddings ? "embeddings server" : "chat server"
            print(started
                ? "started \(kind): \(record.endpoint.absoluteString) (pid \(record.pid), \(record.threads) threads, log \(record.logFile))"
                : "\(kind) already running: \(record.endpoint.absoluteString) (pid \(record.pid))")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local llama-server(s) that `start` launched.")
        @Flag(help: "Stop only the embeddings server.") var embeddings = false
        @Flag(help: "Stop both servers.") var all = false

        func run() async throws {
            let registry = LocalServerRegistry()
            let kinds = all ? [false, true] : [embeddings]
            for kind in kinds {
                let name = kind ? "embeddings server" : "chat server"
                if let record = await registry.stop(embeddings: kind) {
                    print("stopped \(name) (pid \(record.pid), port \(record.port))")
                } else {
                    print("no \(name) running")
                }
            }
        }
    }
}

extension LLMCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the configuration and whether the server answers.")
        @OptionGroup var options: Options
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let report = await LLMStatusReport.gather(configuration: try options.load(), registry: LocalServerRegistry())
            print(json ? report.json : report.text)
        }
    }
}
