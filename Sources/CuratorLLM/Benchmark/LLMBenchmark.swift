import CuratorCore
import CuratorHTTP
import Foundation
import Synchronization

/// Throughput and latency of short completions, and the client's own overhead per request.
public enum LLMBenchmark {
    /// One load level.
    public struct LoadResult: Sendable, Codable {
        public var concurrency: Int
        public var requests: Int
        public var seconds: Double
        public var requestsPerSecond: Double
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        /// Mean of (client latency − the server's own prompt + generation time).
        public var meanOutsideServerMilliseconds: Double
        public var completionTokens: Int
    }

    /// Per-request time of a trivial request (`GET /health`), this client against the curl tool.
    public struct OverheadResult: Sendable, Codable {
        public var requests: Int
        public var clientP50Milliseconds: Double
        public var curlP50Milliseconds: Double
        /// Wall time of one `curl` process per request (process start included).
        public var curlProcessP50Milliseconds: Double
    }

    /// Sends `requests` short chat completions, `concurrency` at a time.
    /// - Throws: the first `LLMError`.
    public static func load(
        client: LLMClient, concurrency: Int, requests: Int, maxTokens: Int
    ) async throws -> LoadResult {
        let next = Counter()
        let options = GenerationOptions(maxTokens: maxTokens, temperature: 0, extra: ["cache_prompt": false])
        let start = ContinuousClock.now
        let samples = try await withThrowingTaskGroup(of: [(Double, Double, Int)].self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var samples: [(Double, Double, Int)] = []
                    while next.take() < requests {
                        let begin = ContinuousClock.now
                        let answer = try await client.chat(
                            [.user("Suggest one film for a rainy evening, in a few words. Request \(samples.count).")],
                            options: options)
                        let latency = (ContinuousClock.now - begin).inSeconds * 1000
                        let server = (answer.timings?.promptMs ?? 0) + (answer.timings?.predictedMs ?? 0)
                        samples.append((latency, latency - server, answer.usage?.completionTokens ?? 0))
                    }
                    return samples
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let seconds = (ContinuousClock.now - start).inSeconds
        let latencies = samples.map(\.0)
        return LoadResult(
            concurrency: concurrency, requests: samples.count, seconds: seconds,
            requestsPerSecond: Double(samples.count) / seconds,
            p50Milliseconds: Percentile.nearestRank(latencies, 0.50), p99Milliseconds: Percentile.nearestRank(latencies, 0.99),
            meanOutsideServerMilliseconds: samples.map(\.1).reduce(0, +) / Double(max(1, samples.count)),
            completionTokens: samples.map(\.2).reduce(0, +))
    }

    /// Times `requests` sequential `GET /health` calls with this client, with one `curl` process
    /// doing the same over one reused connection (its own `time_total`), and with one `curl`
    /// process per request.
    /// - Throws: an `LLMError`-like failure when the server does not answer or curl is missing.
    public static func overhead(configuration: LLMConfiguration, requests: Int) async throws -> OverheadResult {
        let url = configuration.serverURL("health")
        let http = HTTPClient()
        _ = try await http.send(.get(url))  // connect once, as curl's first request does
        var client: [Double] = []
        for _ in 0..<requests {
            let begin = ContinuousClock.now
            _ = try await http.send(.get(url))
            client.append((ContinuousClock.now - begin).inSeconds * 1000)
        }
        // One `-o` per URL: curl applies each to the next URL only.
        let arguments = ["-s", "-w", "%{time_total}\\n"]
            + Array(repeating: ["-o", "/dev/null", url.absoluteString], count: requests + 1).flatMap { $0 }
        let output = try runCurl(arguments)
        let curl = output.split(separator: "\n").dropFirst().compactMap { Double($0) }.map { $0 * 1000 }
        var processes: [Double] = []
        for _ in 0..<min(requests, 50) {
            let begin = ContinuousClock.now
            _ = try runCurl(["-s", "-o", "/dev/null", url.absoluteString])
            processes.append((ContinuousClock.now - begin).inSeconds * 1000)
        }
        return OverheadResult(
            requests: requests, clientP50Milliseconds: Percentile.nearestRank(client, 0.5),
            curlP50Milliseconds: Percentile.nearestRank(curl, 0.5), curlProcessP50Milliseconds: Percentile.nearestRank(processes, 0.5))
    }

    static func runCurl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A shared ticket counter for the benchmark's workers.
private final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    /// The next ticket, starting at 0.
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
