import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running `llama-server` on 127.0.0.1.
public final class LlamaServerProcess: Sendable {
    /// The server's process id.
    public let pid: Int32
    /// Its port on 127.0.0.1.
    public let port: Int
    /// Its output.
    public let logFile: URL
    /// Whether the server was started with `--embeddings`.
    public let embeddings: Bool
    /// The wrapper that ends the server when our process goes away (tied servers only).
    private let guardian: Process?

    /// Runs `"$@"` and ends it (TERM, then KILL after 5 s) once the parent process is gone.
    static let guardianScript = """
        parent=$PPID
        "$@" </dev/null & child=$!
        echo "pid $child" >&2
        trap 'kill -TERM $child 2>/dev/null' TERM INT
        while kill -0 $parent 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
        kill -TERM $child 2>/dev/null
        (sleep 5; kill -KILL $child 2>/dev/null) & killer=$!
        wait $child
        kill $killer 2>/dev/null
        """

    /// `http://127.0.0.1:<port>`.
    public var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(pid: Int32, port: Int, logFile: URL, embeddings: Bool, guardian: Process?) {
        self.pid = pid
        self.port = port
        self.logFile = logFile
        self.embeddings = embeddings
        self.guardian = guardian
    }

    /// Launches a server and waits until `/health` says it is ready.
    ///
    /// A `tiedToCaller` server runs under a small shell guardian that watches this process:
    /// when this process exits, even killed, the guardian ends the server within a second, so
    /// no orphan survives a test run. An untied server outlives this process
    /// (`curator llm start`) and is ended with `stop()` or `LlamaServerProcess.terminate(pid:)`.
    /// - Parameters:
    ///   - options: binary, model, threads and the rest.
    ///   - tiedToCaller: end the server when this process ends.
    ///   - readyTimeout: how long loading may take.
    /// - Throws: `LocalServerError` (`.failedToStart` with the log's last lines, `.notReady`).
    public static func launch(
        _ options: LlamaServerOptions, tiedToCaller: Bool, readyTimeout: Duration = .seconds(120),
        logger: Logger = Logger(label: "curator.llm.server")
    ) async throws(LocalServerError) -> LlamaServerProcess {
        var lastError = LocalServerError(.failedToStart, "not started")
        for _ in 0..<3 {  // a picked free port can be taken meanwhile: try another
            let port = options.port ?? freePort()
            let server = try spawn(options, port: port, tied: tiedToCaller)
            logger.debug("started llama-server", metadata: ["pid": "\(server.pid)", "port": "\(port)", "log": "\(options.logFile.path)"])
            var configuration = LLMConfiguration()
            configuration.endpoint = server.endpoint
            let client = LLMClient(configuration: configuration, logger: logger)
            let end = ContinuousClock.now + readyTimeout
            while ContinuousClock.now < end, server.isRunning {
                if await client.health() == .ready { return server }
                try? await Task.sleep(for: .milliseconds(100))
            }
            let alive = server.isRunning
            await server.stop()
            lastError = alive
                ? LocalServerError(.notReady, "llama-server was not ready after \(readyTimeout)", logFile: options.logFile.path)
                : LocalServerError(.failedToStart, "llama-server exited while loading: \(tail(of: options.logFile))", logFile: options.logFile.path)
            if alive || options.port != nil { break }
        }
        throw lastError
    }

    private static func spawn(_ options: LlamaServerOptions, port: Int, tied: Bool) throws(LocalServerError) -> LlamaServerProcess {
        _ = FileManager.default.createFile(atPath: options.logFile.path, contents: nil)
        guard let log = FileHandle(forWritingAtPath: options.logFile.path) else {
            throw LocalServerError(.failedToStart, "cannot write the log file \(options.logFile.path)")
        }
        let process = Process()
        let arguments = [options.binary] + options.arguments(port: port)
        if tied {
            // The guardian starts the server, prints its pid, and ends it as soon as this process
            // (its parent) is gone, however it ended: it polls the parent's pid.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", Self.guardianScript, "guardian"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: options.binary)
            process.arguments = Array(arguments.dropFirst())
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do {
            try runWithDefaultSignalMask(process)
        } catch {
            throw LocalServerError(.failedToStart, "cannot launch \(options.binary): \(error)", logFile: options.logFile.path)
        }
        try? log.close()
        var pid = process.processIdentifier
        if tied {
            pid = waitForChildPid(in: options.logFile) ?? pid
        }
        return LlamaServerProcess(
            pid: pid, port: port, logFile: options.logFile, embeddings: options.embeddings,
            guardian: tied ? process : nil)
    }

    /// Starts `process` from a thread of its own with no signal blocked.
    ///
    /// A child inherits its spawning thread's signal mask, and Swift's cooperative threads block
    /// almost every signal: a server spawned from one would never see SIGTERM (measured: it only
    /// died to SIGKILL).
    private static func runWithDefaultSignalMask(_ process: Process) throws {
        let failure = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var none = sigset_t()
            sigemptyset(&none)
            pthread_sigmask(SIG_SETMASK, &none, nil)
            do { try process.run() } catch { failure.withLock { $0 = error } }
            done.signal()
        }
        thread.start()
        done.wait()  // posix_spawn returns at once
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Reads the guardian's `pid N` line from the log.
    private static func waitForChildPid(in log: URL) -> Int32? {
        for _ in 0..<100 {
            if let text = try? String(contentsOf: log, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("pid ") }) {
                return Int32(line.dropFirst(4))
            }
            usleep(10_000)
        }
        return nil
    }

    /// Whether the server process still runs.
    public var isRunning: Bool { Self.isAlive(pid: pid) }

    /// Ends the server: SIGTERM, then SIGKILL after `timeout`.
    public func stop(timeout: Duration = .seconds(5)) async {
        await Self.terminate(pid: pid, timeout: timeout)
        guardian?.waitUntilExit()
    }

    /// Ends the process `pid`: SIGTERM, then SIGKILL if it is still there after `timeout`.
    public static func terminate(pid: Int32, timeout: Duration = .seconds(5)) async {
        guard isAlive(pid: pid) else { return }
        kill(pid, SIGTERM)
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if !isAlive(pid: pid) { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
    }

    /// Whether a process `pid` exists and is not a zombie.
    public static func isAlive(pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 else { return false }
        let status = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = status.lastIndex(of: ")") else { return true }
        return !status[status.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// A port on 127.0.0.1 that is free right now.
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 ? getsockname(fd, pointer, &length) : -1
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The last lines of a log file.
    static func tail(of url: URL, lines: Int = 8) -> String {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: " | ")
    }
}
