import CuratorChat
import Foundation
import Hummingbird
import Synchronization

/// `POST /v1/chat/completions` and `GET /v1/models`, as OpenAI's chat API has them, so any
/// client of that API can hold a conversation: the user turns of `messages` are replayed
/// through a fresh session (a stateless client works), the assistant's text is the reply as
/// the chat prints it, and the list travels in the extra `curator` field.
struct OpenAIRoutes {
    let conversations: ConversationService

    static let model = "curator"

    func register(on table: inout RouteTable) {
        table.on(.get, "/v1/models") { _, _ in
            try JSONBody.response(ModelList(data: [.init(id: Self.model, object: "model", created: 0, ownedBy: "curator")]))
        }
        table.on(.post, "/v1/chat/completions") { request, _ in
            let body = try await JSONBody.decode(ChatRequest.self, from: request, limit: conversations.service.configuration.bodyLimit)
            // Other fields of OpenAI's API (temperature, user…) change nothing here and are
            // passed over, as servers of the API do; what would be answered wrongly is refused.
            if let n = body.n, n != 1 { throw ServiceError.badField("n", "one choice is answered here: give 1 or leave it out") }
            if let index = body.messages.firstIndex(where: { !Self.roles.contains($0.role) }) {
                throw ServiceError.badField("messages[\(index)].role", "is not one of \(Self.roles.sorted().joined(separator: ", "))")
            }
            let said = body.messages.indices.filter { body.messages[$0].role == "user" }.compactMap { index in
                body.messages[index].content?.text.map { (index: index, text: $0) }
            }
            guard let latest = said.last else { throw ServiceError.badField("messages", "at least one message with role 'user' and text is needed") }
            // The latest message must be a turn; an earlier one that is not (an empty message, a
            // bad command) was answered with an error when it was sent, and is passed over now,
            // so one slip does not break every later request of a stateless client.
            do { _ = try ConversationService.check(latest.text) } catch let error as ServiceError {
                let field = "messages[\(latest.index)].content"
                let message = error.field.map { error.message.replacingOccurrences(of: $0 + ": ", with: "") } ?? error.message
                throw ServiceError(error.kind, code: error.code, message: "\(field): \(message)", field: field)
            }
            var replayed: [String] = [], passedOver: [Int] = []
            for message in said {
                do {
                    _ = try ConversationService.check(message.text)
                    replayed.append(message.text)
                } catch {
                    passedOver.append(message.index)
                }
            }
            let (turns, skipped) = (replayed, passedOver)
            let extra = { @Sendable (outcome: Conversation.Outcome) in Extra(outcome, turns: turns.count, passedOver: skipped) }
            let id = "chatcmpl-" + UUID().uuidString.lowercased()
            let created = Int(Date().timeIntervalSince1970)
            // Whatever model a client names (many send their default, "gpt-4o"), Curator
            // answers, and the answer says so: it never claims to be the model asked for.
            let model = Self.model
            guard body.stream == true else {
                let outcome = try await conversations.replay(turns)
                let message = ChatMessage(role: "assistant", content: .text(outcome.reply.plainText))
                return try JSONBody.response(Completion(
                    id: id, object: "chat.completion", created: created, model: model,
                    choices: [.init(index: 0, message: message, finishReason: "stop")],
                    usage: Usage(outcome), curator: extra(outcome)))
            }
            let chunk = { @Sendable (delta: Delta, finish: String?, extra: Extra?) in
                try EventStream.data(Chunk(id: id, object: "chat.completion.chunk", created: created, model: model,
                                           choices: [.init(index: 0, delta: delta, finishReason: finish)], curator: extra))
            }
            return EventStream.response(heartbeat: conversations.service.configuration.streamHeartbeat) { send in
                do {
                    send(try chunk(Delta(role: "assistant", content: ""), nil, nil))
                    let lines = LinesSent()
                    let outcome = try await conversations.replay(turns) { event in
                        for line in lines.next(event) { send((try? chunk(Delta(content: line), nil, nil)) ?? "") }
                    }
                    send(try chunk(Delta(), "stop", extra(outcome)))
                    send("data: [DONE]\n\n")
                } catch is CancellationError {
                    return
                } catch {
                    let failure = (error as? ServiceError) ?? ServiceError(.internalError, code: "internal", message: "the turn failed: \(error)")
                    send((try? EventStream.data(ErrorBody(error: .init(code: failure.code, message: failure.message)))) ?? "")
                }
            }
        }
    }
}

