import ArgumentParser
import CuratorChat
import CuratorCore
import CuratorLLM
import CuratorRecall
import CuratorServer
import CuratorText
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve recommendations, similar items, onboarding and feedback over HTTP.",
        discussion: """
        Loads the model saved by `curator train` (or fits and saves one, with progress) and \
        answers JSON on the routes of the OpenAPI document served at /openapi.json. Feedback \
        (POST /v1/feedback) and impressions are kept in SQLite in the state folder (or, with \
        --store postgres://…, in PostgreSQL shared by several replicas) and change a user's next \
        answer at once; `curator train --with-feedback` folds them into the next fit, and the new \
        model file is swapped in without a restart.

        With CURATOR_API_KEY set (or --key-file), every route but /health/* and the chat page's \
        files needs \
        `Authorization: Bearer <key>` or `X-API-Key`. Logs are JSON lines on standard error; \
        SIGTERM or Ctrl-C drains requests and stops.

        Conversations: POST /v1/sessions starts one, POST /v1/sessions/{id}/turns answers a turn \
        (server-sent events with Accept: text/event-stream), and POST /v1/chat/completions speaks \
        OpenAI's chat API. They use the chat's recall model (--chat-model) and, with --llm, the \
        LLM step; sessions are kept in the state folder's SQLite and removed after --session-ttl idle.

        The chat page: open http://127.0.0.1:PORT/ in a browser for a conversation with cards, \
        like and dislike buttons, "more" and explanations as they are written (plain HTML, CSS \
        and JavaScript from the server, nothing loaded from elsewhere). With keys on, the page \
        asks for one once and keeps it in that tab.

        Examples:
          curator serve --data ../shared/data/ml-100k --port 8080
          curator serve --data examples/movies --model als --port 0      # prints the chosen port
          curator serve --data ../shared/data/ml-100k --store postgres://curator@127.0.0.1:5432/curator
          curl -s localhost:8080/v1/users/1/recommendations?n=5
          curl -s -X POST localhost:8080/v1/feedback -d '[{"user":"1","item":"50","type":"like"}]'
          curl -s -X POST localhost:8080/v1/sessions -d '{}'      # {"session_id":"…"}
          curl -s -X POST localhost:8080/v1/sessions/ID/turns -d '{"text":"i loved the fugitive"}'
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup(title: "Text (onboarding and text requests)") var embedding: EmbeddingOptions

    @Option(help: "The model: \(RecallModelRegistry.kinds.joined(separator: ", ")).")
    var model = "itemknn"

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port, printed at start).")
    var port = 8080

    @Option(help: ArgumentHelp("Where feedback, impressions and sessions are kept: sqlite (the state folder) or postgres://user[:password]@host[:port]/database[?sslmode=…] (shared by replicas).", valueName: "sqlite|url"))
    var store = "sqlite"

    @Option(name: .customLong("key-file"), help: ArgumentHelp("API keys, one a line (with or instead of $CURATOR_API_KEY).", valueName: "file"))
    var keyFile: String?

    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("Requests a second per key (per client address without keys); 0 turns it off.", valueName: "n"))
    var rateLimit: Double = 0

    @Option(name: .customLong("rate-burst"), help: "Requests a key may send at once above the rate.")
    var rateBurst: Double = 50

    @Option(name: .customLong("body-limit"), help: ArgumentHelp("The largest request body in bytes (413 above).", valueName: "bytes"))
    var bodyLimit = 1 << 20

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds before a request is answered 503 timeout.", valueName: "s"))
    var requestTimeout: Double = 10

    @Option(name: .customLong("feedback-types"), help: ArgumentHelp("Accepted feedback types and their history weights (negative: unwanted).", valueName: "type=w,..."))
    var feedbackTypes = "like=1,dislike=-1,view=0.5,rating=1,purchase=2"

    @Option(name: .customLong("model-check"), help: ArgumentHelp("Seconds between checks for a new model file.", valueName: "s"))
    var modelCheck: Double = 2

    @Flag(name: .customLong("no-text"), help: "Serve without a text embedder (text requests and onboarding answer 503).")
    var noText = false

    @Option(name: .customLong("chat-model"), help: "The conversations' recall model (default: the chat's, \(ConversationSettings.chosenModel)).")
    var chatModel: String?

    @Option(help: LLMChoice.help("The conversations' LLM."))
    var llm: LLMChoice = .none

    @Option(name: .customLong("session-ttl"), help: ArgumentHelp("Seconds a session may stay idle before it is removed.", valueName: "s"))
    var sessionTTL: Double = 24 * 3600

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        _ = try RecallModelRegistry.modelType(named: model)
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        guard rateLimit >= 0, bodyLimit > 0, requestTimeout > 0, modelCheck > 0 else {
            throw ValidationError("--rate-limit, --body-limit, --request-timeout and --model-check must be positive")
        }
        if let chatModel { _ = try RecallModelRegistry.modelType(named: chatModel) }
        guard sessionTTL > 0 else { throw ValidationError("--session-ttl must be positive") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
        _ = try FeedbackPolicy(parsing: feedbackTypes)
        do { _ = try ServingStoreLocation(parsing: store) } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
        let dataset = try data.load()
        var embedder: (any TextEmbedder)?
        if !noText {
            do { embedder = try embedding.make() } catch {
                Terminal.err("warning: no text embedder (\(error)); text requests and onboarding will answer 503")
            }
        }
        var configuration = ServerConfiguration(
            dataPath: data.data, filter: data.filter, state: data.stateDirectory, modelKind: model, host: host, port: port,
            apiKeys: try ServerConfiguration.apiKeys(environment: ProcessEnvironment.variables, keyFile: keyFile),
            bodyLimit: bodyLimit, requestTimeout: .milliseconds(Int(requestTimeout * 1000)),
            rateLimit: rateLimit > 0 ? rateLimit : nil, rateBurst: rateBurst,
            modelCheckInterval: .milliseconds(Int(modelCheck * 1000)), feedback: try FeedbackPolicy(parsing: feedbackTypes))
        configuration.conversation.model = chatModel
        configuration.conversation.promptsFolder = ProcessEnvironment.promptsFolder(nil)
        configuration.sessionTTL = .milliseconds(Int(sessionTTL * 1000))
        let llmClient = llm == .none ? nil : try await LLMConnection.connect(endpoint: llm.endpoint).client
        var logger = Logger(label: "curator.serve") { JSONLinesLogHandler(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel)!
        let servingStore = try await ServingStoreLocation(parsing: store).open(datasetFolder: configuration.datasetFolder, logger: logger)
        let service = try RecommendationService(configuration: configuration, dataset: dataset, embedder: embedder, store: servingStore)
        // Both models named: conversations use the chat's recall model, which may differ.
        let conversations = configuration.conversation.recallModel(for: dataset)
        let keys = configuration.apiKeys.isEmpty ? "no API key" : "\(configuration.apiKeys.count) API key(s)"
        let server = CuratorServer(service: service, logger: logger, progress: TerminalProgress(), llm: llmClient) { port in
            Terminal.out("listening on http://\(host):\(port) (recommendations: \(model), conversations: \(conversations), \(keys), feedback in \(servingStore))")
        }
        do {
            try await server.runUntilSignalled(logger: logger)
        } catch {
            await servingStore.close()
            throw error
        }
        await servingStore.close()
        // Drained, and every accepted write is in the store: end now, without the exit
        // handlers. OpenBLAS's joins its threads and can hang while a background embedding is
        // inside a BLAS call (seen under SIGTERM in bench-serve-chat's restart); nothing is
        // left for them to do.
        fflush(nil)
        _exit(0)
    }
}

/// One JSON object a line on standard error: time, level, label, message, metadata.
struct JSONLinesLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: String] = [
            "time": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue, "label": label, "message": "\(event.message)",
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[key] = "\(value)" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return }
        Terminal.err(String(decoding: data, as: UTF8.self))
    }
}
