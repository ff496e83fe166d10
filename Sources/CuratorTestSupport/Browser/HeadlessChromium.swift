import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Debian's headless Chromium, driven over the Chrome DevTools Protocol on a pipe
/// (`--remote-debugging-pipe`: it reads commands on descriptor 3 and writes answers and events
/// on descriptor 4, each message JSON ended by a NUL byte). No WebDriver, no downloaded browser.
///
/// Every call has a bound: a command not answered within its timeout throws, and a browser
/// that exits fails every waiting call at once with the end of its log.
public final class HeadlessChromium: Sendable {
    /// A browser that cannot be found, started, or that did not answer.
    public struct BrowserError: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// A DevTools answer or event: JSON objects as `JSONSerialization` reads them.
    public struct Message: @unchecked Sendable {
        // @unchecked: `object` holds only JSONSerialization's immutable value types.
        public var object: [String: Any]
        public subscript(key: String) -> Any? { object[key] }
    }

    /// The Chromium binary: `$CURATOR_CHROMIUM`, else the first of Debian's names found.
    public static func executable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let given = environment["CURATOR_CHROMIUM"], !given.isEmpty { return given }
        return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let pid: pid_t
    private let commands: Int32
    private let profile: String
    private let logPath: String
    private let nextID = Atomic<Int>(1)
    private let state = Mutex(State())
    private let writeLock = Mutex(())

    private struct State {
        var waiting: [Int: CheckedContinuation<Message, any Error>] = [:]
        var ended: String?
        /// Uncaught exceptions and console errors of the pages, as the browser reported them.
        var pageErrors: [String] = []
        var closed = false
    }

    /// What to do when Chromium is missing.
    static let installAdvice = "scripts/test installs Debian's chromium package (scripts/bootstrap.sh --browser), or run `apt-get install chromium`"

