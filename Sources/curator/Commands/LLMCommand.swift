import ArgumentParser
import CuratorLLM
import Foundation

/// `curator llm`: the language-model connection and the local llama.cpp server.
struct LLMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm",
        abstract: "Run the local llama.cpp server and check the language-model connection.",
        subcommands: [Start.self, Status.self, Stop.self, Bench.self])

    /// Options shared by the subcommands: where the configuration comes from, and overrides.
    struct Options: ParsableArguments {
        @Option(help: "The config file (default: $CURATOR_CONFIG_DIR/llm.json or ~/.config/curator/llm.json).")
        var config: String?
        @Option(help: "The server's URL (root or /v1 base); overrides CURATOR_LLM_ENDPOINT.")
        var endpoint: String?
        @Option(help: "The model name sent with requests.")
        var model: String?
        @Option(help: "CPU threads for the local server (default: every core, shared with llama-servers already running).")
        var threads: Int?
        @Option(help: "Per-request deadline in seconds.")
        var timeout: Double?

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
            if let timeout, timeout <= 0 { throw ValidationError("--timeout must be positive") }
        }

        /// File, then environment, then these flags.
        func load() throws -> LLMConfiguration {
            var configuration = try LLMConfiguration.load(file: config.map { URL(fileURLWithPath: $0) }, environment: ProcessEnvironment.variables)
            if let endpoint {
                guard let url = URL(string: endpoint), url.host != nil else { throw ValidationError("--endpoint: not a URL: \(endpoint)") }
                configuration = LLMConnection.aimed(configuration, at: url)
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
            let (record, started) = try await LocalServerRegistry(environment: ProcessEnvironment.variables).start(configuration: configuration, embeddings: embeddings, port: port)
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
            let registry = LocalServerRegistry(environment: ProcessEnvironment.variables)
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
            let report = await LLMStatusReport.gather(configuration: try options.load(), registry: LocalServerRegistry(environment: ProcessEnvironment.variables))
            print(json ? report.json : report.text)
        }
    }
}

extension LLMCommand {
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure short completions at several concurrencies, and the client's overhead against curl.")
        @OptionGroup var options: Options
        @Option(help: "Requests per concurrency level.") var requests = 16
        @Option(parsing: .upToNextOption, help: "Concurrency levels.") var concurrency: [Int] = [1, 2, 4]
        @Option(help: "Tokens per completion.") var maxTokens = 8
        @Flag(help: "Print JSON instead of a table.") var json = false

        func validate() throws {
            guard requests > 0, maxTokens > 0, concurrency.allSatisfy({ $0 > 0 }) else {
                throw ValidationError("--requests, --max-tokens and --concurrency must be positive")
            }
        }

        func run() async throws {
            var configuration = LocalServerRegistry(environment: ProcessEnvironment.variables).resolve(try options.load())
            var server: LlamaServerProcess?
            if case .unreachable = await LLMClient(configuration: configuration).health() {
                // No server answers: start one for this run only, with a slot per concurrent request.
                configuration.parallelSlots = concurrency.max() ?? 1
                let launched = try await LlamaServerProcess.launch(
                    try LlamaServerOptions(configuration: configuration), tiedToCaller: true)
                configuration.endpoint = launched.endpoint
                server = launched
            }
            let client = LLMClient(configuration: configuration)
            var loads: [LLMBenchmark.LoadResult] = []
            _ = try await client.chat([.user("warm up")], options: GenerationOptions(maxTokens: 2))
            for level in concurrency {
                loads.append(try await LLMBenchmark.load(client: client, concurrency: level, requests: requests, maxTokens: maxTokens))
            }
            let overhead = try await LLMBenchmark.overhead(configuration: configuration, requests: 200)
            await server?.stop()
            if json {
                struct Report: Encodable { var endpoint: String; var threads: Int; var load: [LLMBenchmark.LoadResult]; var overhead: LLMBenchmark.OverheadResult }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let report = Report(endpoint: configuration.endpoint.absoluteString, threads: configuration.threads, load: loads, overhead: overhead)
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
                return
            }
            print("endpoint \(configuration.endpoint.absoluteString), \(maxTokens) tokens per completion")
            print("concurrency  requests  req/s   p50 ms   p99 ms  outside-server ms")
            for load in loads {
                print(String(format: "%11d  %8d  %5.2f  %7.1f  %7.1f  %17.2f", load.concurrency, load.requests,
                             load.requestsPerSecond, load.p50Milliseconds, load.p99Milliseconds, load.meanOutsideServerMilliseconds))
            }
            print(String(format: "GET /health p50: client %.3f ms, curl (reused connection) %.3f ms, curl process per request %.2f ms",
                         overhead.clientP50Milliseconds, overhead.curlP50Milliseconds, overhead.curlProcessP50Milliseconds))
        }
    }
}
