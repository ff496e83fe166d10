import CuratorCore
import CuratorHTTP
import Foundation
import ZIPFoundation

/// Downloads a dataset archive, verifies it, and unpacks it into the cache folder, where
/// `--data` can point. A complete earlier fetch is reused; nothing half-done is left under the
/// final name (the download and the unpacking both finish under temporary names first).
public struct DatasetFetcher: Sendable {
    public let cache: CacheDirectory
    public let client: HTTPClient

    public init(cache: CacheDirectory, client: HTTPClient = HTTPClient()) {
        self.cache = cache
        self.client = client
    }

    public struct Outcome: Sendable {
        /// The unpacked folder.
        public var folder: String
        /// False when an earlier fetch was reused.
        public var downloaded: Bool
    }

    /// The folder a release unpacks to.
    public func folder(for release: MovieLensRelease) -> String {
        cache.path + "/datasets/" + release.name
    }

    /// Fetches `release` unless it is already unpacked.
    /// - Parameter progress: bytes received and the expected total, as they arrive.
    /// - Throws: `HTTPError` for the download, `FetchError` for a checksum mismatch or a bad archive.
    public func fetch(_ release: MovieLensRelease, progress: HTTPClient.DownloadProgress? = nil) async throws -> Outcome {
        let folder = folder(for: release)
        let fm = FileManager.default
        if fm.fileExists(atPath: folder + "/" + release.marker) { return Outcome(folder: folder, downloaded: false) }
        let archive = URL(fileURLWithPath: cache.path + "/downloads/" + release.name + ".zip")
        try await client.download(from: release.url, to: archive, progress: progress)
        let digest = try MD5.file(at: archive.path)
        guard digest == release.md5 else {
            try? fm.removeItem(at: archive)
            throw FetchError(.checksumMismatch, detail: "expected MD5 \(release.md5), got \(digest)")
        }
        let staging = URL(fileURLWithPath: cache.path + "/datasets/.\(release.name).unpacking-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: staging)
        defer { try? fm.removeItem(at: staging) }
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try fm.unzipItem(at: archive, to: staging)
        } catch {
            throw FetchError(.badArchive, detail: "\(archive.path): \(error)")
        }
        // The archives hold one top folder (ml-100k/…); accept files at the top level too.
        let top = staging.appendingPathComponent(release.name)
        let unpacked = fm.fileExists(atPath: top.appendingPathComponent(release.marker).path) ? top : staging
        guard fm.fileExists(atPath: unpacked.appendingPathComponent(release.marker).path) else {
            throw FetchError(.badArchive, detail: "\(archive.path) holds no \(release.marker)")
        }
        try? fm.removeItem(atPath: folder)
        try fm.moveItem(at: unpacked, to: URL(fileURLWithPath: folder))
        try? fm.removeItem(at: archive)
        return Outcome(folder: folder, downloaded: true)
    }
}
