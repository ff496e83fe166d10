import Foundation

/// An exclusive advisory lock (`flock`) on a lock file beside the data it guards, held while a
/// closure runs: writers in other processes wait their turn, so a read–merge–write of a
/// shared file never loses what another wrote in between. The lock ends with the process
/// (even on kill -9); the lock file itself stays and is harmless.
public enum FileLock {
    /// A lock file that could not be opened or locked.
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): could not be locked: \(reason)" }
    }

    /// Runs `body` while holding the lock on `path` (created, with its folder, when missing).
    /// - Throws: `Failure` when the lock cannot be taken, or what `body` throws.
    public static func withExclusiveLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
