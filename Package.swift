// swift-tools-version: 6.1
import PackageDescription

/// Curator: an LLM-augmented conversational recommender.
///
/// The targets follow the data flow: `CuratorCore` (data) → `CuratorRecall` (candidate models)
/// → `CuratorEval` (protocols and metrics); `CuratorHTTP` + `CuratorLLM` reach language models
/// over libcurl; the `curator` executable only parses arguments and calls the libraries.
let package = Package(
    name: "Curator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "curator", targets: ["curator"]),
        .library(name: "CuratorCore", targets: ["CuratorCore"]),
        .library(name: "CuratorRecall", targets: ["CuratorRecall"]),
        .library(name: "CuratorEval", targets: ["CuratorEval"]),
        .library(name: "CuratorHTTP", targets: ["CuratorHTTP"]),
        .library(name: "CuratorLLM", targets: ["CuratorLLM"]),
        .library(name: "CuratorLLMStage", targets: ["CuratorLLMStage"]),
        .library(name: "CuratorText", targets: ["CuratorText"]),
        .library(name: "CuratorColdStart", targets: ["CuratorColdStart"]),
        .library(name: "CuratorLab", targets: ["CuratorLab"]),
        .library(name: "CuratorServer", targets: ["CuratorServer"]),
        .library(name: "CuratorConversationEval", targets: ["CuratorConversationEval"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // `curator serve`: the HTTP server, its lifecycle and its Prometheus metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // `curator serve --store postgres://…`: feedback and impressions shared by replicas.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries from Debian, reached through shim headers.
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),

        // Row kernels (the softmax's exponentials) compiled for each x86-64 level, the CPU's best
        // chosen at load: the Swift targets build for baseline x86-64. Optimised in debug builds
        // too, so the tests' SASRec fits do not crawl.
        .target(name: "CVectorMath", cSettings: [.unsafeFlags(["-O2"])]),

        // Data: ids, catalog, interactions, sparse matrices, readers, splits, model files, and
        // parallel work (with BLAS kept off its own threads where that pays).
        .target(name: "CuratorCore", dependencies: ["CBLAS"]),
        // HTTP over libcurl: requests, streamed bodies, downloads.
        .target(
            name: "CuratorHTTP",
            dependencies: [
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Candidate models behind the `RecallModel` protocol.
        .target(
            name: "CuratorRecall",
            dependencies: ["CuratorCore", "CBLAS", "CVectorMath"]),
        // Protocols (loo, cold-items), metrics and the evaluation runner.
        .target(
            name: "CuratorEval",
            dependencies: ["CuratorCore", "CuratorRecall"]),
        // OpenAI-compatible client, llama.cpp extras, local server lifecycle.
        .target(
            name: "CuratorLLM",
            dependencies: [
                "CuratorCore", "CuratorHTTP",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The LLM stage: prompt templates (prompts/), enhance, rerank, explain, their cache and safety.
        .target(
            name: "CuratorLLMStage",
            dependencies: [
                "CuratorCore", "CuratorRecall", "CuratorLLM",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // The prompt lab: grids of template variant × endpoint × strategy × candidates, resumable,
        // with paired bootstrap intervals, position bias, and table/JSON/CSV/SVG reports.
        .target(
            name: "CuratorLab",
            dependencies: [
                "CuratorCore", "CuratorRecall", "CuratorEval", "CuratorLLM", "CuratorLLMStage",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Dataset downloads (MovieLens) with checksum and unpacking.
        .target(
            name: "CuratorFetch",
            dependencies: [
                "CuratorCore", "CuratorHTTP",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),

        // The conversation: understanding turns, session state, answers; sessions in SQLite.
        .target(
            name: "CuratorChat",
            dependencies: [
                "CuratorCore", "CuratorRecall", "CuratorLLMStage", "CuratorLLM",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // The conversation benchmark: target-seeded simulated users (their phrasing shares
        // nothing with the chat's reader), success within N turns, linking accuracy, baselines.
        .target(
            name: "CuratorConversationEval",
            dependencies: ["CuratorCore", "CuratorRecall", "CuratorEval", "CuratorChat"]),
        // Text embeddings: WordPiece + BERT on OpenBLAS (native MiniLM), remote endpoints, vector index.
        .target(
            name: "CuratorText",
            dependencies: ["CuratorCore", "CBLAS", "CuratorHTTP"]),
        // Cold start: text → collaborative space mappings, onboarded items, text-only users.
        .target(
            name: "CuratorColdStart",
            dependencies: ["CuratorCore", "CuratorRecall", "CuratorEval", "CuratorText", "CuratorHTTP", "CBLAS"]),

        // The recommendation service over HTTP (`curator serve`): routes, feedback and impressions in
        // SQLite, model snapshots swapped when `curator train` writes a new file, metrics, auth.
        .target(
            name: "CuratorServer",
            dependencies: [
                "CuratorCore", "CuratorRecall", "CuratorText", "CuratorColdStart", "CuratorLLMStage", "CuratorChat", "CuratorLLM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/page")]),

        // The command line: argument parsing and terminal output only.
        .executableTarget(
            name: "curator",
            dependencies: [
                "CuratorCore", "CuratorRecall", "CuratorEval", "CuratorFetch", "CuratorLLM", "CuratorLLMStage", "CuratorChat",
                "CuratorText", "CuratorColdStart", "CuratorLab", "CuratorServer", "CuratorConversationEval",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Shared by the tests: fixtures, seeded randomness, local HTTP servers on 127.0.0.1,
        // and the one real llama.cpp server per test process.
        .target(
            name: "CuratorTestSupport",
            dependencies: ["CuratorCore", "CuratorLLM", "CuratorText"]),

        .testTarget(name: "CuratorCoreTests", dependencies: ["CuratorCore", "CuratorTestSupport"]),
        .testTarget(name: "CuratorRecallTests", dependencies: ["CuratorRecall", "CuratorTestSupport"]),
        .testTarget(
            name: "CuratorChatTests",
            dependencies: ["CuratorChat", "CuratorTestSupport", "CuratorLLMStage", "CuratorLLM", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "CuratorConversationEvalTests",
            dependencies: ["CuratorConversationEval", "CuratorChat", "CuratorEval", "CuratorRecall", "CuratorTestSupport"]),
        .testTarget(name: "CuratorEvalTests", dependencies: ["CuratorEval", "CuratorTestSupport"]),
        .testTarget(name: "CuratorHTTPTests", dependencies: ["CuratorHTTP", "CuratorTestSupport"]),
        .testTarget(name: "CuratorLLMTests", dependencies: ["CuratorLLM", "CuratorTestSupport"]),
        .testTarget(name: "CuratorTextTests", dependencies: ["CuratorText", "CuratorTestSupport", "CuratorCore", "CuratorHTTP"]),
        .testTarget(
            name: "CuratorColdStartTests",
            dependencies: ["CuratorColdStart", "CuratorText", "CuratorTestSupport", "CuratorRecall", "CuratorEval"]),
        .testTarget(
            name: "CuratorLLMStageTests",
            dependencies: ["CuratorLLMStage", "CuratorTestSupport", "CuratorRecall", "CuratorLLM"]),
        .testTarget(
            name: "CuratorLabTests",
            dependencies: ["CuratorLab", "CuratorLLMStage", "CuratorTestSupport", "CuratorCore", "CuratorLLM"]),
        .testTarget(
            name: "CuratorFetchTests",
            dependencies: ["CuratorFetch", "CuratorTestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "CuratorServerTests",
            dependencies: ["CuratorServer", "CuratorTestSupport", "CuratorHTTP", "CuratorCore", "CuratorRecall", "CuratorChat", "CuratorLLM"]),
        .testTarget(
            name: "CuratorCLITests",
            dependencies: ["CuratorTestSupport", "CuratorFetch",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
