import CuratorChat
import CuratorCore
import Foundation

/// Everything `curator serve` is told: where the data and models are, where to listen, and
/// the limits a service keeps. String keys (flags, environment) are converted into this once,
/// at the edge.
public struct ServerConfiguration: Sendable {
    /// The dataset folder, as `--data` names it (the key of its state folder).
    public var dataPath: String
    public var filter: InteractionFilter
    public var state: StateDirectory
    /// The recall model served ("itemknn", "als", "fusion", …).
    public var modelKind: String
    public var host: String
    /// 0 lets the system choose a free port (read it back from `ServerHandle.port`).
    public var port: Int
    /// Keys accepted in `Authorization: Bearer …` or `X-API-Key`; empty means no key is needed.
    public var apiKeys: [String]
    /// The largest request body accepted (413 above it).
    public var bodyLimit: Int
    /// A handler still running after this answers 503 `timeout`.
    public var requestTimeout: Duration
    /// Requests per second allowed per key (or per client address without keys), with `rateBurst`
    /// in reserve; nil turns the limit off.
    public var rateLimit: Double?
    public var rateBurst: Double
    /// How often the model file is checked for a new version written by `curator train`.
    public var modelCheckInterval: Duration
    /// How often shown lists (impressions) are written to the store in one transaction.
    public var impressionFlushInterval: Duration
    public var feedback: FeedbackPolicy
    /// The largest `n` a request may ask for.
    public var maxCount: Int
    /// How the conversations of `/v1/sessions` and `/v1/chat/completions` are put together
    /// (the chat's settings: its recall model, list size, LLM step).
    public var conversation = ConversationSettings()
    /// A session not used for this long is removed.
    public var sessionTTL: Duration = .seconds(24 * 3600)
    /// How often a streamed reply sends a comment line while no event goes out (how soon a
    /// client that went away is noticed, and its turn's LLM work stopped).
    public var streamHeartbeat: Duration = .milliseconds(500)

    public init(
        dataPath: String, filter: InteractionFilter = InteractionFilter(), state: StateDirectory,
        modelKind: String = "itemknn", host: String = "127.0.0.1", port: Int = 8080, apiKeys: [String] = [],
        bodyLimit: Int = 1 << 20, requestTimeout: Duration = .seconds(10), rateLimit: Double? = nil, rateBurst: Double = 50,
        modelCheckInterval: Duration = .seconds(2), impressionFlushInterval: Duration = .milliseconds(200),
        feedback: FeedbackPolicy = FeedbackPolicy(), maxCount: Int = 500
    ) {
        self.dataPath = dataPath
        self.filter = filter
        self.state = state
        self.modelKind = modelKind
        self.host = host
        self.port = port
        self.apiKeys = apiKeys
        self.bodyLimit = bodyLimit
        self.requestTimeout = requestTimeout
        self.rateLimit = rateLimit
        self.rateBurst = rateBurst
        self.modelCheckInterval = modelCheckInterval
        self.impressionFlushInterval = impressionFlushInterval
        self.feedback = feedback
        self.maxCount = maxCount
    }

    /// The dataset's folder in the state directory (models, onboarded items, the serving store).
    public var datasetFolder: String { state.datasetFolder(path: dataPath, filter: filter) }

    /// API keys from `CURATOR_API_KEY` and from a key file (one key a line, `#` comments).
    /// - Throws: `ServerSetupError` when the key file cannot be read or holds no key.
    public static func apiKeys(environment: [String: String], keyFile: String?) throws -> [String] {
        var keys: [String] = []
        if let key = environment["CURATOR_API_KEY"]?.trimmingCharacters(in: .whitespaces), !key.isEmpty { keys.append(key) }
        if let keyFile {
            guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
                throw ServerSetupError("cannot read the key file \(keyFile)")
            }
            let fromFile = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            guard !fromFile.isEmpty else { throw ServerSetupError("the key file \(keyFile) holds no key") }
            keys += fromFile
        }
        return keys
    }
}

/// A configuration or start-up problem, said in one line.
public struct ServerSetupError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