    /// Starts Chromium headless with a fresh profile in `folder`.
    /// - Parameter executable: the browser (default: `executable()`).
    /// - Throws: `BrowserError` when Chromium is not installed or does not start.
    public init(folder: String, executable: String? = HeadlessChromium.executable(), windowWidth: Int = 1024, windowHeight: Int = 900) throws {
        guard let executable else {
            throw BrowserError("Chromium is not installed (looked for /usr/bin/chromium, /usr/bin/chromium-browser and $CURATOR_CHROMIUM): \(Self.installAdvice)")
        }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BrowserError("Chromium is not at \(executable): \(Self.installAdvice)")
        }
        // A browser that exited makes writes to its pipe fail with EPIPE instead of killing the tests.
        signal(SIGPIPE, SIG_IGN)
        profile = folder + "/profile"
        logPath = folder + "/chromium.log"
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio",
            "--hide-scrollbars", "--password-store=basic", "--use-mock-keychain",
            "--window-size=\(windowWidth),\(windowHeight)",
            "--user-data-dir=\(profile)", "--remote-debugging-pipe", "about:blank",
        ]
        (pid, commands, events) = try Self.spawn(executable, arguments, log: logPath)
        let events = events
        Thread.detachNewThread { [self] in readLoop(events) }
    }

    private let events: Int32

    deinit { terminate() }

    // MARK: Commands

    /// Sends a DevTools command and waits for its answer.
    /// - Parameters:
    ///   - session: the target session (from `Target.attachToTarget`), nil for the browser itself.
    /// - Returns: the command's `result`.
    /// - Throws: `BrowserError` when the browser answers with an error, exits, or is silent past `timeout`.
    @discardableResult
    public func send(_ method: String, _ parameters: [String: Any] = [:], session: String? = nil, timeout: Duration = .seconds(30)) async throws -> Message {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        let data = try JSONSerialization.data(withJSONObject: message)
        let answer: Message = try await withCheckedThrowingContinuation { continuation in
            let ended = state.withLock { state -> String? in
                if let ended = state.ended { return ended }
                state.waiting[id] = continuation
                return nil
            }
            if let ended { return continuation.resume(throwing: BrowserError("\(method): \(ended)")) }
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                self?.fail(id, BrowserError("\(method): no answer within \(timeout)"))
            }
            if !write(data) { fail(id, BrowserError("\(method): cannot write to the browser's pipe")) }
        }
        if let error = answer["error"] as? [String: Any] {
            throw BrowserError("\(method): \(error["message"] as? String ?? "error") \(error["data"] as? String ?? "")")
        }
        return Message(object: answer["result"] as? [String: Any] ?? [:])
    }

    /// What the pages reported as uncaught exceptions or console errors so far.
    public var pageErrors: [String] { state.withLock { $0.pageErrors } }

    /// The end of Chromium's own log (for failure messages).
    public func logTail(lines: Int = 15) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// Opens a new tab and attaches to it.
    public func newPage(timeout: Duration = .seconds(30)) async throws -> BrowserPage {
        let target = try await send("Target.createTarget", ["url": "about:blank"], timeout: timeout)
        guard let targetID = target["targetId"] as? String else { throw BrowserError("Target.createTarget gave no targetId") }
        let attached = try await send("Target.attachToTarget", ["targetId": targetID, "flatten": true], timeout: timeout)
        guard let session = attached["sessionId"] as? String else { throw BrowserError("Target.attachToTarget gave no sessionId") }
        let page = BrowserPage(browser: self, session: session)
        try await page.send("Page.enable")
        try await page.send("Runtime.enable")
        return page
    }

    /// Asks the browser to close, then ends its whole process group (within a few seconds).
    public func close() async {
        if !state.withLock({ $0.ended != nil }) {
            _ = try? await send("Browser.close", timeout: .seconds(5))
        }
        for _ in 0..<50 {
            if exited() { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        terminate()
    }

    // MARK: The pipe

    private func write(_ data: Data) -> Bool {
        writeLock.withLock { _ in
            var bytes = [UInt8](data)
            bytes.append(0)
            var offset = 0
            while offset < bytes.count {
                let count = bytes.withUnsafeBytes { Glibc.write(commands, $0.baseAddress! + offset, bytes.count - offset) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
    }

    private func fail(_ id: Int, _ error: BrowserError) {
        state.withLock { $0.waiting.removeValue(forKey: id) }?.resume(throwing: error)
    }

    /// Reads NUL-ended messages until the browser closes its end; then fails what still waits.
    private func readLoop(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var pending: [UInt8] = []
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[0..<count])
            while let end = pending.firstIndex(of: 0) {
                let message = Array(pending[..<end])
                pending.removeSubrange(...end)
                handle(message)
            }
        }
        Glibc.close(descriptor)
        let waiting = state.withLock { state -> [CheckedContinuation<Message, any Error>] in
            state.ended = "the browser closed its DevTools pipe (it exited); its log ends:\n\(logTail())"
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        let reason = state.withLock { $0.ended ?? "" }
        for continuation in waiting { continuation.resume(throwing: BrowserError(reason)) }
    }

    private func handle(_ bytes: [UInt8]) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return }
        if let id = object["id"] as? Int {
            state.withLock { $0.waiting.removeValue(forKey: id) }?.resume(returning: Message(object: object))
            return
        }
        let parameters = object["params"] as? [String: Any] ?? [:]
        switch object["method"] as? String {
        case "Runtime.exceptionThrown":
            let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
            let description = ((details["exception"] as? [String: Any])?["description"] as? String) ?? (details["text"] as? String ?? "exception")
            state.withLock { $0.pageErrors.append("exception: \(description)") }
        case "Runtime.consoleAPICalled" where parameters["type"] as? String == "error":
            let arguments = (parameters["args"] as? [[String: Any]] ?? []).map { "\($0["value"] ?? $0["description"] ?? "")" }
            state.withLock { $0.pageErrors.append("console.error: \(arguments.joined(separator: " "))") }
        default:
            break
        }
    }

    // MARK: The process

    private func exited() -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return result == pid || (result == -1 && errno == ECHILD)
    }

    /// Kills the browser's process group (its renderer and helper processes too) and reaps it.
    private func terminate() {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        Glibc.close(commands)
    }

    /// Starts `executable` in its own process group with the DevTools pipe on descriptors 3
    /// and 4, standard output and error into `log`.
    private static func spawn(_ executable: String, _ arguments: [String], log: String) throws -> (pid_t, commands: Int32, events: Int32) {
        var toBrowser: [Int32] = [-1, -1], fromBrowser: [Int32] = [-1, -1]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw BrowserError("pipe: \(String(cString: strerror(errno)))") }
        // The child's ends, moved above 4 so that placing them on 3 and 4 cannot overwrite each other.
        let childIn = fcntl(toBrowser[0], F_DUPFD_CLOEXEC, 10), childOut = fcntl(fromBrowser[1], F_DUPFD_CLOEXEC, 10)
        Glibc.close(toBrowser[0])
        Glibc.close(fromBrowser[1])
        [toBrowser[1], fromBrowser[0]].forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        defer {
            Glibc.close(childIn)
            Glibc.close(childOut)
        }
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let logFile = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer {
            Glibc.close(devNull)
            Glibc.close(logFile)
        }
        guard devNull >= 0, logFile >= 0 else { throw BrowserError("cannot open /dev/null or \(log): \(String(cString: strerror(errno)))") }

        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(executable, arguments, descriptors: [0: devNull, 1: logFile, 2: logFile, 3: childIn, 4: childOut],
                                         ownProcessGroup: true)
        } catch {
            Glibc.close(toBrowser[1])
            Glibc.close(fromBrowser[0])
            throw BrowserError("\(error)")
        }
        return (pid, toBrowser[1], fromBrowser[0])
    }
}