/// The plain-text lines of a streamed reply, each after the first with its newline before it,
/// so the pieces joined are the reply's `plainText`.
final class LinesSent: Sendable {
    private let state = Mutex<(lines: PlainTextLines, count: Int)>((PlainTextLines(), 0))

    func next(_ event: Conversation.Event) -> [String] {
        state.withLock { state in
            state.lines.lines(for: event).map { line in
                defer { state.count += 1 }
                return state.count == 0 ? line : "\n" + line
            }
        }
    }
}



extension OpenAIRoutes {
    struct ChatRequest: Codable, Sendable {
        var model: String?
        var messages: [ChatMessage]
        var stream: Bool?
        var n: Int?
    }

    /// The roles of OpenAI's chat API. The user's messages are the turns; the others (a
    /// client's own system prompt, the answers it was given, tools) are context a client
    /// sends along, and are not turns.
    static let roles: Set<String> = ["system", "developer", "user", "assistant", "tool", "function"]

    struct ChatMessage: Codable, Sendable {
        var role: String
        var content: Content?
    }

    /// A message's content: a string, or parts of which the text ones count.
    enum Content: Codable, Sendable {
        case text(String)
        case parts([Part])

        struct Part: Codable, Sendable {
            var type: String
            var text: String?
        }

        var text: String? {
            switch self {
            case .text(let text): text
            case .parts(let parts):
                parts.compactMap { $0.type == "text" ? $0.text : nil }.joined(separator: "\n")
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text) } else { self = .parts(try container.decode([Part].self)) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .parts(let parts): try container.encode(parts)
            }
        }
    }

    struct Completion: Codable, Sendable {
        struct Choice: Codable, Sendable {
            var index: Int
            var message: ChatMessage
            var finishReason: String

            enum CodingKeys: String, CodingKey {
                case index, message
                case finishReason = "finish_reason"
            }
        }

        var id: String
        var object: String
        var created: Int
        var model: String
        var choices: [Choice]
        var usage: Usage
        var curator: Extra
    }

    struct Delta: Codable, Sendable {
        var role: String?
        var content: String?
    }

    struct Chunk: Codable, Sendable {
        struct Choice: Codable, Sendable {
            var index: Int
            var delta: Delta
            var finishReason: String?

            enum CodingKeys: String, CodingKey {
                case index, delta
                case finishReason = "finish_reason"
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(index, forKey: .index)
                try container.encode(delta, forKey: .delta)
                try container.encode(finishReason, forKey: .finishReason)  // null until the last chunk, as OpenAI sends it
            }
        }

        var id: String
        var object: String
        var created: Int
        var model: String
        var choices: [Choice]
        var curator: Extra?
    }

    /// The LLM tokens the last turn used (0 without an LLM).
    struct Usage: Codable, Sendable {
        var promptTokens: Int
        var completionTokens: Int
        var totalTokens: Int

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case totalTokens = "total_tokens"
        }

        init(_ outcome: Conversation.Outcome) {
            promptTokens = outcome.timings.promptTokens
            completionTokens = outcome.timings.completionTokens
            totalTokens = promptTokens + completionTokens
        }
    }

    /// What standard clients ignore: the list, what was understood, and the session after the replay.
    struct Extra: Codable, Sendable {
        var items: [SessionBodies.Item]
        var understood: SessionBodies.Understood?
        var followUp: String?
        var notes: [String]
        var fallbacks: [Conversation.Fallback]
        var session: SessionBodies.State
        /// The indices in `messages` of user messages passed over (not a turn: empty, or a
        /// bad command, answered with an error when they were sent).
        var passedOver: [Int]

        enum CodingKeys: String, CodingKey {
            case items, understood, notes, fallbacks, session
            case followUp = "follow_up"
            case passedOver = "passed_over"
        }

        init(_ outcome: Conversation.Outcome, turns: Int, passedOver: [Int]) {
            self.passedOver = passedOver
            items = outcome.reply.entries.map(SessionBodies.Item.init)
            understood = outcome.understood.map(SessionBodies.Understood.init)
            followUp = outcome.reply.followUp
            notes = outcome.reply.notes
            fallbacks = outcome.fallbacks
            session = SessionBodies.State(id: nil, HeldSession(session: outcome.session, exchanges: turns))
        }
    }

    struct ModelList: Codable, Sendable {
        struct Model: Codable, Sendable {
            var id: String
            var object: String
            var created: Int
            var ownedBy: String

            enum CodingKeys: String, CodingKey {
                case id, object, created
                case ownedBy = "owned_by"
            }
        }

        var object = "list"
        var data: [Model]
    }
}
