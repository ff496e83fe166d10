import CuratorLLM
import Foundation
import Testing

@Suite("LLMConfiguration: defaults < file < environment; LocalInstall discovery")
struct ConfigurationTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("curator-llm-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func fileThenEnvironmentOverrideTheDefaults() throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("llm.json")
        try Data(#"{"endpoint":"https://api.example.com/v1","model":"small","api_key_variable":"MY_KEY","request_timeout":30,"threads":3}"#.utf8).write(to: file)
        let fromFile = try LLMConfiguration.load(file: file, environment: ["CURATOR_CACHE_DIR": folder.path])
        #expect(fromFile.endpoint.absoluteString == "https://api.example.com/v1")
        #expect(fromFile.apiBase.absoluteString == "https://api.example.com/v1")
        #expect(fromFile.serverRoot.absoluteString == "https://api.example.com/")
        #expect(fromFile.model == "small")
        #expect(fromFile.requestTimeout == .seconds(30))
        #expect(fromFile.threads == 3)
        #expect(fromFile.apiKey == nil)

        let environment = ["CURATOR_CACHE_DIR": folder.path, "MY_KEY": "sk-abc", "CURATOR_LLM_ENDPOINT": "http://127.0.0.1:9999",
                           "CURATOR_LLM_THREADS": "1"]
        let overridden = try LLMConfiguration.load(file: file, environment: environment)
        #expect(overridden.endpoint.absoluteString == "http://127.0.0.1:9999")
        #expect(overridden.apiURL("chat/completions").absoluteString == "http://127.0.0.1:9999/v1/chat/completions")
        #expect(overridden.serverURL("health").absoluteString == "http://127.0.0.1:9999/health")
        #expect(overridden.threads == 1)
        #expect(overridden.apiKey == APIKey("sk-abc"))
        #expect(!"\(overridden)".contains("sk-abc"))
    }

    @Test func malformedSourcesAreNamed() throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("llm.json")
        try Data(#"{"threads":"many"}"#.utf8).write(to: file)
        #expect { try LLMConfiguration.load(file: file, environment: [:]) } throws: { error in
            "\(error)".contains(file.path) && "\(error)".contains("threads")
        }
        #expect { try LLMConfiguration.load(file: nil, environment: ["CURATOR_CONFIG_DIR": folder.path + "/none", "CURATOR_LLM_ENDPOINT": "not a url"]) } throws: { error in
            "\(error)".contains("CURATOR_LLM_ENDPOINT")
        }
    }

    @Test func discoversTheInstallThroughTheEnvFileAndTheCacheLayout() throws {
        let cache = try Self.folder()
        let binary = cache.appendingPathComponent("llama.cpp/1.0-noamx/bin/llama-server")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("#!/bin/sh\n".utf8).write(to: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        let model = cache.appendingPathComponent("models/gemma-3-270m-q4_k_m.gguf")
        try FileManager.default.createDirectory(at: model.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("gguf".utf8).write(to: model)
        let found = LocalInstall.discover(environment: ["CURATOR_CACHE_DIR": cache.path])
        #expect(found.serverBinary == binary.path)
        #expect(found.modelPath == model.path)

        let empty = try Self.folder()
        let missing = LocalInstall.discover(environment: ["CURATOR_CACHE_DIR": empty.path])
        #expect(missing.serverBinary == nil && missing.modelPath == nil)
        var configuration = try LLMConfiguration.load(file: nil, environment: ["CURATOR_CACHE_DIR": empty.path, "CURATOR_CONFIG_DIR": empty.path])
        configuration.threads = 1
        #expect { try LlamaServerOptions(configuration: configuration) } throws: { error in
            "\(error)".contains("scripts/bootstrap.sh --llm")
        }
    }
}
