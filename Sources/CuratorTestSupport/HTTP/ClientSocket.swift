import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One accepted connection of `LocalHTTPServer`: reads requests, writes scripted responses.
struct ClientSocket {
    let fd: Int32
    private let buffer = Buffer()

    /// Bytes read but not consumed yet (a class so that the struct's methods can keep it).
    private final class Buffer { var data = Data() }

    init(fd: Int32) { self.fd = fd }

    /// Reads one request; `nil` when the peer closed the connection or sent garbage.
    func readRequest(connection: Int) -> RecordedRequest? {
        let separator = Data("\r\n\r\n".utf8)
        var headEnd = buffer.data.range(of: separator)
        while headEnd == nil {
            guard fill() else { return nil }
            headEnd = buffer.data.range(of: separator)
        }
        let head = String(decoding: buffer.data[..<headEnd!.lowerBound], as: UTF8.self)
        buffer.data.removeSubrange(..<headEnd!.upperBound)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = headers["content-length"].flatMap(Int.init) ?? 0
        while buffer.data.count < length {
            guard fill() else { return nil }
        }
        let body = Data(buffer.data.prefix(length))
        buffer.data.removeFirst(length)
        return RecordedRequest(
            method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body,
            connection: connection)
    }

    /// Sends `response` as scripted; returns whether the connection may serve another request.
    func send(_ response: ScriptedResponse) -> Bool {
        switch response.behaviour {
        case .normal:
            return write(response.head(contentLength: response.body.count) + response.body)
        case .closeImmediately:
            return false
        case .hang:
            while fill() {}  // until the client gives up or the server stops
            return false
        case .trickle(let chunkSize, let interval):
            guard write(response.head(contentLength: response.body.count)) else { return false }
            var offset = 0
            while offset < response.body.count {
                let end = min(offset + max(1, chunkSize), response.body.count)
                guard write(response.body[offset..<end]) else { return false }
                offset = end
                if offset < response.body.count { Thread.sleep(forTimeInterval: interval.seconds) }
            }
            return true
        case .cutAfter(let bytes):
            _ = write(response.head(contentLength: response.body.count) + response.body.prefix(bytes))
            return false
        case .chunked(let chunks, let interval, let complete):
            return writeChunks(response, chunks, complete: complete) { index in
                if index > 0 && interval > .zero { Thread.sleep(forTimeInterval: interval.seconds) }
            }
        case .gated(let chunks, let gate):
            return writeChunks(response, chunks, complete: true) { index in if index > 0 { gate(index) } }
        case .repeated(let times):
            guard write(response.head(contentLength: response.body.count * times)) else { return false }
            for _ in 0..<times {
                guard write(response.body) else { return false }
            }
            return true
        }
    }

    /// Writes the head, then each chunk in chunked encoding after `before(index)` returns.
    private func writeChunks(_ response: ScriptedResponse, _ chunks: [Data], complete: Bool, before: (Int) -> Void) -> Bool {
        guard write(response.head(contentLength: nil)) else { return false }
        for (index, chunk) in chunks.enumerated() {
            before(index)
            guard write(Data(String(chunk.count, radix: 16).utf8) + Data("\r\n".utf8) + chunk + Data("\r\n".utf8)) else {
                return false
            }
        }
        return complete && write(Data("0\r\n\r\n".utf8))
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.data.append(contentsOf: chunk[..<count])
            return true
        }
    }

    private func write<Bytes: DataProtocol>(_ bytes: Bytes) -> Bool {
        let data = Data(bytes)
        return data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 && errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }
}

extension Duration {
    /// The duration in seconds, as `TimeInterval`.
    var seconds: TimeInterval {
        let (whole, attoseconds) = components
        return TimeInterval(whole) + TimeInterval(attoseconds) / 1e18
    }
}
