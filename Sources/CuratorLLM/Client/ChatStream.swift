import CuratorHTTP
import Foundation

/// How much of a streamed completion is read before the client stops it, whatever the
/// server sends: a server that ignores `max_tokens` (or sends one endless event) must not
/// fill memory and the terminal.
public struct StreamLimits: Sendable, Equatable {
    /// Chunks with text (a server sends one per token) beyond which the stream ends.
    public var maxTextChunks: Int
    /// Bytes of the response body beyond which the stream ends.
    public var maxBytes: Int

    public init(maxTextChunks: Int, maxBytes: Int) {
        self.maxTextChunks = maxTextChunks
        self.maxBytes = maxBytes
    }

    /// Chunks the tokens asked for, plus `tokenSlack` (a server's count may differ a little),
    /// and 64 KiB plus 2 KiB per token (a llama.cpp chunk event with timings is about 400 bytes).
    public init(maxTokens: Int?) {
        let tokens = maxTokens ?? Self.tokensWhenUnbounded
        self.init(maxTextChunks: tokens + Self.tokenSlack, maxBytes: 65_536 + tokens * 2048)
    }

    /// Chunks allowed beyond the tokens asked for.
    public static let tokenSlack = 16
    /// The bound for a request that set no `max_tokens`.
    public static let tokensWhenUnbounded = 4096
}

/// A streamed chat completion: the chunks as the server sends them, ending at `[DONE]`, or
/// quietly at its `limits` (the server was told `max_tokens`; what it sends beyond is dropped).
///
/// Iterating throws `LLMError`: `.streamEndedEarly` when the connection closes before `[DONE]`
/// (or mid-event), `.malformedResponse` for an event that is not a chunk, `.serverError` for
/// an error event.
public struct ChatStream: AsyncSequence, Sendable {
    public typealias Element = ChatCompletionChunk
    let body: HTTPBody
    let endpoint: String
    var limits = StreamLimits(maxTokens: nil)

    public func makeAsyncIterator() -> Iterator {
        Iterator(body: body.makeAsyncIterator(), endpoint: endpoint, limits: limits)
    }

    /// Reads chunk events one at a time.
    public struct Iterator: AsyncIteratorProtocol {
        var body: HTTPBody.Iterator
        let endpoint: String
        let limits: StreamLimits
        var parser = ServerSentEventParser()
        var pending: [String] = []
        var finished = false
        var bytesRead = 0
        var textChunks = 0

        public mutating func next() async throws(LLMError) -> ChatCompletionChunk? {
            while !finished {
                if !pending.isEmpty {
                    let payload = pending.removeFirst()
                    if payload.trimmingCharacters(in: .whitespaces) == "[DONE]" {
                        finished = true
                        // Read the response to its end (the closing chunk), so the connection
                        // can be reused instead of being aborted when the body is dropped.
                        while case .some(.some) = try? await body.next() {}
                        return nil
                    }
                    let chunk = try decode(payload)
                    if !chunk.text.isEmpty {
                        textChunks += 1
                        if textChunks > limits.maxTextChunks { return stop() }
                    }
                    return chunk
                }
                let chunk: Data?
                do {
                    chunk = try await body.next()
                } catch let error as HTTPError {
                    finished = true
                    throw LLMError(error, streaming: true)
                } catch {
                    finished = true
                    throw LLMError(.cancelled, endpoint: endpoint, message: "\(error)")
                }
                guard let chunk else {
                    finished = true
                    let detail = parser.hasPartialEvent ? "the connection closed mid-event" : "no [DONE] event"
                    throw LLMError(.streamEndedEarly, endpoint: endpoint, message: detail)
                }
                bytesRead += chunk.count
                if bytesRead > limits.maxBytes { return stop() }
                pending += parser.feed(chunk)
            }
            return nil
        }

        /// Ends the stream at its limits and stops the transfer.
        private mutating func stop() -> ChatCompletionChunk? {
            finished = true
            pending.removeAll()
            body.cancel()
            return nil
        }

        private func decode(_ payload: String) throws(LLMError) -> ChatCompletionChunk {
            let data = Data(payload.utf8)
            if let object = try? JSONValue.parse(data), let error = object["error"] {
                let message = error["message"]?.stringValue ?? error.stringValue ?? error.description
                throw LLMError(.serverError, endpoint: endpoint, message: message)
            }
            return try LLMClient.decode(ChatCompletionChunk.self, from: data, endpoint: endpoint)
        }
    }

    /// Joins every chunk's text; returns it with the last usage and timings reported.
    /// - Throws: `LLMError` as iterating does.
    public func collect() async throws(LLMError) -> (text: String, usage: Usage?, timings: Timings?) {
        var text = ""
        var usage: Usage?
        var timings: Timings?
        var iterator = makeAsyncIterator()
        while let chunk = try await iterator.next() {
            text += chunk.text
            usage = chunk.usage ?? usage
            timings = chunk.timings ?? timings
        }
        return (text, usage, timings)
    }
}

extension LLMClient {
    /// Answers a conversation as a stream of chunks (server-sent events).
    ///
    /// Connection failures, 429 and 5xx before the stream starts are retried; once it started,
    /// a failure ends the stream with an error. The stream asks for `usage` in its last chunk.
    /// - Throws: `LLMError` when the stream cannot start.
    public func streamChat(_ messages: [ChatMessage], options: GenerationOptions = GenerationOptions()) async throws(LLMError) -> ChatStream {
        var body = try fields(options, chat: true)
        body["messages"] = try Self.json(messages)
        body["stream"] = true
        body["stream_options"] = ["include_usage": true]
        let url = configuration.apiURL("chat/completions")
        var request = try request("POST", url, body: body)
        request.headers = request.headers.filter { $0.name != "Accept" } + [("Accept", "text/event-stream")]
        let deadline = ContinuousClock.now + configuration.requestTimeout
        do {
            let response = try await http.withRetries(configuration.retryPolicy, deadline: deadline, request: request) { timeouts throws(HTTPError) in
                var attempt = request
                attempt.timeouts = timeouts
                return try await http.stream(attempt)
            }
            return ChatStream(body: response.body, endpoint: "POST \(url.absoluteString)", limits: StreamLimits(maxTokens: options.maxTokens))
        } catch {
            throw LLMError(error)
        }
    }
}
