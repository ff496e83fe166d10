import CuratorChat
import Hummingbird

/// `POST /v1/sessions`, `POST /v1/sessions/{id}/turns` (JSON, or server-sent events with
/// `Accept: text/event-stream`), `GET` and `DELETE /v1/sessions/{id}`.
struct SessionRoutes {
    let conversations: ConversationService

    struct NewSession: Codable, Sendable {
        var user: String?
    }

    struct TurnRequest: Codable, Sendable {
        var text: String
    }

    struct ErrorEvent: Codable, Sendable {
        var code: String
        var message: String
    }

    var limit: Int { conversations.service.configuration.bodyLimit }

    func register(on table: inout RouteTable) {
        table.on(.post, "/v1/sessions") { request, _ in
            // A field misspelt ("usr") is refused, not a session without the history asked for.
            let body = try await JSONBody.decode(NewSession.self, from: request, limit: limit, whenEmpty: NewSession(), fields: ["user"])
            let id = try await conversations.create(user: body.user)
            return try JSONBody.response(SessionBodies.Created(sessionID: id), status: .created)
        }
        table.on(.post, "/v1/sessions/{id}/turns") { request, context in
            let body = try await JSONBody.decode(TurnRequest.self, from: request, limit: limit, fields: ["text"])
            let id = try context.parameter("id")
            guard request.wantsEventStream else {
                let pending = try await conversations.begin(body.text, in: id)
                return try JSONBody.response(SessionBodies.Turn(try await conversations.run(pending)))
            }
            // The turn's events are framed on its own task as they are made, straight into the
            // response's frames: the list goes out without waiting for another task's turn.
            let frames = EventStream.Frames()
            let pending = try await conversations.begin(body.text, in: id) { event in
                if let frame = try? SessionBodies.frame(event) { frames.send(frame) }
            }
            return EventStream.response(frames: frames, heartbeat: conversations.service.configuration.streamHeartbeat) { send in
                do {
                    let result = try await conversations.run(pending)
                    send(try EventStream.frame("done", SessionBodies.Done(turn: result.turn)))
                } catch is CancellationError {
                    return
                } catch {
                    let failure = (error as? ServiceError) ?? ServiceError(.internalError, code: "internal", message: "the turn failed: \(error)")
                    send((try? EventStream.frame("error", ErrorEvent(code: failure.code, message: failure.message))) ?? "")
                }
            }
        }
        table.on(.get, "/v1/sessions/{id}") { _, context in
            let id = try context.parameter("id")
            return try JSONBody.response(SessionBodies.State(id: id, try await conversations.state(of: id)))
        }
        table.on(.delete, "/v1/sessions/{id}") { _, context in
            try await conversations.delete(try context.parameter("id"))
            return Response(status: .noContent)
        }
    }
}

extension Request {
    /// Whether the client asked for server-sent events.
    var wantsEventStream: Bool { headers[.accept]?.contains("text/event-stream") == true }
}
