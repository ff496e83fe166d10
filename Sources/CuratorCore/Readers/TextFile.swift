import Foundation

/// A whole file held as bytes, with the line-level helpers every reader shares.
struct TextFile {
    enum Encoding: String { case utf8 = "UTF-8", latin1 = "Latin-1" }

    let path: String
    let bytes: [UInt8]

    /// Reads the file straight into one array (no intermediate copy: files reach gigabytes),
    /// failing with `DataError.missingFile` when it is not there.
    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case EACCES, EPERM: throw DataError(.permissionDenied, file: path)
            case ENOENT, ENOTDIR: throw DataError(.missingFile, file: path)
            default: throw DataError(.invalid("could not be opened: \(String(cString: strerror(code)))"), file: path)
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw DataError(.missingFile, file: path)
        }
        let size = Int(info.st_size)
        var failed = false
        bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let n = read(descriptor, buffer.baseAddress! + done, size - done)
                if n <= 0 { failed = n < 0; break }
                done += n
            }
            initialized = done
        }
        if failed { throw DataError(.invalid("could not be read (errno \(errno))"), file: path) }
    }

    /// Where the text starts: after a UTF-8 byte order mark (which Excel writes at the start of
    /// a CSV), so the first header is "user", not "\u{FEFF}user".
    var contentStart: Int { bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0 }

    /// Decodes one byte range as text. Latin-1 cannot fail; UTF-8 fails on invalid bytes.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, as encoding: Encoding) -> String? {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        switch encoding {
        case .latin1:
            return String(unsafeUninitializedCapacity: slice.count * 2) { out in
                var n = 0
                for b in slice {
                    if b < 0x80 { out[n] = b; n += 1 }
                    else { out[n] = 0xC0 | (b >> 6); out[n + 1] = 0x80 | (b & 0x3F); n += 2 }
                }
                return n
            }
        case .utf8:
            return String(validating: slice, as: UTF8.self)
        }
    }

    /// Calls `body` with each non-empty line's byte range and 1-based line number (a byte order
    /// mark is not part of the first). A trailing `\r` is not part of the line. `endsWithNewline` tells whether the last
    /// line was complete, which readers use to recognise a truncated file.
    func forEachLine(
        _ body: (UnsafeBufferPointer<UInt8>, Range<Int>, Int) throws -> Void
    ) rethrows -> (lines: Int, endsWithNewline: Bool) {
        try bytes.withUnsafeBufferPointer { buf in
            var start = contentStart, lineNumber = 0
            let n = buf.count
            while start < n {
                var end = start
                while end < n && buf[end] != 0x0A { end += 1 }
                lineNumber += 1
                var stop = end
                if stop > start && buf[stop - 1] == 0x0D { stop -= 1 }
                if stop > start { try body(buf, start..<stop, lineNumber) }
                start = end + 1
            }
            return (lineNumber, n == 0 || buf[n - 1] == 0x0A)
        }
    }
}
