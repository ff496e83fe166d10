import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on raw POSIX sockets, bound to 127.0.0.1 on a free port, that answers
/// every request with whatever its handler scripts, faults included. Each connection gets a
/// thread of its own. For tests only.
public final class LocalHTTPServer: Sendable {
    /// Failures to set the server up.
    public struct SetupError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The port it listens on.
    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (RecordedRequest) -> ScriptedResponse
    private let state = Mutex(State())

    private struct State {
        var requests: [RecordedRequest] = []
        var connections = 0
        var openSockets: Set<Int32> = []
        var stopped = false
    }

    /// Starts a server whose responses come from `handler`.
    /// - Throws: `SetupError` when the socket cannot be bound.
    public init(handler: @escaping @Sendable (RecordedRequest) -> ScriptedResponse) throws {
        self.handler = handler
        let (fd, port) = try Self.bindLoopback(listen: true)
        self.listener = fd
        self.port = port
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "local-http-accept"
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// `baseURL` with `path` appended (`path` starts with `/`).
    public func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// How many connections were accepted so far.
    public var connectionCount: Int { state.withLock { $0.connections } }

    /// How many connections are open right now (a hanging one closes once the client aborts).
    public var openConnectionCount: Int { state.withLock { $0.openSockets.count } }

    /// Waits up to `timeout` for `condition` to hold, polling every 10 ms; returns whether it did.
    public func wait(upTo timeout: Duration = .seconds(5), until condition: (LocalHTTPServer) -> Bool) async -> Bool {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(self)
    }

    /// Stops listening and closes every open connection (hanging ones included).
    public func stop() {
        let sockets: Set<Int32>? = state.withLock { state in
            guard !state.stopped else { return nil }
            state.stopped = true
            return state.openSockets
        }
        guard let sockets else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    /// A port on 127.0.0.1 that nothing listens on (bound briefly, then released).
    public static func refusedPort() throws -> Int {
        let (fd, port) = try bindLoopback(listen: false)
        close(fd)
        return port
    }

    private static func bindLoopback(listen shouldListen: Bool) throws -> (Int32, Int) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SetupError(description: "socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, !shouldListen || listen(fd, 128) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw SetupError(description: "bind/listen on 127.0.0.1: \(message)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            _ = $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return  // the listener was closed by stop()
            }
            let connection: Int? = state.withLock { state in
                guard !state.stopped else { return nil }
                state.connections += 1
                state.openSockets.insert(fd)
                return state.connections
            }
            guard let connection else {
                close(fd)
                return
            }
            let thread = Thread { [self] in serve(fd, connection: connection) }
            thread.name = "local-http-conn"
            thread.start()
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        let socket = ClientSocket(fd: fd)
        defer {
            state.withLock { _ = $0.openSockets.remove(fd) }
            close(fd)
        }
        while let request = socket.readRequest(connection: connection) {
            state.withLock { $0.requests.append(request) }
            let response = handler(request)
            let keepOpen = socket.send(response)
            if !keepOpen || request.headers["connection"]?.lowercased() == "close" { return }
        }
    }
}
