import Foundation
import Hummingbird
import Logging

/// A server-sent-event response whose events are made by a task of their own.
///
/// A comment line goes out every `heartbeat` while no event does: the server learns that the
/// client went away from the failing write (nothing else tells it), and then cancels the task
/// making the events, so the LLM work of a turn nobody reads stops.
enum EventStream {
    /// One event: `event: name` and its JSON on one `data:` line.
    static func frame(_ name: String, _ value: some Encodable) throws -> String {
        "event: \(name)\ndata: \(String(decoding: try JSONBody.json(value), as: UTF8.self))\n\n"
    }

    /// A `data:` line without an event name (the OpenAI streaming format).
    static func data(_ value: some Encodable) throws -> String {
        "data: \(String(decoding: try JSONBody.json(value), as: UTF8.self))\n\n"
    }

    static let keepAlive = ": keep-alive\n\n"

    /// The frames of one response, in the order sent. Made before the response, so work under
    /// way before it (a turn started while its session was checked) can send into it.
    struct Frames: Sendable {
        fileprivate let stream: AsyncStream<String>
        fileprivate let continuation: AsyncStream<String>.Continuation

        init() {
            (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .unbounded)
        }

        func send(_ frame: String) { continuation.yield(frame) }
    }

    /// - Parameters:
    ///   - frames: where the frames wait to be written (some may be there already).
    ///   - heartbeat: how often a comment line goes out while no event does.
    ///   - produce: makes the events, handing each frame to `send`; cancelled when the client goes away.
    static func response(
        frames: Frames = Frames(), heartbeat: Duration,
        _ produce: @escaping @Sendable (_ send: @escaping @Sendable (String) -> Void) async -> Void
    ) -> Response {
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let work = Task {
                await produce(frames.send)
                frames.continuation.finish()
            }
            let beat = Task {
                while !Task.isCancelled {
                    try await Task.sleep(for: heartbeat)
                    frames.send(keepAlive)
                }
            }
            defer { beat.cancel() }
            do {
                for await frame in frames.stream { try await writer.write(ByteBuffer(string: frame)) }
            } catch {
                work.cancel()
                await work.value
                throw error
            }
            try await writer.finish(nil)
        })
    }
}
