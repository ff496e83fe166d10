import Foundation

extension LLMConfiguration {
    /// A configuration source that could not be read.
    public struct LoadingError: Error, CustomStringConvertible {
        public var source: String
        public var message: String
        public var description: String { "\(source): \(message)" }
    }

    /// The config file's shape (`llm.json`); every field optional, durations in seconds.
    struct File: Decodable {
        var endpoint: String?
        var model: String?
        var apiKeyVariable: String?
        var apiKey: String?
        var connectTimeout: Double?
        var requestTimeout: Double?
        var maxAttempts: Int?
        var threads: Int?
        var contextSize: Int?
        var parallelSlots: Int?
        var serverBinary: String?
        var modelPath: String?
        var chatTemplate: String?
    }

    /// `$CURATOR_CONFIG_DIR/llm.json`, default `~/.config/curator/llm.json`.
    public static func defaultFile(environment: [String: String]) -> URL {
        let folder = environment["CURATOR_CONFIG_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["XDG_CONFIG_HOME"] ?? (NSHomeDirectory() + "/.config")).appendingPathComponent("curator")
        return folder.appendingPathComponent("llm.json")
    }

    /// Defaults, then the config file (if it exists), then the environment, then the local
    /// install's `llm.env` for the server binary and model when still unset.
    /// - Parameters:
    ///   - file: the config file; `nil` for `defaultFile`.
    ///   - environment: the variables to read (`CURATOR_LLM_ENDPOINT`, `CURATOR_LLM_MODEL_NAME`,
    ///     `CURATOR_LLM_API_KEY_VAR`, `CURATOR_LLM_TIMEOUT`, `CURATOR_LLM_THREADS`,
    ///     `CURATOR_LLAMA_SERVER`, `CURATOR_LLM_MODEL`, and the key's own variable).
    /// - Throws: `LoadingError` naming the file or variable that is malformed.
    public static func load(file: URL? = nil, environment: [String: String]) throws -> LLMConfiguration {
        var configuration = LLMConfiguration()
        let file = file ?? defaultFile(environment: environment)
        if FileManager.default.fileExists(atPath: file.path) {
            try configuration.apply(fileAt: file)
        }
        try configuration.apply(environment: environment)
        let install = LocalInstall.discover(environment: environment)
        if configuration.serverBinary == nil { configuration.serverBinary = install.serverBinary }
        if configuration.modelPath == nil { configuration.modelPath = install.modelPath }
        return configuration
    }

    mutating func apply(fileAt url: URL) throws {
        let source = url.path
        let values: File
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            values = try decoder.decode(File.self, from: Data(contentsOf: url))
        } catch {
            throw LoadingError(source: source, message: LLMClient.describe(error))
        }
        if let text = values.endpoint { endpoint = try Self.url(text, source: "\(source): endpoint") }
        model = values.model ?? model
        apiKeyVariable = values.apiKeyVariable ?? apiKeyVariable
        apiKey = values.apiKey.flatMap(APIKey.init) ?? apiKey
        connectTimeout = values.connectTimeout.map { .milliseconds(Int($0 * 1000)) } ?? connectTimeout
        requestTimeout = values.requestTimeout.map { .milliseconds(Int($0 * 1000)) } ?? requestTimeout
        maxAttempts = values.maxAttempts ?? maxAttempts
        threads = values.threads ?? threads
        contextSize = values.contextSize ?? contextSize
        parallelSlots = values.parallelSlots ?? parallelSlots
        serverBinary = values.serverBinary ?? serverBinary
        modelPath = values.modelPath ?? modelPath
        chatTemplate = values.chatTemplate ?? chatTemplate
    }

    mutating func apply(environment: [String: String]) throws {
        func number(_ name: String) throws -> Double? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Double(text), value > 0 else {
                throw LoadingError(source: "environment variable \(name)", message: "expected a positive number, got '\(text)'")
            }
            return value
        }
        if let text = environment["CURATOR_LLM_ENDPOINT"], !text.isEmpty {
            endpoint = try Self.url(text, source: "environment variable CURATOR_LLM_ENDPOINT")
        }
        if let name = environment["CURATOR_LLM_MODEL_NAME"], !name.isEmpty { model = name }
        if let name = environment["CURATOR_LLM_API_KEY_VAR"], !name.isEmpty { apiKeyVariable = name }
        if let key = environment[apiKeyVariable].flatMap(APIKey.init) { apiKey = key }
        if let seconds = try number("CURATOR_LLM_TIMEOUT") { requestTimeout = .milliseconds(Int(seconds * 1000)) }
        if let count = try number("CURATOR_LLM_THREADS") { threads = Int(count) }
        if let path = environment["CURATOR_LLAMA_SERVER"], !path.isEmpty { serverBinary = path }
        if let path = environment["CURATOR_LLM_MODEL"], !path.isEmpty { modelPath = path }
    }

    static func url(_ text: String, source: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw LoadingError(source: source, message: "expected an http(s) URL, got '\(text)'")
        }
        return url
    }
}
