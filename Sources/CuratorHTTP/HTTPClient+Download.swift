import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HTTPClient {
    /// Reports download progress: bytes received so far, and the total when the server said it.
    /// Called on the transfer's thread, once per received chunk; keep it quick.
    public typealias DownloadProgress = @Sendable (_ received: Int64, _ expected: Int64?) -> Void

    /// Downloads `url` into the file `destination`, replacing it only when the download completed.
    ///
    /// The body goes to `destination` + `.part` first and is renamed at the end, so an
    /// interrupted download never leaves a truncated file under the final name. Redirects are
    /// followed. Missing parent folders are created.
    /// - Parameters:
    ///   - url: what to download.
    ///   - destination: the file to write.
    ///   - timeouts: by default no total limit, but at most 30 seconds without a byte.
    ///   - progress: called as bytes arrive.
    /// - Returns: the number of bytes written.
    /// - Throws: `HTTPError` (`.status` with the server's message, `.file` when the file cannot be
    ///   written, `.unreachable`, `.timedOut`, `.connectionLost`, `.cancelled`, ...).
    @discardableResult
    public func download(
        from url: URL, to destination: URL, timeouts: HTTPTimeouts? = nil,
        progress: DownloadProgress? = nil
    ) async throws(HTTPError) -> Int64 {
        var request = HTTPRequest.get(url)
        request.timeouts = timeouts ?? HTTPTimeouts(connect: configuration.timeouts.connect, total: nil, idle: .seconds(30))
        let partial = destination.appendingPathExtension("part")
        func fileError(_ message: String) -> HTTPError {
            HTTPError(.file, method: "GET", url: url, message: message)
        }
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw fileError("cannot create the folder of \(destination.path): \(error)")
        }
        let fd = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fileError("cannot open \(partial.path): \(String(cString: strerror(errno)))") }
        let sink = FileSink(fd: fd, path: partial.path, progress: progress)
        let outcome = await run(request, sink: sink)
        let closed = close(fd) == 0
        do throws(HTTPError) {
            if let error = outcome.error { throw error }
            let status = outcome.status ?? 0
            guard (200...299).contains(status) else {
                throw HTTPError.status(status, headers: outcome.headers, body: sink.errorBody, request: request)
            }
            guard closed else { throw fileError("cannot close \(partial.path): \(String(cString: strerror(errno)))") }
            _ = try? FileManager.default.removeItem(at: destination)
            do {
                try FileManager.default.moveItem(at: partial, to: destination)
            } catch {
                throw fileError("cannot rename \(partial.path) to \(destination.path): \(error)")
            }
            return sink.received
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}

/// Writes a successful body to a file descriptor; keeps an error body (status ≥ 300) in memory.
final class FileSink: ResponseSink {
    private let fd: Int32
    private let path: String
    private let progress: HTTPClient.DownloadProgress?
    private let state = Mutex(State())

    private struct State {
        var isError = false
        var expected: Int64?
        var received: Int64 = 0
        var errorBody = Data()
    }

    init(fd: Int32, path: String, progress: HTTPClient.DownloadProgress?) {
        self.fd = fd
        self.path = path
        self.progress = progress
    }

    var received: Int64 { state.withLock { $0.received } }
    var errorBody: Data { state.withLock { $0.errorBody } }

    func receiveHead(status: Int, headers: HTTPHeaders) -> SinkVerdict {
        state.withLock { state in
            state.isError = !(200...299).contains(status)
            state.expected = headers["Content-Length"].flatMap(Int64.init)
        }
        return .proceed
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> SinkVerdict {
        let (isError, expected) = state.withLock { ($0.isError, $0.expected) }
        if isError {
            state.withLock { if $0.errorBody.count < 65_536 { $0.errorBody.append(contentsOf: bytes.prefix(65_536)) } }
            return .proceed
        }
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return .abort(.file, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        let received = state.withLock { state in
            state.received += Int64(bytes.count)
            return state.received
        }
        progress?(received, expected)
        return .proceed
    }
}
