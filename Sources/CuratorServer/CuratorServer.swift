import CuratorCore
import CuratorLLM
import Hummingbird
import Logging
import ServiceLifecycle

/// `curator serve`: the recommendation service on hummingbird, with its model loader and
/// impression writer under one service group (graceful shutdown drains requests, then writes
/// the last impressions).
///
/// Routes are grouped by resource (`OperationsRoutes`, `RecommendationRoutes`, `ItemRoutes`,
/// `FeedbackRoutes`, `PageRoutes`); a new resource adds its group in `makeRouter`.
public struct CuratorServer: Service {
    public let service: RecommendationService
    /// The conversations of `/v1/sessions` and `/v1/chat/completions`.
    public let conversations: ConversationService
    /// Every route served, as the OpenAPI document names them.
    public let routes: [APIRoute]
    private let application: Application<RouterResponder<ServerRequestContext>>

    /// - Parameters:
    ///   - progress: receives the progress of a model fit at start-up.
    ///   - llm: the LLM of the conversations' turns (nil: recall and rules only).
    ///   - onRunning: called with the port once the server listens (the chosen one for port 0).
    public init(
        service: RecommendationService, logger: Logger, progress: any ProgressReporter = SilentProgress(), llm: LLMClient? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.service = service
        conversations = ConversationService(service: service, llm: llm, logger: logger)
        let (router, routes) = Self.makeRouter(service: service, conversations: conversations)
        self.routes = routes
        let configuration = service.configuration
        application = Application(
            router: router,
            server: .http1(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "curator"),
            services: [ModelLoader(service: service, progress: progress, logger: logger), ImpressionWriter(service: service, logger: logger),
                       ConversationLoader(conversations: conversations, progress: progress, logger: logger)],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    static func makeRouter(service: RecommendationService, conversations: ConversationService) -> (Router<ServerRequestContext>, [APIRoute]) {
        let router = Router(context: ServerRequestContext.self)
        let configuration = service.configuration
        router.add(middleware: AccessMiddleware(metrics: service.metrics))
        let served = ServedRoutes()
        router.add(middleware: ErrorMiddleware(served: served))
        router.add(middleware: AuthMiddleware(
            keys: configuration.apiKeys,
            limiter: configuration.rateLimit.map { RateLimiter(rate: $0, burst: configuration.rateBurst) }))
        var table = RouteTable(router: router, deadline: configuration.requestTimeout)
        PageRoutes().register(on: &table)
        OperationsRoutes(service: service).register(on: &table)
        RecommendationRoutes(service: service, conversations: conversations).register(on: &table)
        ItemRoutes(service: service).register(on: &table)
        FeedbackRoutes(service: service).register(on: &table)
        SessionRoutes(conversations: conversations).register(on: &table)
        OpenAIRoutes(conversations: conversations).register(on: &table)
        served.set(table.routes)
        return (router, table.routes)
    }

    /// Serves until the task is cancelled or the service group shuts down.
    public func run() async throws {
        try await application.run()
    }

    /// Serves until SIGTERM or SIGINT, then drains requests and stops.
    public func runUntilSignalled(logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
