import CuratorServer
import CuratorTestSupport
import Foundation
import Testing

/// `/v1/chat/completions` and `/v1/models` through OpenAI's own Python client (from PyPI, in the
/// cache folder's virtual environment), streaming and not.
@Suite("the OpenAI-compatible endpoint, with the real openai client")
struct OpenAICompatibleTests {
    /// Talks to the server as an app would: the models, a two-turn conversation replayed as
    /// `messages` (a stateless client), the same streamed, and a request with no user message.
    static let script = #"""
    import json, sys, traceback
    try:
        import openai
        from openai import OpenAI
        client = OpenAI(base_url=sys.argv[1], api_key=sys.argv[2], max_retries=0)
        messages = [
            {"role": "system", "content": "You recommend films."},
            {"role": "user", "content": "something funny"},
            {"role": "assistant", "content": "(the earlier answer)"},
            {"role": "user", "content": [{"type": "text", "text": "/more"}]},
        ]
        models = [model.id for model in client.models.list()]
        whole = client.chat.completions.create(model="gpt-4o", messages=messages)
        extra = whole.model_extra["curator"]
        pieces, finish, chunks, last_extra = [], None, 0, None
        for chunk in client.chat.completions.create(model="curator", messages=messages, stream=True):
            chunks += 1
            choice = chunk.choices[0]
            if choice.delta.content:
                pieces.append(choice.delta.content)
            if choice.finish_reason:
                finish = choice.finish_reason
                last_extra = (chunk.model_extra or {}).get("curator")
        try:
            client.chat.completions.create(model="curator", messages=[{"role": "system", "content": "hello"}])
            refused = "accepted"
        except openai.BadRequestError as error:
            refused = error.status_code
        print(json.dumps({
            "models": models, "model": whole.model, "object": whole.object, "content": whole.choices[0].message.content,
            "role": whole.choices[0].message.role, "finish": whole.choices[0].finish_reason,
            "ids": [item["id"] for item in extra["items"]], "shown": extra["session"]["shown"],
            "streamed": "".join(pieces), "chunks": chunks, "stream_finish": finish,
            "stream_ids": [item["id"] for item in (last_extra or {}).get("items", [])], "refused": refused,
        }))
    except Exception:
        print(json.dumps({"error": traceback.format_exc()}))
    """#

    @Test func theOpenAIClientHoldsAConversationStreamingAndNot() async throws {
        let python = try OpenAIPython.locate()
        let server = try await LiveServer.start { $0.apiKeys = ["test-key"] }
        try await server.waitForConversations()
        let run = try await python.run(script: Self.script, arguments: ["http://127.0.0.1:\(server.port)/v1", "test-key"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)")
        #expect(result["error"] == nil, "\(result["error"] ?? "")")
        #expect(result["models"] as? [String] == ["curator"])
        #expect(result["model"] as? String == "curator", "a client's default model name is answered by Curator, which says so")
        #expect(result["object"] as? String == "chat.completion")
        #expect(result["role"] as? String == "assistant")
        #expect(result["finish"] as? String == "stop")

        // The same two turns in a session: the assistant's text is that reply as the chat prints it.
        let key = [(name: "X-API-Key", value: "test-key")]
        let id = try #require(try await server.call("POST", "/v1/sessions", json: [:], headers: key).object["session_id"] as? String)
        _ = try await server.call("POST", "/v1/sessions/\(id)/turns", json: ["text": "something funny"], headers: key)
        let more = try await server.call("POST", "/v1/sessions/\(id)/turns", json: ["text": "/more"], headers: key)
        let content = try #require(result["content"] as? String)
        #expect(content == more.object["text"] as? String)
        #expect(content.contains("  1. "), "\(content)")
        #expect(result["ids"] as? [String] == more.ids, "the list in the curator field")
        #expect((result["shown"] as? [String])?.count == 10, "both turns were replayed")

        #expect(result["streamed"] as? String == content, "the streamed pieces make the same text")
        #expect((result["chunks"] as? Int ?? 0) >= 3)
        #expect(result["stream_finish"] as? String == "stop")
        #expect(result["stream_ids"] as? [String] == more.ids)
        #expect(result["refused"] as? Int == 400, "no user message")
        try await server.stop()
    }
}
