/// Arguments the local llama.cpp server needs beside `LlamaServerOptions`' own.
///
/// The bundled llama.cpp enables Jinja templates by default, and then reads
/// `--chat-template gemma` (what `LlamaServerOptions` passes) as the literal Jinja template
/// "gemma": every chat request renders as the five letters `gemma` and the model never sees the
/// conversation (`POST /apply-template` answers `{"prompt":"gemma"}`). `--no-jinja` makes
/// `gemma` name the built-in Gemma turn format again. The fix belongs in CuratorLLM
/// (`LlamaServerOptions.arguments`); until it lands there, the test server and the CLI's
/// LLM stage add this (the shared test server in CuratorTestSupport adds the same flag).
public enum LlamaServerWorkaround {
    /// `["--no-jinja"]` for the chat server, nothing for embeddings.
    public static func arguments(embeddings: Bool) -> [String] {
        embeddings ? [] : ["--no-jinja"]
    }
}
