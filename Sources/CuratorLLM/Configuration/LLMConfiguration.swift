import CuratorHTTP
import Foundation

/// Everything Curator needs to reach a language model, and to run the local one.
///
/// Sources, each overriding the one before: defaults, the config file (`llm.json`),
/// the environment (`CURATOR_LLM_*`), then command-line flags (applied by the CLI).
public struct LLMConfiguration: Sendable, Equatable {
    /// The server: its root (`http://127.0.0.1:8080`) or its API base (`https://api.openai.com/v1`).
    public var endpoint: URL
    /// The model name sent with each request (`nil`: the server's default; llama.cpp ignores it).
    public var model: String?
    /// The environment variable the API key is read from.
    public var apiKeyVariable: String
    /// The API key, from that variable or the config file; never printed.
    public var apiKey: APIKey?
    /// Limit for connecting to the server.
    public var connectTimeout: Duration
    /// Deadline for one call, retries included.
    public var requestTimeout: Duration
    /// Attempts per call, the first included.
    public var maxAttempts: Int
    /// Local server: CPU threads (default: every core, shared with llama-servers already
    /// running; `threads` in llm.json or `CURATOR_LLM_THREADS` sets it).
    public var threads: Int
    /// Local server: context size in tokens, shared by its slots.
    public var contextSize: Int
    /// Local server: parallel request slots.
    public var parallelSlots: Int
    /// Local server: the `llama-server` binary.
    public var serverBinary: String?
    /// Local server: the GGUF model file.
    public var modelPath: String?
    /// Local server: a built-in chat template name or a Jinja file (default: the model's own;
    /// `gemma` for Gemma 3 270M, which has none).
    public var chatTemplate: String?

    /// The defaults: a local llama.cpp server on port 8080, no key.
    public init() {
        endpoint = URL(string: "http://127.0.0.1:8080")!
        model = nil
        apiKeyVariable = "CURATOR_LLM_API_KEY"
        apiKey = nil
        connectTimeout = .seconds(5)
        requestTimeout = .seconds(120)
        maxAttempts = 3
        threads = Self.defaultThreads()
        contextSize = 4096
        parallelSlots = 2
        serverBinary = nil
        modelPath = nil
        chatTemplate = nil
    }

    /// This configuration aimed at `url` (a command-line endpoint). The API key goes along only
    /// when `url` is on the endpoint it was configured for (same scheme, host and port): a key
    /// meant for one service is never sent to another by a typo or a borrowed command line.
    /// - Returns: the configuration, and whether a key was withheld.
    public func pointed(at url: URL) -> (configuration: LLMConfiguration, withheldKey: Bool) {
        var pointed = self
        pointed.endpoint = url
        guard apiKey != nil, !Self.sameOrigin(url, endpoint) else { return (pointed, false) }
        pointed.apiKey = nil
        return (pointed, true)
    }

    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func port(_ url: URL) -> Int? { url.port ?? (url.scheme == "https" ? 443 : url.scheme == "http" ? 80 : nil) }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && port(a) == port(b)
    }

    /// The retry policy for `maxAttempts`.
    public var retryPolicy: RetryPolicy { RetryPolicy(maxAttempts: maxAttempts) }

    /// The OpenAI API base: the endpoint if it ends in `/v1`, else the endpoint + `/v1`.
    public var apiBase: URL {
        endpoint.path.hasSuffix("/v1") ? endpoint : endpoint.appendingPathComponent("v1")
    }

    /// The server root, where llama.cpp's `/health`, `/tokenize` and `/props` live.
    public var serverRoot: URL {
        endpoint.path.hasSuffix("/v1") ? endpoint.deletingLastPathComponent() : endpoint
    }

    /// `apiBase` + `path`.
    public func apiURL(_ path: String) -> URL { apiBase.appendingPathComponent(path) }

    /// `serverRoot` + `path`.
    public func serverURL(_ path: String) -> URL { serverRoot.appendingPathComponent(path) }

    /// Every core, shared with the llama-servers already running. The local model answers a
    /// person waiting at the chat prompt, and prompt processing scales with threads: on 2
    /// cores the chat's first item came after 1.03 s (p50) with 1 thread and 0.57 s with 2.
    /// But two servers of 2 threads each on 2 cores spin against each other: a chat started
    /// beside a prompt-lab run took minutes per turn. (An earlier default, cores idle by the
    /// 1-minute load average, counted work that had just ended, a build say, and gave 1.)
    public static func defaultThreads() -> Int {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return max(1, cores / (1 + runningServers()))
    }

    /// How many `llama-server` processes run on this machine now (Linux: from /proc).
    static func runningServers() -> Int {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        return entries.count { entry in
            guard Int(entry) != nil,
                  let name = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8) else { return false }
            return name.trimmingCharacters(in: .whitespacesAndNewlines) == "llama-server"
        }
    }
}
