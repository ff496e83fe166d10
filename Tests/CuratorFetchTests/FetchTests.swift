import CuratorCore
import CuratorFetch
import CuratorHTTP
import CuratorTestSupport
import Foundation
import Synchronization
import Testing
import ZIPFoundation

@Suite("MD5")
struct MD5Tests {
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func rfc1321Vectors(input: String, digest: String) {
        #expect(MD5.hex(of: Array(input.utf8)) == digest)
    }

    @Test func chunkedUpdatesEqualOneUpdate() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var md5 = MD5()
        for chunk in stride(from: 0, to: bytes.count, by: 37) {
            Array(bytes[chunk..<min(chunk + 37, bytes.count)]).withUnsafeBytes { md5.update($0) }
        }
        #expect(md5.finalize() == MD5.hex(of: bytes))
    }
}

@Suite("MovieLens releases")
struct MovieLensReleaseTests {
    @Test func aMirrorKeepsTheArchiveNameAndChecksum() throws {
        let published = try MovieLensRelease.named("ml-1m")
        #expect(published.url.absoluteString == "https://files.grouplens.org/datasets/movielens/ml-1m.zip")
        let mirrored = try MovieLensRelease.named("ml-1m", mirror: try #require(URL(string: "http://127.0.0.1:9/movielens/")))
        #expect(mirrored.url.absoluteString == "http://127.0.0.1:9/movielens/ml-1m.zip")
        #expect(mirrored.md5 == published.md5 && mirrored.marker == published.marker)
        #expect(throws: FetchError.self) { try MovieLensRelease.named("ml-2k") }
    }
}

/// `curator data fetch` against a local server on 127.0.0.1 serving a zip the test builds.
@Suite("Dataset fetch")
struct FetchTests {
    /// A MovieLens-100K-shaped archive (top folder `ml-100k/`) and its MD5.
    static func archive(in dir: TemporaryDirectory) throws -> (Data, String) {
        dir.write("src/ml-100k/u.data", MovieLensFixtures.u100KData)
        dir.write("src/ml-100k/u.item", bytes: MovieLensFixtures.u100KItem)
        let zip = URL(fileURLWithPath: dir.path + "/ml-100k.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: dir.path + "/src/ml-100k"), to: zip)
        let data = try Data(contentsOf: zip)
        return (data, MD5.hex(of: data))
    }

    static func release(_ server: LocalHTTPServer, md5: String) -> MovieLensRelease {
        MovieLensRelease(name: "ml-100k", url: server.url("/datasets/ml-100k.zip"), md5: md5, marker: "u.data")
    }

    @Test func downloadsVerifiesUnpacksAndThenReuses() async throws {
        let dir = TemporaryDirectory()
        let (zip, md5) = try Self.archive(in: dir)
        let server = try LocalHTTPServer { request in
            request.path == "/datasets/ml-100k.zip" ? ScriptedResponse(body: zip) : .text("not found", status: 404)
        }
        let fetcher = DatasetFetcher(cache: CacheDirectory(path: dir.path + "/cache"))
        let progress = Mutex<Int64>(0)
        let outcome = try await fetcher.fetch(Self.release(server, md5: md5)) { received, _ in progress.withLock { $0 = received } }
        #expect(outcome.downloaded)
        #expect(progress.withLock { $0 } == Int64(zip.count))
        let loaded = try DatasetLoader.load(path: outcome.folder)
        #expect(loaded.format == .movieLens100K && loaded.dataset.interactions.count == 8)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/cache/downloads/ml-100k.zip"), "the archive is removed once unpacked")
        let again = try await fetcher.fetch(Self.release(server, md5: md5))
        #expect(!again.downloaded)
        #expect(server.requests.count == 1, "a finished fetch is reused without a request")
    }

    @Test func checksumMismatchDeletesTheDownloadAndUnpacksNothing() async throws {
        let dir = TemporaryDirectory()
        let (zip, _) = try Self.archive(in: dir)
        let server = try LocalHTTPServer { _ in ScriptedResponse(body: zip) }
        let fetcher = DatasetFetcher(cache: CacheDirectory(path: dir.path + "/cache"))
        let error = await #expect(throws: FetchError.self) {
            try await fetcher.fetch(Self.release(server, md5: String(repeating: "0", count: 32)))
        }
        #expect(error?.kind == .checksumMismatch)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/cache/downloads/ml-100k.zip"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/cache/datasets/ml-100k"))
    }

    @Test func archiveWithoutTheExpectedFilesIsRefused() async throws {
        let dir = TemporaryDirectory()
        dir.write("src/other/readme.txt", "hi")
        let zipURL = URL(fileURLWithPath: dir.path + "/other.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: dir.path + "/src/other"), to: zipURL)
        let zip = try Data(contentsOf: zipURL)
        let server = try LocalHTTPServer { _ in ScriptedResponse(body: zip) }
        let fetcher = DatasetFetcher(cache: CacheDirectory(path: dir.path + "/cache"))
        let error = await #expect(throws: FetchError.self) { try await fetcher.fetch(Self.release(server, md5: MD5.hex(of: zip))) }
        #expect(error?.kind == .badArchive)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: dir.path + "/cache/datasets")) ?? []
        #expect(leftovers.isEmpty, "no half-unpacked folder: \(leftovers)")
    }

    @Test func serverErrorIsReportedWithItsStatus() async throws {
        let dir = TemporaryDirectory()
        let server = try LocalHTTPServer { _ in .text("gone", status: 410) }
        let fetcher = DatasetFetcher(cache: CacheDirectory(path: dir.path + "/cache"))
        let error = await #expect(throws: HTTPError.self) { try await fetcher.fetch(Self.release(server, md5: "00")) }
        #expect(error?.kind == .status(410))
    }
}
