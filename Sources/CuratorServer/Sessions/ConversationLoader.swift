import CuratorCore
import Logging
import ServiceLifecycle

/// Builds the conversations' `Conversation` at start-up (the chat's recall model, fitted and
/// saved when none is stored), then removes idle sessions now and then until shutdown.
struct ConversationLoader: Service {
    let conversations: ConversationService
    let progress: any ProgressReporter
    let logger: Logger

    func run() async throws {
        do { try conversations.prepare(progress: progress) } catch {
            logger.error("conversations are off: their model could not be set up", metadata: ["error": "\(error)"])
        }
        let every = min(conversations.service.configuration.sessionTTL, .seconds(60))
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try await conversations.removeExpired()
                    if removed > 0 { logger.info("idle sessions removed", metadata: ["count": "\(removed)"]) }
                } catch {
                    logger.warning("cannot remove idle sessions", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: every)
            }
        }
    }
}
